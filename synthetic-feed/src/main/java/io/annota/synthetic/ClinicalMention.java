package io.annota.synthetic;

import java.util.Objects;

/**
 * One clinical concept written into a note (gold for NLP).
 *
 * @param text the mention as it appears in the note
 * @param begin offset of the mention in the note text
 * @param end offset after the mention (exclusive)
 * @param group {@code DISORDER}, {@code SIGN_SYMPTOM}, {@code MEDICATION} or {@code PROCEDURE}
 * @param negated whether the note says the finding is absent ("denies chest pain", "no fever")
 * @param subject {@code patient} or {@code family_member}
 */
public record ClinicalMention(String text, int begin, int end, String group, boolean negated, String subject) {

    public static final String DISORDER = "DISORDER";
    public static final String SIGN_SYMPTOM = "SIGN_SYMPTOM";
    public static final String MEDICATION = "MEDICATION";
    public static final String PROCEDURE = "PROCEDURE";
    public static final String PATIENT = "patient";
    public static final String FAMILY_MEMBER = "family_member";

    public ClinicalMention {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(subject, "subject");
        if (begin < 0 || end - begin != text.length()) {
            throw new IllegalArgumentException("offsets do not match the mention length");
        }
    }
}
