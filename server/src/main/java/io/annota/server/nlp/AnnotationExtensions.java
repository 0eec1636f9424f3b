package io.annota.server.nlp;

/** Canonical URLs of Annota's annotation extensions (see docs/annotations.md). */
public final class AnnotationExtensions {

    public static final String BASE = "https://annota.io/fhir/StructureDefinition/";
    /** Where the machine found the concept: source document, element, offsets and covered text. */
    public static final String EVIDENCE = BASE + "nlp-evidence";
    /** The NLP's assertion: negated, uncertain, history of, conditional, generic, subject. */
    public static final String ASSERTION = BASE + "nlp-assertion";
    /** unconfirmed until a person accepts, rejects or corrects it. */
    public static final String REVIEW_STATE = BASE + "review-state";

    private AnnotationExtensions() {
    }
}
