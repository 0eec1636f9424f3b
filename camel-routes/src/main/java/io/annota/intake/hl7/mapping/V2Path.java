package io.annota.intake.hl7.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in an HL7 v2 message as mapping files write it: {@code PID-3.4.1} (segment, field, component,
 * subcomponent) names a field of the nearest segment of that type; {@code 3.4} or {@code 4.1} (no segment) is
 * relative to where the rule applies (a segment in segment maps, a field repetition or component in datatype
 * maps).
 *
 * @param segment segment type, or {@code null} for a relative path
 * @param positions field, component, subcomponent (1-based; relative paths start at the level they apply to)
 */
record V2Path(String segment, List<Integer> positions) {

    private static final Pattern ABSOLUTE = Pattern.compile("([A-Z][A-Z0-9]{2})-(\\d{1,3}(?:\\.\\d{1,3}){0,2})");
    private static final Pattern RELATIVE = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){0,2}");

    /** Reads {@code PID-3.1} or {@code 3.1}; {@link IllegalArgumentException} with a reason otherwise. */
    static V2Path parse(String text) {
        String t = text.trim();
        Matcher absolute = ABSOLUTE.matcher(t);
        if (absolute.matches()) {
            return new V2Path(absolute.group(1), numbers(absolute.group(2)));
        }
        if (RELATIVE.matcher(t).matches()) {
            return new V2Path(null, numbers(t));
        }
        throw new IllegalArgumentException("'" + t + "' is not an HL7 position (SEG-field.component.subcomponent,"
                + " or field.component relative to the rule)");
    }

    /** Alternatives separated by {@code |}, tried in order: {@code 4.1 | 4.2 | MSH-4.1}. */
    static List<V2Path> parseAlternatives(String text) {
        List<V2Path> out = new ArrayList<>();
        for (String part : text.split("\\|")) {
            out.add(parse(part));
        }
        return List.copyOf(out);
    }

    private static List<Integer> numbers(String dotted) {
        List<Integer> out = new ArrayList<>();
        for (String n : dotted.split("\\.")) {
            int value = Integer.parseInt(n);
            if (value < 1) {
                throw new IllegalArgumentException("positions start at 1, not " + value);
            }
            out.add(value);
        }
        return List.copyOf(out);
    }

    boolean absolute() {
        return segment != null;
    }

    /** The field of an absolute path (0 for relative paths). */
    int field() {
        return absolute() ? positions.get(0) : 0;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(absolute() ? segment + "-" : "");
        for (int i = 0; i < positions.size(); i++) {
            out.append(i == 0 ? "" : ".").append(positions.get(i));
        }
        return out.toString();
    }
}
