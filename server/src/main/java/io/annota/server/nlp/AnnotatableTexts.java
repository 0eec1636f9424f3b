package io.annota.server.nlp;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.springframework.util.MimeType;

/**
 * The free texts of a text-bearing resource that the NLP reads, each with its FHIRPath-like element path (which
 * evidence cites), and the patient and encounter they are about. Supported: DocumentReference text/* attachments,
 * DiagnosticReport text/* presentedForm and conclusion, Observation valueString and note texts.
 *
 * @param subject   the resource's subject; without one, nothing is annotated (an annotation needs a patient)
 * @param encounter the resource's (first) encounter, if any
 * @param texts     the texts in element order; empty when there is nothing to read
 */
public record AnnotatableTexts(Reference subject, Optional<Reference> encounter, List<Text> texts) {

    /** One text and where it is in the resource, e.g. {@code Observation.note[0].text}. */
    public record Text(String elementPath, String content) {
    }

    private static final AnnotatableTexts NONE = new AnnotatableTexts(null, Optional.empty(), List.of());

    /** Whether the resource's type can carry texts the NLP reads. */
    public static boolean supports(String resourceType) {
        return switch (resourceType) {
            case "DocumentReference", "DiagnosticReport", "Observation" -> true;
            default -> false;
        };
    }

    /**
     * The texts of {@code resource}: none for other types, for resources without a subject, and for resources the
     * NLP made itself (they carry its evidence; reading them again would annotate annotations).
     */
    public static AnnotatableTexts of(IBaseResource resource) {
        if (resource instanceof DomainResource domain && domain.hasExtension(AnnotationExtensions.EVIDENCE)) {
            return NONE;
        }
        if (resource instanceof DocumentReference document && document.hasSubject()) {
            return of(document);
        }
        if (resource instanceof DiagnosticReport report && report.hasSubject()) {
            return of(report);
        }
        if (resource instanceof Observation observation && observation.hasSubject()) {
            return of(observation);
        }
        return NONE;
    }

    public boolean isEmpty() {
        return texts.isEmpty();
    }

    private static AnnotatableTexts of(DocumentReference document) {
        List<Text> texts = new ArrayList<>();
        for (int i = 0; i < document.getContent().size(); i++) {
            addAttachment(texts, "DocumentReference.content[" + i + "].attachment",
                    document.getContent().get(i).getAttachment());
        }
        return new AnnotatableTexts(document.getSubject(),
                document.getContext().getEncounter().stream().findFirst(), texts);
    }

    private static AnnotatableTexts of(DiagnosticReport report) {
        List<Text> texts = new ArrayList<>();
        for (int i = 0; i < report.getPresentedForm().size(); i++) {
            addAttachment(texts, "DiagnosticReport.presentedForm[" + i + "]", report.getPresentedForm().get(i));
        }
        addText(texts, "DiagnosticReport.conclusion", report.getConclusion());
        return new AnnotatableTexts(report.getSubject(), encounter(report.getEncounter()), texts);
    }

    private static AnnotatableTexts of(Observation observation) {
        List<Text> texts = new ArrayList<>();
        if (observation.hasValueStringType()) {
            addText(texts, "Observation.valueString", observation.getValueStringType().getValue());
        }
        for (int i = 0; i < observation.getNote().size(); i++) {
            addText(texts, "Observation.note[" + i + "].text", observation.getNote().get(i).getText());
        }
        return new AnnotatableTexts(observation.getSubject(), encounter(observation.getEncounter()), texts);
    }

    private static Optional<Reference> encounter(Reference encounter) {
        return encounter.hasReference() ? Optional.of(encounter) : Optional.empty();
    }

    private static void addText(List<Text> texts, String path, String content) {
        if (content != null && !content.isBlank()) {
            texts.add(new Text(path, content));
        }
    }

    private static void addAttachment(List<Text> texts, String path, Attachment attachment) {
        if (attachment.hasData() && attachment.hasContentType()) {
            MimeType type = MimeType.valueOf(attachment.getContentType());
            if (type.getType().equals("text")) {
                String charset = type.getParameter("charset");
                Charset decoding = charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset);
                addText(texts, path, new String(attachment.getData(), decoding));
            }
        }
    }
}
