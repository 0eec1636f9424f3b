package io.annota.server.intake.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * One watched NDJSON directory ({@code type: ndjson} in the channel file): what its route calls for each file.
 * The route hands files over in dependency order ({@link ResourceOrder}) and moves each to the folder the
 * report names.
 */
public final class NdjsonChannel {

    private final String id;
    private final NdjsonFiles files;
    private final NdjsonImporter importer;

    public NdjsonChannel(String id, NdjsonFiles files, NdjsonImporter importer) {
        this.id = id;
        this.files = files;
        this.importer = importer;
    }

    public String id() {
        return id;
    }

    /**
     * Imports the file at {@code path}; lines of another type than its name says fail.
     *
     * @throws UncheckedIOException if it cannot be read: the route moves it to error/, its checkpoint stays, and
     *         the same file dropped again continues after it
     */
    public ImportReport receiveFile(String path) {
        Path file = Path.of(path);
        String name = file.getFileName().toString();
        if (files.describesExport(file)) {
            return ImportReport.skipped(name);
        }
        FileProgress progress = new FileProgress(name, files.resourceType(name));
        try {
            importer.importFile(file, id, progress);
        } catch (IOException e) {
            throw new UncheckedIOException("NDJSON file " + name + " could not be read", e);
        }
        return ImportReport.of(progress);
    }
}
