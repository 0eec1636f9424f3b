package io.annota.server.nlp;

import java.util.List;

/**
 * Canonical URLs and sub-extension names of Annota's annotation extensions (see docs/annotations.md). The
 * resources, their StructureDefinitions and the SearchParameters over them all take the names from here.
 */
public final class AnnotationExtensions {

    public static final String BASE = "https://annota.io/fhir/StructureDefinition/";
    /** Where the machine found the concept: source document, element, offsets and covered text. */
    public static final String EVIDENCE = BASE + "nlp-evidence";
    /** The NLP's assertion: negated, uncertain, history of, conditional, generic, subject. */
    public static final String ASSERTION = BASE + "nlp-assertion";
    /** unconfirmed until a person accepts, rejects or corrects it. */
    public static final String REVIEW_STATE = BASE + "review-state";

    /** nlp-evidence: the source resource version (Reference). */
    public static final String SOURCE = "source";
    /** nlp-evidence: FHIRPath of the element holding the text (string). */
    public static final String PATH = "path";
    /** nlp-evidence: offset of the first character (integer). */
    public static final String BEGIN = "begin";
    /** nlp-evidence: offset after the last character (integer). */
    public static final String END = "end";
    /** nlp-evidence: the covered text (string). */
    public static final String TEXT = "text";
    /** nlp-evidence: the semantic group the concept was found as (code, see {@link AnnotationGroups}). */
    public static final String GROUP = "group";

    /** nlp-assertion flags (boolean each), in the order they are written. */
    public static final List<String> FLAGS = List.of("negated", "uncertain", "historyOf", "conditional", "generic");
    /** nlp-assertion: who experiences the concept (code: patient, family_member, ...). */
    public static final String SUBJECT = "subject";
    /** The subject codes cTAKES assigns (its {@code CONST.ATTR_SUBJECT_*}). */
    public static final List<String> SUBJECTS =
            List.of("patient", "family_member", "donor_family_member", "donor_other", "other");

    /** The resource types annotations are written as, one per semantic group (two groups share Condition). */
    public static final List<String> ANNOTATED_TYPES =
            List.of("Condition", "MedicationStatement", "Procedure", "Observation", "BodyStructure");
    /** The resource types the evidence may cite as its source. */
    public static final List<String> SOURCE_TYPES = List.of("DocumentReference", "DiagnosticReport", "Observation");

    private AnnotationExtensions() {
    }
}
