package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.annota.server.support.MllpClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** The channels of the shared server's channel file, over real MLLP connections and a real watched directory. */
class ChannelsIT extends AnnotaServerIT {

    private static final String SENDER = "CHANNELS_IT";

    private static String adt(String trigger, String mrn, String controlId, String gender, String pid18Tail) {
        return "MSH|^~\\&|REG|" + SENDER + "|ANNOTA|ANNOTA|20240305101500||ADT^" + trigger + "^ADT_A01|" + controlId
                + "|P|2.5.1" + pid18Tail + "\r"
                + "EVN|" + trigger + "|20240305101500\r"
                + "PID|1||" + mrn + "^^^" + SENDER + "^MR||Testperson^Alma||19580714|" + gender + "\r"
                + "PV1|1|I|4WEST^412^B||||||||||||||||V" + mrn + "|||||||||||||||||||||||||20240305100000"
                + ("A08".equals(trigger) ? "|20240309120000" : "") + "\r";
    }

    private static String patientId(String mrn) {
        return PSEUDONYMS.resourceId("Patient", SENDER + "|" + mrn);
    }

    private static String encounterId(String mrn) {
        return PSEUDONYMS.resourceId("Encounter", SENDER + "|V" + mrn);
    }

    private static String uniqueMrn() {
        return "C" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
    }

    private static String control() {
        return "CTL-" + UUID.randomUUID();
    }

    @Test
    void byteOrderMarkAndLineFeedsBetweenSegments() throws IOException {
        String mrn = uniqueMrn();
        byte[] text = adt("A01", mrn, control(), "F", "").replace('\r', '\n').getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[text.length + 3];
        payload[0] = (byte) 0xEF;
        payload[1] = (byte) 0xBB;
        payload[2] = (byte) 0xBF;
        System.arraycopy(text, 0, payload, 3, text.length);

        String ack;
        try (MllpClient mllp = new MllpClient("127.0.0.1", MLLP_PORT)) {
            ack = mllp.send(payload, StandardCharsets.UTF_8);
        }

        assertThat(Hl7Fixtures.segment(ack, "MSA")).startsWith("MSA|AA|");
        assertThat(fhir().read().resource(Patient.class).withId(patientId(mrn)).execute().getGender())
                .isEqualTo(AdministrativeGender.FEMALE);
    }

    @Test
    void anIso88591IdentifierWithAnUmlautIsReadAsSentWhenMsh18SaysSo() throws IOException {
        // the patient's id is a keyed hash of the MRN: it only matches if "Ü" was decoded as Latin-1
        String mrn = "MÜ" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        byte[] latin1 = adt("A01", mrn, control(), "M", "||||||8859/1").getBytes(StandardCharsets.ISO_8859_1);

        String ack;
        try (MllpClient mllp = new MllpClient("127.0.0.1", MLLP_PORT)) {
            ack = mllp.send(latin1, StandardCharsets.ISO_8859_1);
        }

        assertThat(Hl7Fixtures.segment(ack, "MSA")).startsWith("MSA|AA|");
        assertThat(fhir().read().resource(Patient.class).withId(patientId(mrn)).execute().getGender())
                .isEqualTo(AdministrativeGender.MALE);
    }

    @Test
    void messagesOnOneConnectionAreStoredInArrivalOrder() throws IOException {
        String mrn = uniqueMrn();
        try (MllpClient mllp = new MllpClient("127.0.0.1", MLLP_PORT)) {
            assertThat(mllp.send(adt("A01", mrn, control(), "F", ""))).contains("MSA|AA|");
            for (int i = 0; i < 10; i++) {
                assertThat(mllp.send(adt("A08", mrn, control(), i % 2 == 0 ? "M" : "F", ""))).contains("MSA|AA|");
            }
        }

        Patient patient = fhir().read().resource(Patient.class).withId(patientId(mrn)).execute();
        assertThat(patient.getGender()).as("the last A08 wins").isEqualTo(AdministrativeGender.FEMALE);
        assertThat(patient.getMeta().getVersionId()).isEqualTo("11");
        Encounter encounter = fhir().read().resource(Encounter.class).withId(encounterId(mrn)).execute();
        assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
    }

    @Test
    void aMessageOverTheSizeLimitIsRejectedAndTheConnectionKeepsServing() throws IOException {
        String mrn = uniqueMrn();
        String big = adt("A01", mrn, "BIG-" + mrn, "F", "") + "NTE|1||" + "x".repeat(3000) + "\r";
        try (MllpClient mllp = new MllpClient("127.0.0.1", SMALL_PORT)) {
            String rejected = mllp.send(big);
            assertThat(Hl7Fixtures.segment(rejected, "MSA"))
                    .startsWith("MSA|AR|BIG-" + mrn + "|message exceeds the channel's maximum size of 2048 bytes");

            String accepted = mllp.send(adt("A01", uniqueMrn(), "OK-" + mrn, "F", ""));
            assertThat(Hl7Fixtures.segment(accepted, "MSA")).startsWith("MSA|AA|OK-" + mrn);
        }
        assertThat(fhir().search().forResource(Patient.class).where(Patient.RES_ID.exactly().code(patientId(mrn)))
                .returnBundle(org.hl7.fhir.r4.model.Bundle.class).execute().getEntry()).isEmpty();
    }

