package io.annota.intake.hl7;

import io.annota.deid.Pseudonymizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Synthetic HL7 v2 fixtures under src/test/resources/hl7v2 and a tiny ER7 reader for asserting ACKs. */
final class Fixtures {

    /** A fixed test key (never a production key). */
    static final byte[] KEY = "annota-test-key-0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private Fixtures() {
    }

    static Pseudonymizer pseudonymizer() {
        return new Pseudonymizer(KEY);
    }

    /** The fixture as text, exactly as stored (a BOM stays U+FEFF, line ends are kept). */
    static String read(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/hl7v2/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Segments of an ER7 message (CR separated). */
    static List<String> segments(String er7) {
        List<String> out = new ArrayList<>();
        for (String s : er7.split("\r")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The first segment named {@code name}, or {@code null}. */
    static String segment(String er7, String name) {
        return segments(er7).stream().filter(s -> s.startsWith(name + "|")).findFirst().orElse(null);
    }

    /** Field {@code field} of the first {@code name} segment; MSH is numbered as in HL7 (MSH-1 is "|"). */
    static String field(String er7, String name, int field) {
        String segment = segment(er7, name);
        if (segment == null) {
            return null;
        }
        List<String> parts = Arrays.asList(segment.split("\\|", -1));
        int index = name.equals("MSH") ? field - 1 : field;
        return index < parts.size() ? parts.get(index) : "";
    }

    /** Component {@code component} (1-based) of a field. */
    static String component(String er7, String name, int field, int component) {
        String value = field(er7, name, field);
        if (value == null) {
            return null;
        }
        String[] parts = value.split("\\^", -1);
        return component - 1 < parts.length ? parts[component - 1] : "";
    }
}
