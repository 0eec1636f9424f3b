package io.annota.server.support;

import java.nio.charset.StandardCharsets;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Reference;

/** Clinical notes for tests that need something for the NLP to read. */
public final class Notes {

    private Notes() {
    }

    /** A current DocumentReference about {@code patient} ({@code Patient/id}) with {@code text} as UTF-8 text/plain. */
    public static DocumentReference note(String patient, String text) {
        DocumentReference document = new DocumentReference();
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.setSubject(new Reference(patient));
        document.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                .setData(text.getBytes(StandardCharsets.UTF_8)));
        return document;
    }
}
