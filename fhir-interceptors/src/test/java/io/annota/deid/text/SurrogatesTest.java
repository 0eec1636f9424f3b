package io.annota.deid.text;

import static org.assertj.core.api.Assertions.assertThat;

import io.annota.deid.Pseudonymizer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SurrogatesTest {

    private static byte[] key(int seed) {
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) seed);
        return key;
    }

    private final Surrogates surrogates = new Surrogates(new Pseudonymizer(key(3)), Lexicon.get());
    private final Surrogates otherKey = new Surrogates(new Pseudonymizer(key(9)), Lexicon.get());

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "NAME|Halvard Quintrell|^[A-Z][a-z'-]+ [A-Z][a-z'-]+$",
        "NAME|HALVARD|^[A-Z'-]+$",
        "PHONE|(503) 321-0182|^\\(\\d{3}\\) 555-\\d{4}$",
        "PHONE|+44 20 7946 0958|^\\+\\d{2} \\d{2} \\d555 \\d{4}$",
        "SSN|123-45-6789|^9\\d{2}-\\d{2}-\\d{4}$",
        "ID|QX-40917-2|^[A-Z]{2}-\\d{5}-\\d$",
        "ZIP|97222|^\\d{5}$",
        "EMAIL|ottilie.q@example.net|^user\\.[0-9a-f]{8}@example\\.org$",
        "URL|https://portal.example.net/p/1|^https://example\\.org/[0-9a-f]{8}$",
        "IP|10.0.0.12|^192\\.0\\.2\\.\\d{1,3}$",
        "ADDRESS|1172 Larchmont Avenue|^\\d{4} [A-Z][a-z'-]+ Avenue$",
        "LOCATION|Marysville|^[A-Z][a-z'-]+$",
        "DATE|March 3, 2024|^\\[DATE\\]$",
        "AGE|93|^\\[AGE\\]$"})
    void surrogatesKeepTheShapeOfTheOriginal(PhiType type, String original, String shape) {
        assertThat(surrogates.surrogate(type, original)).matches(shape).isNotEqualTo(original);
    }

    @Test
    void theSameValueGetsTheSameSurrogateUnderOneKeyOnly() {
        assertThat(surrogates.surrogate(PhiType.NAME, "Quintrell")).isEqualTo(surrogates.surrogate(PhiType.NAME, "Quintrell"));
        assertThat(surrogates.surrogate(PhiType.NAME, "Halvard Quintrell")).endsWith(
                " " + surrogates.surrogate(PhiType.NAME, "Quintrell"));
        assertThat(surrogates.surrogate(PhiType.PHONE, "503-321-0182"))
                .isEqualTo(surrogates.surrogate(PhiType.PHONE, "503-321-0182"));
        assertThat(otherKey.surrogate(PhiType.ID, "QX-40917-2")).isNotEqualTo(surrogates.surrogate(PhiType.ID, "QX-40917-2"));
    }
}
