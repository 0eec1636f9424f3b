package io.annota.server.export;

import io.annota.server.nlp.AnnotationExtensions;
import io.annota.server.nlp.AnnotationGroups;
import io.annota.server.nlp.AnnotationResources;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Reference;

/** Reads a stored annotation resource (see docs/annotations.md) into its export form. */
final class AnnotationReader {

    private AnnotationReader() {
    }

    /** The source version the evidence cites, e.g. {@code DocumentReference/12/_history/1}. */
    static String source(DomainResource annotation) {
        return ((Reference) evidence(annotation).getExtensionByUrl(AnnotationExtensions.SOURCE).getValue())
                .getReference();
    }

    static String path(DomainResource annotation) {
        return evidence(annotation).getExtensionByUrl(AnnotationExtensions.PATH).getValue().primitiveValue();
    }

    static String reviewState(DomainResource annotation) {
        return annotation.getExtensionByUrl(AnnotationExtensions.REVIEW_STATE).getValue().primitiveValue();
    }

    static ExportRecord.ExportAnnotation read(DomainResource annotation) {
        Extension evidence = evidence(annotation);
        CodeableConcept concept = AnnotationResources.concept(annotation);
        List<ExportRecord.Code> codes = concept.getCoding().stream()
                .map(c -> new ExportRecord.Code(c.getSystem(), c.getCode(), c.getDisplay()))
                .toList();
        return new ExportRecord.ExportAnnotation(
                annotation.getIdElement().toUnqualifiedVersionless().getValue(),
                annotation.getIdElement().getVersionIdPart(),
                integer(evidence, AnnotationExtensions.BEGIN),
                integer(evidence, AnnotationExtensions.END),
                evidence.getExtensionByUrl(AnnotationExtensions.TEXT).getValue().primitiveValue(),
                AnnotationGroups.code(AnnotationGroups.of(annotation)), codes, assertion(annotation), reviewState(annotation));
    }

    /** Whether {@code resource} is an annotation: it carries evidence and a review state. */
    static boolean isAnnotation(DomainResource resource) {
        return resource.hasExtension(AnnotationExtensions.EVIDENCE)
                && resource.hasExtension(AnnotationExtensions.REVIEW_STATE);
    }

    private static Extension evidence(DomainResource annotation) {
        return annotation.getExtensionByUrl(AnnotationExtensions.EVIDENCE);
    }

    private static int integer(Extension evidence, String name) {
        return Integer.parseInt(evidence.getExtensionByUrl(name).getValue().primitiveValue());
    }

    private static ExportRecord.Assertion assertion(DomainResource annotation) {
        Extension assertion = annotation.getExtensionByUrl(AnnotationExtensions.ASSERTION);
        List<Boolean> flags = AnnotationExtensions.FLAGS.stream().map(flag -> flag(assertion, flag)).toList();
        String subject = Optional.ofNullable(assertion)
                .map(a -> a.getExtensionByUrl(AnnotationExtensions.SUBJECT))
                .map(s -> s.getValue().primitiveValue())
                .orElse(null);
        return new ExportRecord.Assertion(flags.get(0), flags.get(1), flags.get(2), flags.get(3), flags.get(4),
                subject);
    }

    private static boolean flag(Extension assertion, String name) {
        Extension flag = assertion == null ? null : assertion.getExtensionByUrl(name);
        return flag != null && ((BooleanType) flag.getValue()).booleanValue();
    }
}
