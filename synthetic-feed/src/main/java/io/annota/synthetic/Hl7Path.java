package io.annota.synthetic;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An HL7 v2 field path as used in {@link PhiSpan#path()}:
 * {@code SEG[n]-F[r].C} where
 * <ul>
 *   <li>{@code [n]} is the 1-based occurrence of the segment in message order, written only for segments that
 *       may repeat ({@value #REPEATING_LIST}); other segments occur once;</li>
 *   <li>{@code F} is the field number (MSH-1 is the field separator, as in HL7);</li>
 *   <li>{@code [r]} is the 1-based field repetition, written only from the second repetition on;</li>
 *   <li>{@code .C} is the component, absent when the value fills the whole field (then it is component 1).</li>
 * </ul>
 * A note spread over several segments is written {@code OBX[2..9]-5 (note)}: the decoded OBX-5 values of OBX
 * occurrences 2 to 9, joined with {@code \n}. {@code OBX[2]-5 (note)} is a note held as repetitions of one OBX-5,
 * joined the same way. Offsets of spans with such a path index that joined text; offsets of spans on a single
 * free-text field ({@code NTE[1]-3}, {@code ZPD-4}) index the decoded field value.
 *
 * @param segment segment name
 * @param occurrence 1-based occurrence (first of the range for notes)
 * @param lastOccurrence last occurrence of a note range (equal to {@code occurrence} otherwise)
 * @param field field number
 * @param repetition 1-based repetition
 * @param component 1-based component, 0 for the whole field
 * @param note whether the path names a note (all repetitions / the range of segments, joined with \n)
 */
public record Hl7Path(String segment, int occurrence, int lastOccurrence, int field, int repetition, int component,
        boolean note) {

    static final String REPEATING_LIST = "NK1, ORC, OBR, OBX, NTE";
    /** Segments whose paths carry an occurrence index. */
    public static final Set<String> REPEATING_SEGMENTS = Set.of("NK1", "ORC", "OBR", "OBX", "NTE");

    private static final Pattern PATH = Pattern.compile(
            "([A-Z][A-Z0-9]{2})(?:\\[(\\d+)(?:\\.\\.(\\d+))?])?-(\\d+)(?:\\[(\\d+)])?(?:\\.(\\d+))?( \\(note\\))?");

    /** Parses a path; throws {@link IllegalArgumentException} for anything else. */
    public static Hl7Path parse(String path) {
        Matcher m = PATH.matcher(path);
        if (!m.matches()) {
            throw new IllegalArgumentException("not an HL7 path: " + path);
        }
        int occurrence = m.group(2) == null ? 1 : Integer.parseInt(m.group(2));
        int last = m.group(3) == null ? occurrence : Integer.parseInt(m.group(3));
        return new Hl7Path(m.group(1), occurrence, last, Integer.parseInt(m.group(4)),
                m.group(5) == null ? 1 : Integer.parseInt(m.group(5)),
                m.group(6) == null ? 0 : Integer.parseInt(m.group(6)), m.group(7) != null);
    }

    /** Whether {@code path} looks like an HL7 path (rather than a FHIRPath or {@code NOTE}). */
    public static boolean isHl7Path(String path) {
        return PATH.matcher(path).matches();
    }

    static String format(String segment, int occurrence, int field, int repetition, int component) {
        StringBuilder out = new StringBuilder(segment);
        if (occurrence > 0) {
            out.append('[').append(occurrence).append(']');
        }
        out.append('-').append(field);
        if (repetition > 1) {
            out.append('[').append(repetition).append(']');
        }
        if (component > 0) {
            out.append('.').append(component);
        }
        return out.toString();
    }

    static String noteRange(int first, int last) {
        return "OBX[" + first + (last > first ? ".." + last : "") + "]-5 (note)";
    }
}
