package io.annota.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Hl7PathTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "PID-5.1;          PID; 1; 1; 5; 1; 1; false",
        "PID-19;           PID; 1; 1; 19; 1; 0; false",
        "NK1[1]-2.1;       NK1; 1; 1; 2; 1; 1; false",
        "PID-13[3].4;      PID; 1; 1; 13; 3; 4; false",
        "OBX[3]-5;         OBX; 3; 3; 5; 1; 0; false",
        "OBX[2..6]-5 (note); OBX; 2; 6; 5; 1; 0; true",
        "OBX[4]-5 (note);  OBX; 4; 4; 5; 1; 0; true",
        "ZPD-4;            ZPD; 1; 1; 4; 1; 0; false"})
    void parses(String path, String segment, int occurrence, int last, int field, int repetition, int component,
            boolean note) {
        assertThat(Hl7Path.parse(path))
                .isEqualTo(new Hl7Path(segment, occurrence, last, field, repetition, component, note));
        assertThat(Hl7Path.isHl7Path(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"NOTE", "Patient.name[0].family", "DocumentReference.content[0].attachment", "PID5"})
    void rejectsOtherPaths(String path) {
        assertThat(Hl7Path.isHl7Path(path)).isFalse();
        assertThatThrownBy(() -> Hl7Path.parse(path)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @CsvSource({"PID, 0, 5, 1, 1, PID-5.1", "NK1, 1, 2, 1, 1, NK1[1]-2.1", "PID, 0, 13, 2, 1, PID-13[2].1",
        "OBX, 3, 5, 1, 0, OBX[3]-5"})
    void formats(String segment, int occurrence, int field, int repetition, int component, String expected) {
        assertThat(Hl7Path.format(segment, occurrence, field, repetition, component)).isEqualTo(expected);
    }
}
