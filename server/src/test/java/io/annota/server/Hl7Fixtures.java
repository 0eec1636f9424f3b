package io.annota.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** HL7 v2 test messages from {@code src/test/resources/hl7v2/}, with per-test identifiers filled in; for unit tests too. */
public final class Hl7Fixtures {

    private Hl7Fixtures() {
    }

    /** An ADT^A01 for a patient with a known name, MRN, phone, address, SSN and birth date. */
    public static String admission(String mrn, String controlId) {
        return resource("hl7v2/adt-a01-known-phi.hl7")
                .replace("${MRN}", mrn)
                .replace("${CONTROL_ID}", controlId)
                .replace("${VISIT}", "V" + mrn);
    }

    /** The first segment of {@code message} named {@code name}, or an empty string. */
    public static String segment(String message, String name) {
        return Arrays.stream(message.split("[\r\n]+"))
                .filter(s -> s.startsWith(name + "|"))
                .findFirst()
                .orElse("");
    }

    private static String resource(String path) {
        try (InputStream in = Hl7Fixtures.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
