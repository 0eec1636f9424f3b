package io.annota.nlp;

/** Semantic group of a concept mention, from the annotation type cTAKES chose by the concept's TUI. */
public enum SemanticGroup {
    /** Disease or disorder (TUI T047 and relatives): cTAKES {@code DiseaseDisorderMention}. */
    DISORDER,
    /** Sign or symptom (T184): {@code SignSymptomMention}. */
    SIGN_SYMPTOM,
    /** Medication (T121, T200, ...): {@code MedicationMention}. */
    MEDICATION,
    /** Procedure (T059, T060, T061): {@code ProcedureMention}. */
    PROCEDURE,
    /** Anatomical site (T023, ...): {@code AnatomicalSiteMention}. */
    ANATOMY,
    /** Laboratory test or result (T034, ...): {@code LabMention}. */
    LAB
}
