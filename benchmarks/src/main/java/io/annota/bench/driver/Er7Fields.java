package io.annota.bench.driver;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Reads one component of one field out of ER7 text: enough for the driver's bookkeeping (message type,
 * acknowledgement code, error code), without a full parse. Separators come from the MSH segment (MSH-1, MSH-2),
 * else the defaults {@code |^~}.
 */
final class Er7Fields {

    private static final String BOM_AS_LATIN1 = "\u00EF\u00BB\u00BF";

    private final String[] segments;
    private final String fieldSeparator;
    private final String componentSeparator;
    private final String repetitionSeparator;
    private final String subcomponentSeparator;

    private Er7Fields(String text) {
        String trimmed = text.startsWith(BOM_AS_LATIN1) ? text.substring(BOM_AS_LATIN1.length()) : text;
        trimmed = trimmed.stripLeading();
        segments = trimmed.split("[\r\n]+");
        boolean msh = trimmed.startsWith("MSH") && trimmed.length() > 7;
        fieldSeparator = msh ? trimmed.substring(3, 4) : "|";
        componentSeparator = msh ? trimmed.substring(4, 5) : "^";
        repetitionSeparator = msh ? trimmed.substring(5, 6) : "~";
        subcomponentSeparator = msh ? trimmed.substring(7, 8) : "&";
    }

    /** The fields of {@code bytes}, read as ISO-8859-1 (the separators are ASCII in every character set). */
    static Er7Fields of(byte[] bytes) {
        return new Er7Fields(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    /**
     * The first subcomponent of component {@code component} of the first repetition of field {@code field} of the first segment named
     * {@code segment} (all 1-based, fields numbered as in the standard, so MSH-9 is the message type), or "".
     */
    String get(String segment, int field, int component) {
        for (String line : segments) {
            if (line.startsWith(segment + fieldSeparator) || line.equals(segment)) {
                String[] fields = line.split(Pattern.quote(fieldSeparator), -1);
                // MSH-1 is the separator itself, so MSH's fields sit one place earlier in the split
                int index = segment.equals("MSH") ? field - 1 : field;
                if (index < 1 || index >= fields.length) {
                    return "";
                }
                String value = fields[index].split(Pattern.quote(repetitionSeparator), -1)[0];
                String[] components = value.split(Pattern.quote(componentSeparator), -1);
                return component <= components.length
                        ? components[component - 1].split(Pattern.quote(subcomponentSeparator), -1)[0].trim()
                        : "";
            }
        }
        return "";
    }

    /** MSH-9.1^MSH-9.2 if both look like codes (letters and digits), else {@code ?}: never any other content. */
    String messageType() {
        String type = get("MSH", 9, 1);
        String trigger = get("MSH", 9, 2);
        return type.matches("[A-Z0-9]{3}") && trigger.matches("[A-Z0-9]{1,3}") ? type + "^" + trigger : "?";
    }
}
