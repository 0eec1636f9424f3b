package io.annota.intake.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Hl7TimestampsTest {

    private final Hl7Timestamps utc = new Hl7Timestamps(ZoneOffset.UTC);
    private final Hl7Timestamps berlin = new Hl7Timestamps(ZoneId.of("Europe/Berlin"));

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "2024,                     2024",
        "202403,                   2024-03",
        "20240305,                 2024-03-05",
        "20240305-0500,            2024-03-05",
        "2024030514,               2024-03-05T14:00:00+00:00",
        "202403051430,             2024-03-05T14:30:00+00:00",
        "20240305143015,           2024-03-05T14:30:15+00:00",
        "20240305143015.1,         2024-03-05T14:30:15.100+00:00",
        "20240305143015.1234,      2024-03-05T14:30:15.123+00:00",
        "20240305143015+0130,      2024-03-05T14:30:15+01:30",
        "20240305143015-0500,      2024-03-05T14:30:15-05:00",
        "20240305143015.25-0800,   2024-03-05T14:30:15.250-08:00",
    })
    void dateTimeKeepsPrecisionAndOffset(String hl7, String fhir) {
        assertThat(utc.dateTime(hl7).getValueAsString()).isEqualTo(fhir);
    }

    @ParameterizedTest(name = "{0} in Europe/Berlin -> {1}")
    @CsvSource({
        "202401151000,        2024-01-15T10:00:00+01:00",
        "202407151000,        2024-07-15T10:00:00+02:00",
        "202407151000+0000,   2024-07-15T10:00:00+00:00",
        "20240715,            2024-07-15",
    })
    void valuesWithoutOffsetUseTheDefaultZone(String hl7, String fhir) {
        assertThat(berlin.dateTime(hl7).getValueAsString()).isEqualTo(fhir);
    }

    @ParameterizedTest(name = "date {0} -> {1}")
    @CsvSource({
        "1980,                 1980",
        "198002,               1980-02",
        "19800229,             1980-02-29",
        "198002291230,         1980-02-29",
        "19800229123000+0500,  1980-02-29",
    })
    void dateKeepsOnlyTheDatePart(String hl7, String fhir) {
        assertThat(utc.date(hl7).getValueAsString()).isEqualTo(fhir);
    }

    @ParameterizedTest(name = "invalid: \"{0}\"")
    @ValueSource(strings = {"", "abc", "198", "1980021", "19810229", "19801301", "2024030525", "202403051261",
        "20240305143015+05", "2024-03-05", "20240305 1430"})
    void invalidValuesAreRejectedWithoutEchoingThem(String hl7) {
        assertThatThrownBy(() -> utc.dateTime(hl7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a valid HL7 TS/DTM value");
    }
}
