package io.annota.server.quality;

import io.annota.nlp.Assertion;
import io.annota.server.nlp.AnnotationExtensions;
import io.annota.server.nlp.AnnotationGroups;
import io.annota.server.nlp.AnnotationResources;
import java.util.List;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;

/** Reads a stored annotation resource (any version) as a {@link Mention}. */
final class AnnotationMentions {

    private AnnotationMentions() {
    }

    /** Whether {@code resource} is an annotation (it has evidence and a review-state), not some other resource. */
    static boolean isAnnotation(DomainResource resource) {
        return resource.getExtensionByUrl(AnnotationExtensions.EVIDENCE) != null
                && resource.getExtensionByUrl(AnnotationExtensions.REVIEW_STATE) != null;
    }

    static String state(DomainResource annotation) {
        return annotation.getExtensionByUrl(AnnotationExtensions.REVIEW_STATE).getValue().primitiveValue();
    }

    /** The source the evidence cites, without its version: the document the annotation belongs to. */
    static String document(DomainResource annotation) {
        return source(annotation).getReferenceElement().toUnqualifiedVersionless().getValue();
    }

    static Mention of(DomainResource annotation) {
        Extension evidence = annotation.getExtensionByUrl(AnnotationExtensions.EVIDENCE);
        CodeableConcept concept = AnnotationResources.concept(annotation);
        return new Mention(
                source(annotation).getReference() + " " + value(evidence, AnnotationExtensions.PATH),
                Integer.parseInt(value(evidence, AnnotationExtensions.BEGIN)),
                Integer.parseInt(value(evidence, AnnotationExtensions.END)),
                AnnotationGroups.of(annotation),
                concept.getCoding().stream().map(c -> c.getSystem() + "|" + c.getCode()).collect(Collectors.toSet()),
                assertion(annotation));
    }

    private static Reference source(DomainResource annotation) {
        return (Reference) annotation.getExtensionByUrl(AnnotationExtensions.EVIDENCE)
                .getExtensionByUrl(AnnotationExtensions.SOURCE).getValue();
    }

    private static String value(Extension parent, String name) {
        return parent.getExtensionByUrl(name).getValue().primitiveValue();
    }

    /** The assertion as stored; a flag that is absent counts as not set, an absent subject as the patient. */
    private static Assertion assertion(DomainResource annotation) {
        Extension extension = annotation.getExtensionByUrl(AnnotationExtensions.ASSERTION);
        List<Boolean> flags = AnnotationExtensions.FLAGS.stream()
                .map(flag -> extension != null && extension.getExtensionByUrl(flag) != null
                        && Boolean.parseBoolean(value(extension, flag)))
                .toList();
        String subject = extension != null && extension.getExtensionByUrl(AnnotationExtensions.SUBJECT) != null
                ? value(extension, AnnotationExtensions.SUBJECT) : "patient";
        return new Assertion(flags.get(0), flags.get(1), flags.get(2), flags.get(3), flags.get(4), subject);
    }
}
