package io.annota.intake.hl7;

import static io.annota.intake.hl7.Fixtures.component;
import static io.annota.intake.hl7.Fixtures.field;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Hl7IntakeTest {

    /** Patient data in the fixtures that must never appear in an ACK. */
    private static final List<String> PHI = List.of("DOE", "JANE", "QUINN", "SMITHFIELD", "RICHARD", "MRN12345",
            "PAT-777", "TEST-SSN-0001", "5551234", "555-1234", "555-0101", "555-9876", "jane.doe", "19800229",
            "TESTING ST", "SPRINGFIELD", "SAMPLE RD", "OAKVILLE", "VN0001");

    private final RecordingSink sink = new RecordingSink();
    private final Hl7Intake intake = new Hl7Intake(Fixtures.pseudonymizer(), sink);

    static Stream<Arguments> fixtures() {
        return Stream.of(
                // fixture, MSA-1, MSA-2, ERR-3.1, ERR-2, bundles stored
                Arguments.of("adt_a01_v251.hl7", "AA", "MSG00001", null, null, 1),
                Arguments.of("adt_a04_v23_lf_bom.hl7", "AA", "CTRL-A04-7", null, null, 1),
                Arguments.of("adt_a08_v28.hl7", "AA", "MSG00002", null, null, 1),
                Arguments.of("garbage.txt", "AR", "", "100", "MSH^1", 0),
                Arguments.of("bad_encoding.hl7", "AR", "", "102", "MSH^1^2", 0),
                Arguments.of("msh_only.hl7", "AE", "MSG00004", "100", "PID^1", 0),
                Arguments.of("adt_a01_missing_pid3.hl7", "AE", "MSG00003", "101", "PID^1^3", 0),
                Arguments.of("orm_o01_v251.hl7", "AA", "ORD0001", null, null, 1),
                Arguments.of("dft_p03_v251.hl7", "AE", "DFT0001", "200", "MSH^1^9^1^1", 0));
    }

    @ParameterizedTest(name = "{0} -> {1} {3}")
    @MethodSource("fixtures")
    void acknowledgesEachFixture(String fixture, String code, String msa2, String errorCode, String location,
            int stored) {
        String ack = intake.handle(Fixtures.read(fixture));

        assertThat(field(ack, "MSH", 9)).startsWith("ACK^").endsWith("^ACK");
        assertThat(field(ack, "MSA", 1)).isEqualTo(code);
        assertThat(field(ack, "MSA", 2)).isEqualTo(msa2);
        assertThat(sink.stored).hasSize(stored);
        if (errorCode == null) {
            assertThat(Fixtures.segment(ack, "ERR")).isNull();
            assertThat(field(ack, "MSA", 3)).isEmpty();
        } else {
            assertThat(component(ack, "ERR", 3, 1)).isEqualTo(errorCode);
            assertThat(component(ack, "ERR", 3, 3)).isEqualTo("HL70357");
            assertThat(field(ack, "ERR", 2)).isEqualTo(location);
            assertThat(field(ack, "ERR", 4)).isEqualTo("E");
            assertThat(field(ack, "ERR", 8)).isNotBlank().isEqualTo(field(ack, "MSA", 3));
            assertThat(field(ack, "MSA", 3)).hasSizeLessThanOrEqualTo(80); // MSA-3 length in v2.5.1
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void acksCarryNoPatientData(String fixture) {
        String raw = Fixtures.read(fixture);
        Hl7Intake failing = new Hl7Intake(Fixtures.pseudonymizer(), bundle -> {
            throw new IllegalStateException("constraint violated for DOE JANE MRN12345 tel 5551234");
        });

        for (String ack : List.of(intake.handle(raw), failing.handle(raw), intake.internalError(raw))) {
            assertThat(PHI).allSatisfy(phi -> assertThat(ack).doesNotContain(phi));
        }
    }

    static Stream<Arguments> headers() {
        return Stream.of(
                Arguments.of("adt_a01_v251.hl7", "REGADT", "GOODHEALTH", "ACK^A01^ACK", "2.5.1", "MSG00001"),
                Arguments.of("adt_a04_v23_lf_bom.hl7", "CLINICREG", "NORTHCLINIC", "ACK^A04^ACK", "2.3", "CTRL-A04-7"),
                Arguments.of("adt_a08_v28.hl7", "REGADT", "GOODHEALTH", "ACK^A08^ACK", "2.8", "MSG00002"),
                Arguments.of("orm_o01_v251.hl7", "ORDERS", "GOODHEALTH", "ACK^O01^ACK", "2.5.1", "ORD0001"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("headers")
    void ackHeaderSwapsPartiesKeepsVersionAndHasANewControlId(String fixture, String app, String facility,
            String type, String version, String inboundControlId) {
        String ack = intake.handle(Fixtures.read(fixture));
        String again = new Hl7Intake(Fixtures.pseudonymizer(), new RecordingSink()).handle(Fixtures.read(fixture));

        assertThat(Fixtures.segment(ack, "MSH")).startsWith("MSH|^~\\&|");
        assertThat(field(ack, "MSH", 3)).isEqualTo("ANNOTA");
        assertThat(field(ack, "MSH", 4)).isEqualTo("ANNOTA_FAC");
        assertThat(field(ack, "MSH", 5)).isEqualTo(app);
        assertThat(field(ack, "MSH", 6)).isEqualTo(facility);
        assertThat(field(ack, "MSH", 7)).matches("\\d{14}.*");
        assertThat(field(ack, "MSH", 9)).isEqualTo(type);
        assertThat(field(ack, "MSH", 10)).isNotBlank().isNotEqualTo(inboundControlId)
                .isNotEqualTo(field(again, "MSH", 10));
        assertThat(field(ack, "MSH", 11)).isEqualTo("P");
        assertThat(field(ack, "MSH", 12)).isEqualTo(version);
    }

    @Test
    void aStoredMessageSentAgainGetsItsOriginalAckAndIsNotStoredAgain() {
        String raw = Fixtures.read("adt_a01_v251.hl7");

        String first = intake.handle(raw);
        String resent = intake.handle(raw);

        assertThat(field(first, "MSA", 1)).isEqualTo("AA");
        assertThat(resent).isEqualTo(first);
        assertThat(sink.stored).hasSize(1);
    }

    @Test
    void theSameControlIdFromAnotherSenderIsAnotherMessage() {
        String raw = Fixtures.read("adt_a01_v251.hl7");
        String otherSender = raw.replaceFirst("\\|REGADT\\|", "|OTHERADT|");
        assertThat(otherSender).isNotEqualTo(raw);

        intake.handle(raw);
        String ack = intake.handle(otherSender);

        assertThat(field(ack, "MSA", 1)).isEqualTo("AA");
        assertThat(field(ack, "MSH", 5)).isEqualTo("OTHERADT");
        assertThat(sink.stored).hasSize(2);
    }

    @Test
    void aMessageThatWasNotStoredIsProcessedAgainWhenSentAgain() {
        AtomicInteger attempts = new AtomicInteger();
        Hl7Intake failingOnce = new Hl7Intake(Fixtures.pseudonymizer(), bundle -> {
            if (attempts.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
            return sink.store(bundle);
        });
        String raw = Fixtures.read("adt_a01_v251.hl7");

        assertThat(field(failingOnce.handle(raw), "MSA", 1)).isEqualTo("AE");
        assertThat(field(failingOnce.handle(raw), "MSA", 1)).isEqualTo("AA");
        assertThat(attempts).hasValue(2);
        assertThat(sink.stored).hasSize(1);
    }

    @Test
    void aaOnlyAfterTheSinkReturned() {
        AtomicInteger calls = new AtomicInteger();
        Hl7Intake counting = new Hl7Intake(Fixtures.pseudonymizer(), bundle -> {
            calls.incrementAndGet();
            return sink.store(bundle);
        });

        String ack = counting.handle(Fixtures.read("adt_a01_v251.hl7"));

        assertThat(calls).hasValue(1);
        assertThat(field(ack, "MSA", 1)).isEqualTo("AA");
        Bundle bundle = sink.last();
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(bundle.getEntry()).extracting(e -> e.getResource().fhirType())
                .containsExactly("Patient", "Encounter");
    }

    @Test
    void storeFailureIsAnAeWithAGenericText() {
        Hl7Intake failing = new Hl7Intake(Fixtures.pseudonymizer(), bundle -> {
            throw new IllegalStateException("duplicate key for MRN12345");
        });

        String ack = failing.handle(Fixtures.read("adt_a01_v251.hl7"));

        assertThat(field(ack, "MSA", 1)).isEqualTo("AE");
        assertThat(field(ack, "MSA", 2)).isEqualTo("MSG00001");
        assertThat(field(ack, "MSA", 3)).isEqualTo("storage failed");
        assertThat(component(ack, "ERR", 3, 1)).isEqualTo("207");
        assertThat(field(ack, "ERR", 2)).isEmpty();
        assertThat(field(ack, "ERR", 8)).isEqualTo("storage failed");
    }

    @Test
    void resendAndUpdateLandOnTheSameResources() {
        // the same events sent again as new messages (new control ids): they update, never copy
        intake.handle(Fixtures.read("adt_a01_v251.hl7"));
        intake.handle(Fixtures.read("adt_a01_v251.hl7").replace("|MSG00001|", "|MSG00001B|"));
        intake.handle(Fixtures.read("adt_a08_v28.hl7"));
        intake.handle(Fixtures.read("adt_a04_v23_lf_bom.hl7"));
        intake.handle(Fixtures.read("adt_a04_v23_lf_bom.hl7").replace("|CTRL-A04-7|", "|CTRL-A04-8|"));

        assertThat(sink.stored).hasSize(5);
        List<String> patientUrls = sink.stored.stream().map(b -> b.getEntry().get(0).getRequest().getUrl()).toList();
        List<String> encounterUrls = sink.stored.stream().map(b -> b.getEntry().get(1).getRequest().getUrl()).toList();
        assertThat(patientUrls.subList(0, 3)).containsOnly(patientUrls.get(0));
        assertThat(encounterUrls.subList(0, 3)).containsOnly(encounterUrls.get(0));
        assertThat(patientUrls.get(3)).isEqualTo(patientUrls.get(4)).isNotEqualTo(patientUrls.get(0));
        // this A04 has no visit number (PV1-19): its encounter is known by its message, so a new message is a new one
        assertThat(encounterUrls.get(3)).isNotEqualTo(encounterUrls.get(4));
        assertThat(patientUrls.get(0))
                .isEqualTo("Patient/" + Fixtures.pseudonymizer().resourceId("Patient", "GOODHEALTH|MRN12345"));
    }

    static Stream<Arguments> oddInput() {
        String msh = "MSH|^~\\&|REGADT|GOODHEALTH|ANNOTA|ANNOTA_FAC|20240305143000||";
        String a01 = Fixtures.read("adt_a01_v251.hl7");
        return Stream.of(
                // label, input, MSA-1, MSA-2, ERR-3.1, ERR-2
                Arguments.of("null", null, "AR", "", "100", "MSH^1"),
                Arguments.of("empty", "", "AR", "", "100", "MSH^1"),
                Arguments.of("PID first", "PID|1||MRN12345\r" + a01, "AR", "", "100", "MSH^1"),
                Arguments.of("free text starting with MSH", "MSH, JANE DOE, MRN12345", "AR", "", "102", "MSH^1^2"),
                Arguments.of("truncated MSH", "MSH|^~\\&|REGADT|GOODHEALTH", "AR", "", "102", ""),
                Arguments.of("MSH-9 without trigger", msh + "ADT|CTL9|P|2.5.1\rPID|1||MRN12345^^^H||DOE^JANE",
                        "AR", "CTL9", "200", ""),
                Arguments.of("unsupported trigger", a01.replace("ADT^A01^ADT_A01", "ADT^A99^ADT_A01"),
                        "AE", "MSG00001", "201", "MSH^1^9^1^2"),
                Arguments.of("bad birth date", a01.replace("19800229", "19800230"), "AE", "MSG00001", "102", "PID^1^7"),
                Arguments.of("A03 is accepted", a01.replace("ADT^A01^ADT_A01", "ADT^A03^ADT_A03"),
                        "AA", "MSG00001", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddInput")
    void oddInputIsAcknowledgedNotThrown(String label, String raw, String code, String msa2, String errorCode,
            String location) {
        String ack = intake.handle(raw);

        assertThat(field(ack, "MSA", 1)).isEqualTo(code);
        assertThat(field(ack, "MSA", 2)).isEqualTo(msa2);
        if (errorCode != null) {
            assertThat(component(ack, "ERR", 3, 1)).isEqualTo(errorCode);
            assertThat(field(ack, "ERR", 2)).isEqualTo(location);
            assertThat(field(ack, "ERR", 4)).isEqualTo("E");
        }
        assertThat(PHI).allSatisfy(phi -> assertThat(ack).doesNotContain(phi));
    }

    @Test
    void versionsBefore25AlsoGetErr1() {
        String raw = Fixtures.read("adt_a04_v23_lf_bom.hl7").replace("PAT-777^^^^PI", "");

        String ack = intake.handle(raw);

        assertThat(field(ack, "MSH", 12)).isEqualTo("2.3");
        assertThat(field(ack, "MSA", 1)).isEqualTo("AE");
        assertThat(field(ack, "ERR", 1)).isEqualTo("PID^1^3^101&Required field missing&HL70357");
        assertThat(field(ack, "ERR", 2)).isEqualTo("PID^1^3");
    }

    @Test
    void internalErrorIsAnAe() {
        String withHeader = intake.internalError(Fixtures.read("adt_a01_v251.hl7"));
        String withoutHeader = intake.internalError("not hl7 at all, DOE JANE");

        assertThat(field(withHeader, "MSA", 1)).isEqualTo("AE");
        assertThat(field(withHeader, "MSA", 2)).isEqualTo("MSG00001");
        assertThat(field(withHeader, "MSH", 5)).isEqualTo("REGADT");
        assertThat(field(withHeader, "MSH", 9)).isEqualTo("ACK^A01^ACK");
        assertThat(component(withHeader, "ERR", 3, 1)).isEqualTo("207");
        assertThat(field(withoutHeader, "MSA", 1)).isEqualTo("AE");
        assertThat(field(withoutHeader, "MSA", 2)).isEmpty();
        assertThat(withoutHeader).doesNotContain("DOE").doesNotContain("JANE");
        assertThatCode(() -> intake.internalError(null)).doesNotThrowAnyException();
    }

    @Test
    void concurrentMessagesAreAllAcknowledged() throws Exception {
        List<String> fixtures = List.of("adt_a01_v251.hl7", "adt_a04_v23_lf_bom.hl7", "adt_a08_v28.hl7",
                "dft_p03_v251.hl7");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> acks = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                String raw = Fixtures.read(fixtures.get(i % fixtures.size()))
                        .replaceFirst("\\|(MSG0000\\d|CTRL-A04-7|DFT0001)\\|", "|C" + i + "|");
                acks.add(pool.submit(() -> intake.handle(raw)));
            }
            Set<String> controlIds = new HashSet<>();
            for (int i = 0; i < acks.size(); i++) {
                String ack = acks.get(i).get(30, TimeUnit.SECONDS);
                assertThat(field(ack, "MSA", 1)).isEqualTo(i % fixtures.size() == 3 ? "AE" : "AA");
                controlIds.add(field(ack, "MSH", 10));
            }
            assertThat(controlIds).hasSize(400);
            assertThat(sink.stored).hasSize(300);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void noIdFileIsWritten() {
        Path idFile = Path.of(System.getProperty("hapi.home", "."), "id_file");
        boolean existedBefore = Files.exists(idFile);

        intake.handle(Fixtures.read("adt_a01_v251.hl7"));
        intake.handle(Fixtures.read("garbage.txt"));
        intake.internalError(Fixtures.read("adt_a01_v251.hl7"));

        assertThat(existedBefore).isFalse();
        assertThat(idFile).doesNotExist();
    }
}
