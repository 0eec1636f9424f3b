package io.annota.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.Year;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class QuasiIdentifiersTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
            "1980, 2025-03-01, 40-49",
            "1985, 2025-12-31, 40-49",
            "1986, 2025-01-01, 30-39",
            "2025, 2025-06-01, 0-9",
            "1935, 2025-01-01, 90+",
            "1936, 2025-01-01, 80-89",
            "2026, 2025-01-01, null",
            "null, 2025-01-01, null",
            "1980, null, null"})
    void ageBands(String birthYear, String documentDate, String band) {
        assertThat(QuasiIdentifiers.ageBand(birthYear == null ? null : Year.parse(birthYear),
                documentDate == null ? null : LocalDate.parse(documentDate))).isEqualTo(band);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"02139, 021", "021, 021", "  10001-1234, 100", "02, null",
            "SW1A 1AA, null", "null, null"})
    void zip3(String postalCode, String zip3) {
        assertThat(QuasiIdentifiers.zip3(postalCode)).isEqualTo(zip3);
    }

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {"2024-12-31, 2024", "null, null"})
    void yearOfTheDocument(String documentDate, String year) {
        assertThat(QuasiIdentifiers.of(Year.of(1970), "male", "021",
                documentDate == null ? null : LocalDate.parse(documentDate)).year()).isEqualTo(year);
    }
}
