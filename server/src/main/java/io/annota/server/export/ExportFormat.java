package io.annota.server.export;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The export formats, with the media type and file extension each is delivered with. */
public enum ExportFormat {
    JSONL("application/x-ndjson", "jsonl"),
    BIOC("application/xml", "xml"),
    BRAT("application/zip", "zip");

    private final String mediaType;
    private final String extension;

    ExportFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    /** The format named ({@code jsonl}, {@code bioc}, {@code brat}); JSONL when none is; 400 for another name. */
    public static ExportFormat named(String name) {
        if (name == null || name.isBlank()) {
            return JSONL;
        }
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("format must be one of " + Arrays.stream(values())
                    .map(f -> f.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        }
    }

    public String mediaType() {
        return mediaType;
    }

    public String extension() {
        return extension;
    }

    /** A writer of this format onto {@code out}; it writes the format's header at once. */
    public ExportWriter writer(OutputStream out) throws IOException {
        return switch (this) {
            case JSONL -> new JsonlExportWriter(out);
            case BIOC -> new BiocExportWriter(out);
            case BRAT -> new BratExportWriter(out);
        };
    }
}
