package io.annota.intake.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Hl7BatchTest {

    private static final String A = "MSH|^~\\&|A|B|||20240101||ADT^A01|1|P|2.5\rPID|1||X1\r";
    private static final String B = "MSH|^~\\&|A|B|||20240101||ADT^A08|2|P|2.5\rPID|1||X1\r";

    @Test
    void oneBareMessage() {
        Hl7Batch batch = Hl7Batch.split(A);

        assertThat(batch.messages()).containsExactly(A.strip());
        assertThat(batch.problems()).isEmpty();
    }

    @Test
    void messagesOneAfterAnotherWithLineFeeds() {
        Hl7Batch batch = Hl7Batch.split((A + B).replace("\r", "\n"));

        assertThat(batch.messages()).containsExactly(A.strip(), B.strip());
    }

    @Test
    void fileAndBatchEnvelopesAreDroppedAndTheCountChecked() {
        String file = "FHS|^~\\&|A|B\rBHS|^~\\&|A|B\r" + A + B + "BTS|2\rFTS|1\r";

        Hl7Batch batch = Hl7Batch.split(file);

        assertThat(batch.messages()).containsExactly(A.strip(), B.strip());
        assertThat(batch.problems()).isEmpty();
    }

    @Test
    void aWrongBatchCountIsReportedButTheMessagesAreKept() {
        Hl7Batch batch = Hl7Batch.split("BHS|^~\\&\r" + A + "BTS|3\r");

        assertThat(batch.messages()).hasSize(1);
        assertThat(batch.problems()).containsExactly("BTS-1 declares 3 message(s), the batch holds 1");
    }

    @Test
    void segmentsBeforeTheFirstMessageAndEmptyFilesAreProblems() {
        assertThat(Hl7Batch.split("PID|1||X\r" + A).problems())
                .containsExactly("1 segment(s) outside any message (before the first MSH) were ignored");
        assertThat(Hl7Batch.split("\n\n").problems()).containsExactly("no HL7 v2 message (MSH segment) found");
    }
}
