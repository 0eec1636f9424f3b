package io.annota.synthetic;

import java.util.List;

/** Names of the vendor quirks recorded in {@link GeneratedHl7#quirks()}. */
public final class Quirks {

    /** Segments end with LF instead of CR. */
    public static final String LF = "LF";
    /** Segments end with CR LF. */
    public static final String CRLF = "CRLF";
    /** The bytes start with a UTF-8 byte order mark. */
    public static final String BOM = "BOM";
    /** ISO-8859-1 bytes (accented names as single bytes), MSH-18 {@code 8859/1}. */
    public static final String ISO_8859_1 = "ISO-8859-1";
    /** Non-ASCII characters in UTF-8 (MSH-18 {@code UNICODE UTF-8} from v2.5 on, empty before). */
    public static final String UTF_8 = "UTF-8";
    /** Z-segments (ZPD, ZVI) at the end of the message, carrying PHI. */
    public static final String Z_SEGMENT = "Z-segment";
    /** Text with {@code \F\ \S\ \T\ \R\ \E\} escape sequences; gold values and offsets refer to decoded text. */
    public static final String ESCAPE_SEQUENCES = "escape-sequences";
    /** HL7 nulls ({@code ""}) and trailing empty fields kept. */
    public static final String EMPTY_FIELDS = "empty-fields";
    /** Repeated fields: several PID-3 identifiers, several phones, a note as OBX-5 repetitions. */
    public static final String REPETITIONS = "repetitions";
    /** MSH-9.3 names the trigger's structure instead of HL7's ({@code ADT^A04^ADT_A04}). */
    public static final String TRIGGER_STRUCTURE = "trigger-structure";

    /** Every quirk name. */
    public static final List<String> ALL = List.of(LF, CRLF, BOM, ISO_8859_1, UTF_8, Z_SEGMENT, ESCAPE_SEQUENCES,
            EMPTY_FIELDS, REPETITIONS, TRIGGER_STRUCTURE);

    private Quirks() {
    }
}
