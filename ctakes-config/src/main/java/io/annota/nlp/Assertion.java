package io.annota.nlp;

/**
 * Assertion attributes of a mention, as cTAKES determined them.
 *
 * @param negated     the text says the concept is absent ("denies chest pain")
 * @param uncertain   hedged ("possible pneumonia", "rule out ...")
 * @param historyOf   past history rather than a current problem
 * @param conditional only under a condition ("if chest pain recurs")
 * @param generic     mentioned generically, not about this patient's condition
 * @param subject     who experiences it: {@code "patient"}, {@code "family_member"}, ...
 */
public record Assertion(boolean negated, boolean uncertain, boolean historyOf, boolean conditional, boolean generic,
                        String subject) {
}
