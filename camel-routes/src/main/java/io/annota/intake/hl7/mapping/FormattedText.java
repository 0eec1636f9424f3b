package io.annota.intake.hl7.mapping;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HL7 formatted text (TX, FT) to plain text lines. HAPI's parser already turns the delimiter escapes
 * ({@code \F\ \S\ \T\ \R\ \E\}) into their characters; what is left are the formatting commands: {@code \.br\}
 * and {@code \.sp\} become line breaks, {@code \Xhh..\} the bytes it encodes (UTF-8), and highlighting
 * ({@code \H\ \N\}), indentation, fill and character set escapes are dropped.
 */
final class FormattedText {

    private static final Pattern ESCAPE = Pattern.compile(
            "\\\\(\\.br|\\.sp *\\d*|\\.in *[+-]?\\d*|\\.ti *[+-]?\\d*|\\.sk *[+-]?\\d*|\\.fi|\\.nf|\\.ce|H|N"
                    + "|X(?:[0-9A-Fa-f]{2})*|Z[^\\\\]*|C[0-9A-Fa-f]{4}|M[0-9A-Fa-f]{4,6})\\\\");

    private FormattedText() {
    }

    static String decode(String value) {
        Matcher m = ESCAPE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String replacement(String command) {
        if (command.startsWith(".br") || command.startsWith(".sp") || command.equals(".ce")) {
            return "\n";
        }
        if (command.startsWith("X")) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (int i = 1; i + 1 < command.length(); i += 2) {
                bytes.write(Integer.parseInt(command.substring(i, i + 2), 16));
            }
            return bytes.toString(StandardCharsets.UTF_8);
        }
        return "";
    }

    /** The decoded lines joined with line feeds, or null if there are none. */
    static String join(List<String> lines) {
        return lines.isEmpty() ? null : String.join("\n", lines);
    }
}
