package io.annota.server.nlp;

import io.annota.nlp.ClinicalNlp;
import io.annota.nlp.ConceptMention;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.util.MimeType;

/**
 * Runs every {@code text/*} attachment of one DocumentReference version through the NLP and builds (does not
 * store) the annotation resources. Shared by the queue's writes and by {@code $annotate} so both give the same
 * resources for the same document.
 */
final class DocumentMentions {

    private DocumentMentions() {
    }

    /**
     * One resource per mention, in text order.
     *
     * @param document a stored version (its id carries the version the evidence will cite)
     */
    static List<DomainResource> of(DocumentReference document, ClinicalNlp nlp) {
        List<DomainResource> resources = new ArrayList<>();
        if (!document.hasSubject()) {
            // annotations are about a patient: without one there is nothing to attach them to
            return resources;
        }
        Reference versioned = new Reference(document.getIdElement().toUnqualified().getValue());
        Optional<Reference> encounter = document.getContext().getEncounter().stream().findFirst();
        for (int i = 0; i < document.getContent().size(); i++) {
            Attachment attachment = document.getContent().get(i).getAttachment();
            if (!isText(attachment)) {
                continue;
            }
            AnnotationResources.Source source = new AnnotationResources.Source(
                    versioned, "DocumentReference.content[" + i + "].attachment", document.getSubject(), encounter);
            for (ConceptMention mention : nlp.annotate(text(attachment))) {
                resources.add(AnnotationResources.toResource(mention, source));
            }
        }
        return resources;
    }

    private static boolean isText(Attachment attachment) {
        return attachment.hasData() && attachment.hasContentType()
                && MimeType.valueOf(attachment.getContentType()).getType().equals("text");
    }

    private static String text(Attachment attachment) {
        String charset = MimeType.valueOf(attachment.getContentType()).getParameter("charset");
        Charset decoding = charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset);
        return new String(attachment.getData(), decoding);
    }
}
