package io.annota.intake.hl7;

import java.util.ArrayList;
import java.util.List;

/**
 * A lenient reading of the MSH segment of normalised ER7 text, independent of HAPI's parser, so that an ACK
 * can still address the sender and quote MSH-10 when the rest of the message cannot be parsed. Reads only
 * header fields, which carry no patient data.
 */
final class MessageHeader {

    private final List<String> fields;
    private final char componentSeparator;
    private final boolean encodingValid;

    private MessageHeader(List<String> fields, char componentSeparator, boolean encodingValid) {
        this.fields = fields;
        this.componentSeparator = componentSeparator;
        this.encodingValid = encodingValid;
    }

    /**
     * Reads the first segment of {@code normalised} (see {@link Hl7v2Parser#normalise(String)}) if it is an
     * MSH segment; {@code null} otherwise.
     */
    static MessageHeader read(String normalised) {
        if (normalised == null || normalised.length() < 4 || !normalised.startsWith("MSH")) {
            return null;
        }
        int end = normalised.indexOf('\r');
        String segment = end < 0 ? normalised : normalised.substring(0, end);
        char fieldSeparator = segment.charAt(3);
        List<String> fields = split(segment, fieldSeparator);
        // fields.get(0) is "MSH", fields.get(1) is MSH-2; MSH-n is fields.get(n - 1)
        String encoding = fields.size() > 1 ? fields.get(1) : "";
        boolean valid = isDelimiter(fieldSeparator) && validEncodingCharacters(encoding, fieldSeparator);
        char componentSeparator = valid ? encoding.charAt(0) : '^';
        return new MessageHeader(fields, componentSeparator, valid);
    }

    /** Whether MSH-1 and MSH-2 hold usable, distinct delimiters (4 or 5 encoding characters). */
    boolean encodingValid() {
        return encodingValid;
    }

    /**
     * Component {@code component} (1-based) of the first repetition of MSH-{@code field}, or "" if absent.
     * Nothing is read unless MSH-1 and MSH-2 are valid: text that merely starts with "MSH" may be free text
     * with patient data, which must not be echoed into an ACK.
     */
    String get(int field, int component) {
        if (!encodingValid || field < 3 || field - 1 >= fields.size()) {
            return "";
        }
        String value = fields.get(field - 1);
        int repetition = value.indexOf(repetitionSeparator());
        if (repetition >= 0) {
            value = value.substring(0, repetition);
        }
        List<String> components = split(value, componentSeparator);
        return component - 1 < components.size() ? components.get(component - 1) : "";
    }

    private char repetitionSeparator() {
        return fields.get(1).charAt(1);
    }

    private static boolean validEncodingCharacters(String encoding, char fieldSeparator) {
        if (encoding.length() != 4 && encoding.length() != 5) {
            return false;
        }
        for (int i = 0; i < encoding.length(); i++) {
            char c = encoding.charAt(i);
            if (!isDelimiter(c) || c == fieldSeparator || encoding.indexOf(c) != i) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDelimiter(char c) {
        return c > ' ' && c < 0x7F && !Character.isLetterOrDigit(c);
    }

    private static List<String> split(String text, char separator) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == separator) {
                parts.add(text.substring(from, i));
                from = i + 1;
            }
        }
        return parts;
    }
}
