package io.annota.synthetic;

import java.util.Objects;

/**
 * One injected PHI value (gold).
 *
 * @param type what kind of PHI it is
 * @param value the value exactly as a reader of the decoded field or text sees it (HL7 escape sequences
 *        decoded, base64 attachments decoded)
 * @param path where the value went: an HL7 field path such as {@code PID-5.1}, {@code NK1[1]-2.1},
 *        {@code PID-13[2].1} or {@code OBX[3]-5} (see {@link Hl7Path}); a FHIRPath on the bundle entry's
 *        resource such as {@code Patient.name[0].family}; or, for free text, the path of the text element
 *        ({@code OBX[2..6]-5 (note)}, {@code NTE[1]-3}, {@code DocumentReference.content[0].attachment},
 *        {@code NOTE} for a stand-alone note)
 * @param begin offset (UTF-16 chars) of the value in that free text, or -1 for a structured field
 * @param end offset after the value (exclusive), or -1 for a structured field
 */
public record PhiSpan(PhiType type, String value, String path, int begin, int end) {

    public PhiSpan {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(path, "path");
        if (begin < 0 != end < 0 || (begin >= 0 && end - begin != value.length())) {
            throw new IllegalArgumentException("offsets do not match the value length");
        }
    }

    /** A value that fills a structured field (no offsets). */
    public static PhiSpan field(PhiType type, String value, String path) {
        return new PhiSpan(type, value, path, -1, -1);
    }

    /** Whether the value lies inside free text at {@link #begin()}..{@link #end()}. */
    public boolean inText() {
        return begin >= 0;
    }

    /** The same span, moved to another path and shifted by {@code delta} characters (free text only). */
    PhiSpan relocate(String newPath, int delta) {
        return inText() ? new PhiSpan(type, value, newPath, begin + delta, end + delta)
                : new PhiSpan(type, value, newPath, -1, -1);
    }
}