    @Test
    void aSilentConnectionIsClosedAfterTheIdleTimeout() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", SMALL_PORT)) {
            socket.setSoTimeout(30_000);
            long start = System.nanoTime();
            int read;
            try {
                read = socket.getInputStream().read();
            } catch (SocketException reset) {
                read = -1;
            }
            assertThat(read).as("end of stream or reset").isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isBetween(Duration.ofMillis(1500),
                    Duration.ofSeconds(20));
        }
    }

    @Test
    void aChannelRefusesMessageTypesItDoesNotTake() throws IOException {
        String ack;
        try (MllpClient mllp = new MllpClient("127.0.0.1", LAB_PORT)) {
            ack = mllp.send(adt("A01", uniqueMrn(), "LAB-1", "F", ""));
        }

        assertThat(Hl7Fixtures.segment(ack, "MSA"))
                .isEqualTo("MSA|AE|LAB-1|message type not accepted on this channel (MSH-9)");
        assertThat(Hl7Fixtures.segment(ack, "ERR")).startsWith("ERR||MSH^1^9|200^");
    }

    @Test
    void enhancedModeAcceptsOnTheConnectionAndSendsTheApplicationAckApart() throws Exception {
        String mrn = uniqueMrn();
        String controlId = control();
        try (ServerSocket applicationAcks = new ServerSocket(APPLICATION_ACK_PORT)) {
            applicationAcks.setSoTimeout(30_000);
            String accept;
            try (MllpClient mllp = new MllpClient("127.0.0.1", ENHANCED_PORT)) {
                accept = mllp.send(adt("A01", mrn, controlId, "F", "|||AL|AL"));
            }
            String applicationAck;
            try (Socket socket = applicationAcks.accept()) {
                socket.setSoTimeout(30_000);
                applicationAck = readFrame(socket.getInputStream());
            }

            assertThat(Hl7Fixtures.segment(accept, "MSA")).isEqualTo("MSA|CA|" + controlId);
            assertThat(Hl7Fixtures.segment(applicationAck, "MSA")).isEqualTo("MSA|AA|" + controlId);
        }
        assertThat(fhir().read().resource(Patient.class).withId(patientId(mrn)).execute()).isNotNull();
    }

    @Test
    void aBatchFileIsProcessedAndMovedWithAReport() throws IOException {
        String good1 = uniqueMrn();
        String good2 = uniqueMrn();
        String batch = "FHS|^~\\&|REG|" + SENDER + "\rBHS|^~\\&|REG|" + SENDER + "\r"
                + adt("A01", good1, "F1-" + good1, "F", "")
                + adt("A01", good2, "F2-" + good2, "M", "")
                + adt("A01", "", "F3-" + good1, "M", "") // no PID-3: AE, kept as a dead letter
                + "BTS|3\rFTS|1\r";
        String name = "batch-" + good1 + ".hl7";
        Files.createDirectories(INBOX);
        Path temp = Files.writeString(INBOX.resolve(name + ".part"), batch.replace("\r", "\r\n"));
        Files.move(temp, INBOX.resolve(name));

        Path report = await().atMost(Duration.ofSeconds(60)).until(() -> reportOf("error", name), p -> p != null);

        String text = Files.readString(report);
        assertThat(text).contains("messages: 3, AA 2, AE 1, AR 0");
        assertThat(text).contains("F1-" + good1 + "\tADT^A01\tAA", "F2-" + good2 + "\tADT^A01\tAA",
                "F3-" + good1 + "\tADT^A01\tAE\t101");
        assertThat(text).doesNotContain("Testperson", good1 + "^");
        assertThat(reportFiles("error", name)).hasSize(2); // the file itself and its report
        assertThat(INBOX.resolve(name)).doesNotExist();
        assertThat(fhir().read().resource(Patient.class).withId(patientId(good1)).execute().getGender())
                .isEqualTo(AdministrativeGender.FEMALE);
        assertThat(fhir().read().resource(Patient.class).withId(patientId(good2)).execute().getGender())
                .isEqualTo(AdministrativeGender.MALE);
    }

    @Test
    void aFileWhoseMessagesAreAllStoredGoesToDone() throws IOException {
        String mrn = uniqueMrn();
        String name = "single-" + mrn + ".hl7";
        Path temp = Files.writeString(INBOX.resolve(name + ".part"), adt("A04", mrn, "S-" + mrn, "F", ""));
        Files.move(temp, INBOX.resolve(name));

        Path report = await().atMost(Duration.ofSeconds(60)).until(() -> reportOf("done", name), p -> p != null);

        assertThat(Files.readString(report)).contains("messages: 1, AA 1, AE 0, AR 0");
        assertThat(fhir().read().resource(Patient.class).withId(patientId(mrn)).execute()).isNotNull();
    }

    private static Path reportOf(String folder, String name) throws IOException {
        return reportFiles(folder, name).stream().filter(p -> p.toString().endsWith(".report.txt")).findFirst()
                .orElse(null);
    }

    private static List<Path> reportFiles(String folder, String name) throws IOException {
        Path dir = INBOX.resolve(folder);
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().contains(name)).toList();
        }
    }

    private static String readFrame(InputStream in) throws IOException {
        int b = in.read();
        while (b != 0x0b) {
            if (b < 0) {
                throw new IOException("closed before a frame");
            }
            b = in.read();
        }
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        while ((b = in.read()) != 0x1c) {
            if (b < 0) {
                throw new IOException("closed inside a frame");
            }
            frame.write(b);
        }
        return frame.toString(StandardCharsets.UTF_8);
    }
}
