package io.annota.server.nlp;

import io.annota.nlp.SemanticGroup;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;

/**
 * The semantic group of an annotation, as written in its nlp-evidence ({@code group}): the label training data and
 * quality figures are broken down by. Disorders and symptoms are both Conditions, so the resource type alone does
 * not tell them apart.
 */
public final class AnnotationGroups {

    /** The group codes, in {@link SemanticGroup} order: disorder, sign-symptom, medication, ... */
    public static final List<String> CODES = Arrays.stream(SemanticGroup.values()).map(AnnotationGroups::code).toList();

    /** Where annotations written before the group was recorded keep their symptoms' codes. */
    private static final String SYMPTOM_ONTOLOGY = "http://purl.obolibrary.org/obo/symp.owl";

    private AnnotationGroups() {
    }

    /** {@code sign-symptom} for {@link SemanticGroup#SIGN_SYMPTOM}, and so on. */
    public static String code(SemanticGroup group) {
        return group.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The group a code names, if it names one. */
    public static Optional<SemanticGroup> parse(String code) {
        int index = code == null ? -1 : CODES.indexOf(code);
        return index < 0 ? Optional.empty() : Optional.of(SemanticGroup.values()[index]);
    }

    /** The group of a stored annotation; one written before groups were recorded is judged by its type and codes. */
    public static SemanticGroup of(DomainResource annotation) {
        Extension evidence = annotation.getExtensionByUrl(AnnotationExtensions.EVIDENCE);
        Extension group = evidence == null ? null : evidence.getExtensionByUrl(AnnotationExtensions.GROUP);
        if (group != null) {
            return parse(group.getValue().primitiveValue()).orElseThrow(() -> new IllegalArgumentException(
                    annotation.getIdElement().getValue() + " has an unknown group"));
        }
        return switch (annotation.fhirType()) {
            case "Condition" -> ((Condition) annotation).getCode().getCoding().stream()
                    .anyMatch(c -> SYMPTOM_ONTOLOGY.equals(c.getSystem()))
                    ? SemanticGroup.SIGN_SYMPTOM : SemanticGroup.DISORDER;
            case "MedicationStatement" -> SemanticGroup.MEDICATION;
            case "Procedure" -> SemanticGroup.PROCEDURE;
            case "Observation" -> SemanticGroup.LAB;
            case "BodyStructure" -> SemanticGroup.ANATOMY;
            default -> throw new IllegalArgumentException("not an annotation type: " + annotation.fhirType());
        };
    }
}
