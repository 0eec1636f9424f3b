package io.annota.intake.hl7.mapping;

import java.util.Locale;
import java.util.Map;

/**
 * A code translation table (the IG's vocabulary maps): HL7 code to FHIR value. Keys compare without regard to
 * case; {@code "*"} is the value for any other code and {@code ""} the value when the field is absent. A value is
 * either a single string, or (for targets such as Coding) element paths relative to the target with their
 * strings. A YAML null value ({@code ~}) means "no FHIR value".
 *
 * @param entries upper-case HL7 code to assignments; a single value has the path {@code ""}
 */
record Vocabulary(String name, Map<String, Map<String, String>> entries, String at) {

    static final String ANY = "*";
    static final String ABSENT = "";

    /** The assignments for {@code code} (null for an absent field), or null if the table gives no value. */
    Map<String, String> lookup(String code) {
        if (code == null) {
            return entries.get(ABSENT);
        }
        Map<String, String> exact = entries.get(code.toUpperCase(Locale.ROOT));
        if (exact != null || entries.containsKey(code.toUpperCase(Locale.ROOT))) {
            return exact;
        }
        return entries.get(ANY);
    }

    /** Whether its values are single strings (else paths with strings). */
    boolean scalar() {
        return entries.values().stream().allMatch(v -> v == null || (v.size() == 1 && v.containsKey("")));
    }
}
