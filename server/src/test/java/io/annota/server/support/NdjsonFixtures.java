package io.annota.server.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The small synthetic Bulk Data export of {@code src/test/resources/ndjson} (see its README). */
public final class NdjsonFixtures {

    /** Its files, in dependency order. */
    public static final List<String> FILES = List.of("Organization.ndjson", "Practitioner.ndjson", "Patient.ndjson",
            "Encounter.ndjson", "DocumentReference.ndjson", "log.ndjson");

    private NdjsonFixtures() {
    }

    /** Writes the files into {@code target} with {@code RUN} in ids and identifiers replaced by {@code run}. */
    public static void copy(Path target, String run) throws IOException {
        for (String name : FILES) {
            try (InputStream in = NdjsonFixtures.class.getResourceAsStream("/ndjson/" + name)) {
                Files.writeString(target.resolve(name),
                        new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("RUN", run));
            }
        }
    }
}
