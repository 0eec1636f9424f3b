package io.annota.server.review;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.annota.server.nlp.AnnotatableTexts;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.IdType;

/**
 * The stored text a reviewer's span points into. Stored resources are already de-identified, so the covered text
 * taken from here is too, whatever the reviewer saw.
 */
final class SourceTexts {

    private final DaoRegistry daos;

    SourceTexts(DaoRegistry daos) {
        this.daos = daos;
    }

    /** The stored version {@code source} names (the current one if versionless). */
    IBaseResource read(IdType source) {
        return daos.getResourceDao(source.getResourceType()).read(source, new SystemRequestDetails());
    }

    /** The text at {@code path} in {@code source}; the first text when {@code path} is null. */
    static AnnotatableTexts.Text text(IBaseResource source, String path) {
        return AnnotatableTexts.of(source).texts().stream()
                .filter(t -> path == null || t.elementPath().equals(path))
                .findFirst()
                .orElseThrow(() -> new InvalidRequestException(path == null
                        ? "the source holds no text to annotate" : "the source holds no text at " + path));
    }

    /** {@code text.substring(begin, end)}; 400 for a span outside the text or an empty one. */
    static String covered(String text, int begin, int end) {
        if (begin < 0 || end <= begin || end > text.length()) {
            throw new InvalidRequestException("the span " + begin + "-" + end + " is outside the source text (length "
                    + text.length() + ")");
        }
        return text.substring(begin, end);
    }
}
