package io.annota.intake.hl7;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the bytes of an HL7 v2 message (or of a file of messages) into text, honouring the character set the
 * message names in MSH-18 (HL7 table 0211).
 *
 * <ol>
 *   <li>A UTF-8 byte order mark means UTF-8 (the mark is dropped).</li>
 *   <li>Else the first repetition of MSH-18 of the first MSH segment: {@code ASCII}, {@code 8859/1} to
 *       {@code 8859/9}, {@code 8859/15}, {@code UNICODE UTF-8}, and the names senders write instead
 *       ({@code UTF-8}, {@code ISO-8859-1}, {@code UTF8}, any name Java knows).</li>
 *   <li>Else the channel's default. When the message names no character set and is not valid in the default
 *       UTF-8, it is read as Windows-1252 (a superset of ISO-8859-1): senders that leave MSH-18 empty and send
 *       Latin-1 names are common, and replacement characters in a name would be silent corruption.</li>
 * </ol>
 *
 * <p>The header is looked for in an ISO-8859-1 reading of the bytes, which is exact for the ASCII-compatible
 * character sets above. Stateless and thread-safe.
 */
public final class Hl7Charsets {

    /** The text of a message and the character set it was read in (the ACK is written in the same one). */
    public record Decoded(String text, Charset charset) {
    }

    private static final Map<String, Charset> TABLE_0211 = Map.ofEntries(
            Map.entry("ASCII", StandardCharsets.US_ASCII),
            Map.entry("8859/1", StandardCharsets.ISO_8859_1),
            Map.entry("8859/2", Charset.forName("ISO-8859-2")),
            Map.entry("8859/3", Charset.forName("ISO-8859-3")),
            Map.entry("8859/4", Charset.forName("ISO-8859-4")),
            Map.entry("8859/5", Charset.forName("ISO-8859-5")),
            Map.entry("8859/6", Charset.forName("ISO-8859-6")),
            Map.entry("8859/7", Charset.forName("ISO-8859-7")),
            Map.entry("8859/8", Charset.forName("ISO-8859-8")),
            Map.entry("8859/9", Charset.forName("ISO-8859-9")),
            Map.entry("8859/15", Charset.forName("ISO-8859-15")),
            Map.entry("UNICODE UTF-8", StandardCharsets.UTF_8),
            Map.entry("UNICODE", StandardCharsets.UTF_8),
            Map.entry("UTF8", StandardCharsets.UTF_8));

    private static final Charset LATIN_FALLBACK = Charset.forName("windows-1252");

    private Hl7Charsets() {
    }

    /**
     * @param bytes the message as received (MLLP framing already removed by the transport)
     * @param defaultCharset used when there is no BOM and MSH-18 is empty or unknown
     */
    public static Decoded decode(byte[] bytes, Charset defaultCharset) {
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new Decoded(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        }
        Charset named = named(msh18(bytes));
        if (named != null) {
            return new Decoded(new String(bytes, named), named);
        }
        if (defaultCharset.equals(StandardCharsets.UTF_8)) {
            try {
                CharBuffer text = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes));
                return new Decoded(text.toString(), StandardCharsets.UTF_8);
            } catch (CharacterCodingException e) {
                return new Decoded(new String(bytes, LATIN_FALLBACK), LATIN_FALLBACK);
            }
        }
        return new Decoded(new String(bytes, defaultCharset), defaultCharset);
    }

    /** The character set named by an MSH-18 value (or a channel file), or {@code null} if empty or unknown. */
    public static Charset named(String msh18) {
        if (msh18 == null || msh18.isBlank()) {
            return null;
        }
        String name = msh18.trim().toUpperCase(Locale.ROOT);
        Charset known = TABLE_0211.get(name);
        if (known != null) {
            return known;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** MSH-18 (first repetition, first component) of the first MSH segment, or "". */
    private static String msh18(byte[] bytes) {
        String latin = Hl7v2Parser.normalise(new String(bytes, 0, Math.min(bytes.length, 4096),
                StandardCharsets.ISO_8859_1));
        int msh = latin.startsWith("MSH") ? 0 : latin.indexOf("\rMSH") + 1;
        if (msh == 0 && !latin.startsWith("MSH")) {
            return ""; // neither the first segment nor a later one (after FHS/BHS) is an MSH
        }
        MessageHeader header = MessageHeader.read(latin.substring(msh));
        return header == null ? "" : header.get(18, 1);
    }
}
