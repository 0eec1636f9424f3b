package io.annota.intake.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.model.GenericMessage;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.v251.message.ADT_A01;
import ca.uhn.hl7v2.model.v251.message.ADT_A03;
import ca.uhn.hl7v2.model.v251.message.ORM_O01;
import ca.uhn.hl7v2.model.v251.message.ORU_R01;
import ca.uhn.hl7v2.util.Terser;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Hl7v2ParserTest {

    private static final String MSH = "MSH|^~\\&|SND|SFAC|RCV|RFAC|20240305143000||";

    private final Hl7v2Parser parser = new Hl7v2Parser();

    static Stream<Arguments> normalisation() {
        return Stream.of(
                Arguments.of("CR", "MSH|a\rPID|b\r", "MSH|a\rPID|b"),
                Arguments.of("LF", "MSH|a\nPID|b\n", "MSH|a\rPID|b"),
                Arguments.of("CRLF", "MSH|a\r\nPID|b\r\n", "MSH|a\rPID|b"),
                Arguments.of("UTF-8 BOM", "\uFEFFMSH|a\nPID|b", "MSH|a\rPID|b"),
                Arguments.of("BOM read as ISO-8859-1", "\u00EF\u00BB\u00BFMSH|a\rPID|b", "MSH|a\rPID|b"),
                Arguments.of("MLLP framing", "\u000BMSH|a\rPID|b\r\u001C\r", "MSH|a\rPID|b"),
                Arguments.of("blank lines and trailing blanks", "\r\n  MSH|a  \r\n\r\n   \nPID|b\n\n", "MSH|a\rPID|b"),
                Arguments.of("null", null, ""),
                Arguments.of("empty", "", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("normalisation")
    void normalisesSegmentSeparators(String label, String raw, String expected) {
        assertThat(Hl7v2Parser.normalise(raw)).isEqualTo(expected);
    }

    static Stream<Arguments> structures() {
        return Stream.of(
                Arguments.of("A01 v2.5.1", Fixtures.read("adt_a01_v251.hl7"), ADT_A01.class, "2.5.1"),
                Arguments.of("A04 v2.3, LF, BOM, MSH-9.3 ADT_A04", Fixtures.read("adt_a04_v23_lf_bom.hl7"),
                        ADT_A01.class, "2.3"),
                Arguments.of("A08 v2.8", Fixtures.read("adt_a08_v28.hl7"), ADT_A01.class, "2.8"),
                Arguments.of("A08 with MSH-9.3 ADT_A08", MSH + "ADT^A08^ADT_A08|1|P|2.5\rPID|1||X1", ADT_A01.class, "2.5"),
                Arguments.of("A04 without MSH-9.3", MSH + "ADT^A04|1|P|2.3\rPID|1||X1", ADT_A01.class, "2.3"),
                Arguments.of("A01 with a bogus MSH-9.3", MSH + "ADT^A01^NO_SUCH|1|P|2.4\rPID|1||X1", ADT_A01.class, "2.4"),
                Arguments.of("A03", MSH + "ADT^A03^ADT_A03|1|P|2.6\rPID|1||X1", ADT_A03.class, "2.6"),
                Arguments.of("unknown version", MSH + "ADT^A01^ADT_A01|1|P|2.9.9\rPID|1||X1", ADT_A01.class, "2.9.9"),
                Arguments.of("ORM^O01", Fixtures.read("orm_o01_v251.hl7"), ORM_O01.class, "2.5.1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("structures")
    void parsesIntoCanonicalV251Structures(String label, String raw, Class<? extends Message> expected,
            String version) throws Exception {
        Message message = parser.parse(raw);

        assertThat(message).isNotInstanceOf(GenericMessage.class).isInstanceOf(expected);
        assertThat(new Terser(message).get("/MSH-12")).isEqualTo(version);
    }

    @Test
    void fieldsOfTheBomAndLfFixtureAreRead() throws Exception {
        Terser terser = new Terser(parser.parse(Fixtures.read("adt_a04_v23_lf_bom.hl7")));

        assertThat(terser.get("/MSH-3")).isEqualTo("CLINICREG");
        assertThat(terser.get("/.PID-3-1")).isEqualTo("PAT-777");
        assertThat(terser.get("/.PV1-2")).isEqualTo("O");
    }

    @Test
    void emptyAndUnknownObx2TypesAreLenient() throws Exception {
        String oru = MSH + "ORU^R01^ORU_R01|1|P|2.5.1\r"
                + "PID|1||X1\r"
                + "OBR|1||F1|GLU^Glucose\r"
                + "OBX|1||GLU^Glucose||5.4|mmol/L\r"
                + "OBX|2|TN|TEL^Phone||555\r";

        Message message = parser.parse(oru);

        assertThat(message).isInstanceOf(ORU_R01.class);
        Terser terser = new Terser(message);
        assertThat(terser.get("/PATIENT_RESULT/ORDER_OBSERVATION/OBSERVATION(0)/OBX-5")).isEqualTo("5.4");
        assertThat(terser.get("/PATIENT_RESULT/ORDER_OBSERVATION/OBSERVATION(1)/OBX-5")).isEqualTo("555");
    }

    @Test
    void controlIdsAreUniqueAndFitMsh10() throws Exception {
        String first = parser.idGenerator().getID();
        String second = parser.idGenerator().getID();

        assertThat(first).isNotEqualTo(second).matches("\\d{1,20}");
        assertThat(Long.parseLong(second)).isGreaterThan(Long.parseLong(first));
    }
}
