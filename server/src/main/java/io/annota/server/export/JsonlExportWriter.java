package io.annota.server.export;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * JSON Lines: one JSON object per record and line (the record's fields as named in {@link ExportRecord}, plus
 * {@code document}; absent values are omitted).
 */
final class JsonlExportWriter implements ExportWriter {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private final OutputStream out;

    JsonlExportWriter(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(ExportRecord record) throws IOException {
        MAPPER.writeValue(out, Line.of(record));
        out.write('\n');
    }

    @Override
    public void finish() throws IOException {
        out.flush();
    }

    /** The JSON shape of a record: the document reference first, for readers that grep. */
    record Line(String document, String resourceType, String id, String version, String path, String patient,
            QuasiIdentifiers quasiIdentifiers, String text, List<ExportRecord.ExportAnnotation> annotations) {

        static Line of(ExportRecord record) {
            return new Line(record.document(), record.resourceType(), record.id(), record.version(), record.path(),
                    record.patient(), record.quasiIdentifiers(), record.text(), record.annotations());
        }
    }
}
