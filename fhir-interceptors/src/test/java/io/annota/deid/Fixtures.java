package io.annota.deid;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;

/** Synthetic test data: every name, number and address here is invented. */
final class Fixtures {

    static final FhirContext R4 = FhirContext.forR4Cached();

    static final byte[] KEY = key(7);
    static final byte[] OTHER_KEY = key(42);

    /** Every identifying string of patient/patient-full.json and note/progress-note.txt. */
    static final List<String> PATIENT_PHI = List.of(
            "Marisol", "Renata", "Okonkwo", "Vance", "Mari", "Thistlewood", "Quillmere", "MRN448812", "448812",
            "900-12-3456", "900123456", "LOCAL-77310", "77310", "555-0143", "5550143", "555-0178", "example.org",
            "Larkspur", "Apt 3B", "Fairhaven", "Bristol", "02719", "1984-07-19", "07-19", "July 19", "Hollis",
            "Ferncastle", "Desmond", "iVBOR");

    private Fixtures() {
    }

    static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        key[0] = (byte) (seed * 31);
        return key;
    }

    static String text(String path) {
        try (InputStream in = Fixtures.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static <T extends IBaseResource> T resource(String path, Class<T> type) {
        return R4.newJsonParser().parseResource(type, text(path));
    }

    static String json(IBaseResource resource) {
        return R4.newJsonParser().encodeResourceToString(resource);
    }
}
