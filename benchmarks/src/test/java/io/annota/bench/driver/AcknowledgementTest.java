package io.annota.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AcknowledgementTest {

    @Test
    void readsTheCode() {
        assertThat(read("MSH|^~\\&|A\rMSA|AA|1\r")).isEqualTo(new Acknowledgement("AA", "", ""));
        assertThat(read("MSH#^~\\&#A\rMSA#AR#1").code()).isEqualTo("AR");
        assertThat(read("garbage").code()).isEqualTo("no-MSA");
        assertThat(read("MSH|^~\\&|A\rMSA||1\r").code()).isEqualTo("no-MSA");
        assertThat(read("MSH|^~\\&|A\rMSA|CA|1\r").accepted()).isTrue();
        assertThat(read("MSH|^~\\&|A\rMSA|AE|1\r").accepted()).isFalse();
    }

    @Test
    void readsTheErrorCodeFromErr3OrFromErr1BeforeVersion25() {
        String v251 = "MSH|^~\\&|ANNOTA|ANNOTA|LAB|GENERAL|20240305101500||ACK^R01^ACK|A1|P|2.5.1\r"
                + "MSA|AE|MSG0001|unsupported message type\r"
                + "ERR||MSH^1^9|200^Unsupported message type^HL70357|E||||unsupported message type\r";
        assertThat(read(v251)).isEqualTo(new Acknowledgement("AE", "200", "unsupported message type"));

        String v23 = "MSH|^~\\&|ANNOTA|ANNOTA|LAB|GENERAL|20240305101500||ACK^R01^ACK|A1|P|2.3\r"
                + "MSA|AR|MSG0001|message could not be parsed\r"
                + "ERR|OBX^1^5^102&Data type error&HL70357\r";
        assertThat(read(v23)).isEqualTo(new Acknowledgement("AR", "102", "message could not be parsed"));
    }

    @Test
    void cutsLongReasonsAndDropsControlCharacters() {
        Acknowledgement ack = read("MSH|^~\\&|A\rMSA|AE|1|" + "x".repeat(500) + "\u0007\r");
        assertThat(ack.reason()).hasSize(Acknowledgement.MAX_REASON).matches("x+");
    }

    @Test
    void readsTheMessageTypeOfASentMessageAndNothingElse() {
        assertThat(Er7Fields.of(bytes("\u00EF\u00BB\u00BFMSH|^~\\&|A|B|C|D|2024||ORU^R01^ORU_R01|1|P|2.5\rPID|||123"))
                .messageType()).isEqualTo("ORU^R01");
        assertThat(Er7Fields.of(bytes("MSH|^~\\&|A|B|C|D|2024||Smith, John^X|1|P|2.5\r")).messageType())
                .isEqualTo("?");
        assertThat(Er7Fields.of(bytes("not HL7")).messageType()).isEqualTo("?");
    }

    private static Acknowledgement read(String text) {
        return Acknowledgement.read(bytes(text));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
