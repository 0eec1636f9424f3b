package io.annota.synthetic;

/** Minimal JSON writing for gold lines (keys in the given order, strings escaped). */
final class Json {

    private Json() {
    }

    /** An object from alternating keys and values (String, Number, Boolean). */
    static String object(Object... keysAndValues) {
        StringBuilder out = new StringBuilder("{");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            if (i > 0) {
                out.append(',');
            }
            string(out, (String) keysAndValues[i]);
            out.append(':');
            Object value = keysAndValues[i + 1];
            if (value instanceof String s) {
                string(out, s);
            } else {
                out.append(value);
            }
        }
        return out.append('}').toString();
    }

    static void string(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append("\\u00").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
