package io.annota.deid.rules;

import io.annota.deid.text.PhiType;

/**
 * The parameters of a rule's method, validated at start-up. Fields a method does not use are null or default.
 *
 * @param domain    cryptoHash: the hash domain for values other than identifiers and references (default "value")
 * @param value     substitute: the fixed replacement
 * @param surrogate substitute: the kind of realistic surrogate (consistent per original value), or null for a
 *                  fixed {@code value}
 * @param span      perturb: the largest change (absolute, or a fraction of the value when proportional)
 * @param proportional perturb: whether {@code span} is a fraction of the value
 * @param roundTo   perturb: decimal places of the result, or null to keep the value's own precision
 * @param to        generalize: the target precision
 */
public record Parameters(
        String domain, String value, PhiType surrogate, double span, boolean proportional, Integer roundTo,
        Generalization to) {

    public static final Parameters NONE = new Parameters(null, null, null, 0, false, null, null);

    /** Targets of {@link Method#GENERALIZE}. */
    public enum Generalization {
        /** Dates and times to their year. */
        YEAR("year"),
        /** Dates and times to year and month. */
        MONTH("month"),
        /** Birth dates to the year, removed entirely if they reveal an age over 89 (Safe Harbor). */
        BIRTH_YEAR("birthYear"),
        /** US ZIP codes (postal codes, and Address) to the first three digits, 000 for sparse areas (Safe Harbor). */
        ZIP3("zip3"),
        /** Addresses to town, state, full postal code and country (the limited data set): street lines go. */
        CITY("city"),
        /** Ages (Age, Quantity in years, integers) over 89 to "90 or more". */
        AGE_90("age90");

        private final String yamlName;

        Generalization(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }
}
