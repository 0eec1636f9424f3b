package io.annota.intake.hl7.mapping;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The value converters mapping files can name in {@code as} where a vocabulary or a datatype map cannot express
 * the rule. Each gets the cursor on the rule's position and the value read there (null if absent) and returns
 * the FHIR value, or null for none.
 */
final class Converters {

    /** Prefix of Identifier.system for HL7 v2 identifiers; the assigning authority follows, URL-encoded. */
    static final String IDENTIFIER_SYSTEM_PREFIX = "urn:annota:hl7v2:id:";
    /** Prefix of Coding.system for coding systems no vocabulary knows; the HL7 name follows, URL-encoded. */
    static final String CODE_SYSTEM_PREFIX = "urn:annota:hl7v2:codesystem:";

    interface Converter {
        String convert(Cursor at, String value);
    }

    private static final Map<String, Converter> CONVERTERS = Map.of(
            "identifierSystem", (at, value) -> value == null ? null : IDENTIFIER_SYSTEM_PREFIX + encode(value),
            "codeSystem", (at, value) -> value == null ? null : CODE_SYSTEM_PREFIX + encode(value),
            "phone", (at, value) -> phone(at),
            "joined", (at, value) -> at.components().isEmpty() ? null : String.join(" ", at.components()),
            "text", (at, value) -> value == null ? null : FormattedText.decode(value));

    private Converters() {
    }

    static boolean exists(String name) {
        return CONVERTERS.containsKey(name);
    }

    static Converter get(String name) {
        return CONVERTERS.get(name);
    }

    static List<String> names() {
        return List.copyOf(new TreeSet<>(CONVERTERS.keySet()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** XTN-1 as sent, else built from XTN-5..8 ({@code +cc (area) local xext}), else XTN-12. */
    private static String phone(Cursor at) {
        String formatted = at.read(List.of(1));
        if (formatted != null) {
            return formatted;
        }
        String local = at.read(List.of(7));
        if (local == null) {
            return at.read(List.of(12));
        }
        String country = at.read(List.of(5));
        String area = at.read(List.of(6));
        String extension = at.read(List.of(8));
        StringBuilder phone = new StringBuilder();
        if (country != null) {
            phone.append('+').append(country).append(' ');
        }
        if (area != null) {
            phone.append('(').append(area).append(") ");
        }
        phone.append(local);
        if (extension != null) {
            phone.append(" x").append(extension);
        }
        return phone.toString();
    }
}
