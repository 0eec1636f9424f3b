package io.annota.intake.hl7;

import static io.annota.intake.hl7.Fixtures.component;
import static io.annota.intake.hl7.Fixtures.field;
import static org.assertj.core.api.Assertions.assertThat;

import io.annota.intake.channel.AckMode;
import io.annota.intake.channel.ChannelSettings;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Hl7ChannelTest {

    private static final String ADT = "MSH|^~\\&|REG|HOSP|ANNOTA|ANNOTA|20240305143000||ADT^A01^ADT_A01|C1|P|2.5.1"
            + "%s\rPID|1||M1^^^HOSP^MR||MÜLLER^JÖRG||19700101|M\r";

    private final RecordingSink sink = new RecordingSink();
    private final List<Hl7Intake.Outcome> deadLettered = new ArrayList<>();
    private final List<String> observed = new ArrayList<>();

    private Hl7Channel channel(AckMode mode, Set<String> accepted, int maxBytes, boolean deadLettersWork) {
        ChannelSettings settings = new ChannelSettings("test", ChannelSettings.Kind.MLLP, "127.0.0.1", 2575, null,
                accepted, mode, StandardCharsets.UTF_8, maxBytes, Duration.ofMinutes(5), 5, "localhost:9999",
                List.of());
        DeadLetters letters = (channel, text, outcome) -> {
            if (!deadLettersWork) {
                throw new IllegalStateException("database down");
            }
            deadLettered.add(outcome);
            return "dl-" + deadLettered.size();
        };
        return new Hl7Channel(settings, new Hl7Intake(Fixtures.pseudonymizer(), sink), letters,
                (id, outcome, kept, nanos) -> observed.add(id + " " + outcome.code() + " " + kept));
    }

    /** Field {@code field} of segment {@code segment} of an ACK as sent (UTF-8), or null if none was sent. */
    private static String ackField(byte[] ack, String segment, int field) {
        return ack == null ? null : field(new String(ack, StandardCharsets.UTF_8), segment, field);
    }

    private static byte[] adt(String msh15to18, Charset charset) {
        return String.format(ADT, msh15to18).getBytes(charset);
    }

    @Test
    void latin1MessageNamedInMsh18IsReadAsLatin1AndAnsweredInIt() {
        Hl7Channel channel = channel(AckMode.AUTO, Set.of(), 65536, true);

        Hl7Channel.Reply reply = channel.receive(adt("|||||8859/1", StandardCharsets.ISO_8859_1));

        assertThat(field(new String(reply.acknowledgement(), StandardCharsets.ISO_8859_1), "MSA", 1)).isEqualTo("AA");
        Patient patient = (Patient) sink.last().getEntryFirstRep().getResource();
        assertThat(patient.getNameFirstRep().getFamily()).isEqualTo("MÜLLER");
        assertThat(patient.getNameFirstRep().getGivenAsSingleString()).isEqualTo("JÖRG");
        assertThat(observed).containsExactly("test AA false");
    }

    @Test
    void latin1MessageWithoutMsh18OnAUtf8ChannelIsStillReadCorrectly() {
        Hl7Channel channel = channel(AckMode.AUTO, Set.of(), 65536, true);

        channel.receive(adt("", StandardCharsets.ISO_8859_1));

        assertThat(((Patient) sink.last().getEntryFirstRep().getResource()).getNameFirstRep().getFamily())
                .isEqualTo("MÜLLER");
    }

    @Test
    void utf8MessageWithByteOrderMarkAndLineFeeds() {
        Hl7Channel channel = channel(AckMode.AUTO, Set.of(), 65536, true);
        byte[] text = String.format(ADT, "").replace('\r', '\n').getBytes(StandardCharsets.UTF_8);
        byte[] withBom = new byte[text.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(text, 0, withBom, 3, text.length);

        Hl7Channel.Reply reply = channel.receive(withBom);

        assertThat(reply.outcome().code().name()).isEqualTo("AA");
        assertThat(((Patient) sink.last().getEntryFirstRep().getResource()).getNameFirstRep().getFamily())
                .isEqualTo("MÜLLER");
    }

    @Test
    void oversizedMessageIsRejectedKeptAndNotStored() {
        Hl7Channel channel = channel(AckMode.AUTO, Set.of(), 100, true);

        Hl7Channel.Reply reply = channel.receive(adt("", StandardCharsets.UTF_8));

        String ack = new String(reply.acknowledgement(), StandardCharsets.UTF_8);
        assertThat(field(ack, "MSA", 1)).isEqualTo("AR");
        assertThat(field(ack, "MSA", 2)).isEqualTo("C1");
        assertThat(field(ack, "MSA", 3)).isEqualTo("message exceeds the channel's maximum size of 100 bytes");
        assertThat(component(ack, "ERR", 3, 1)).isEqualTo("207");
        assertThat(sink.stored).isEmpty();
        assertThat(deadLettered).extracting(Hl7Intake.Outcome::reason).containsExactly(
                "message exceeds the channel's maximum size of 100 bytes");
        assertThat(reply.deadLetterId()).isEqualTo("dl-1");
        assertThat(observed).containsExactly("test AR true");
    }

    @Test
    void messageTypeTheChannelDoesNotTakeIsAnAeNamingMsh9() {
        Hl7Channel channel = channel(AckMode.AUTO, Set.of("ORU", "MDM^T02"), 65536, true);

        String ack = new String(channel.receive(adt("", StandardCharsets.UTF_8)).acknowledgement(),
                StandardCharsets.UTF_8);

        assertThat(field(ack, "MSA", 1)).isEqualTo("AE");
        assertThat(component(ack, "ERR", 3, 1)).isEqualTo("200");
        assertThat(field(ack, "ERR", 2)).isEqualTo("MSH^1^9");
        assertThat(sink.stored).isEmpty();
        assertThat(deadLettered).hasSize(1);
    }

    @Test
    void whenNotEvenTheDeadLetterCanBeKeptTheSenderIsToldToSendAgain() {
        Hl7Channel channel = channel(AckMode.AUTO, Set.of(), 100, false);

        Hl7Channel.Reply reply = channel.receive(adt("", StandardCharsets.UTF_8));

        assertThat(ackField(reply.acknowledgement(), "MSA", 1)).isEqualTo("AE");
        assertThat(ackField(reply.acknowledgement(), "MSA", 3)).isEqualTo(Hl7Channel.NOT_KEPT);
        assertThat(reply.deadLetterId()).isNull();
    }

    /** MSH-15 and MSH-16 as sent; expected accept ACK on the connection and application ACK to the destination. */
    @ParameterizedTest(name = "{0} MSH-15={1} MSH-16={2} valid={3} -> {4} / {5}")
    @CsvSource(nullValues = "-", value = {
            // mode, MSH-15, MSH-16, message valid, accept ack, application ack
            "AUTO,     AL, AL, true,  CA, AA",
            "AUTO,     AL, AL, false, CA, AE",
            "AUTO,     NE, AL, true,  -,  AA",
            "AUTO,     ER, SU, true,  -,  AA",
            "AUTO,     ER, ER, false, -,  AE",
            "AUTO,     SU, NE, true,  CA, -",
            "AUTO,     AL, ER, true,  CA, -",
            "AUTO,     '', '', true,  AA, -",
            "ORIGINAL, AL, AL, true,  AA, -",
            "ENHANCED, '', '', true,  CA, AA"})
    void acknowledgementModes(AckMode mode, String msh15, String msh16, boolean valid, String accept,
            String application) {
        Hl7Channel channel = channel(mode, Set.of(), 65536, true);
        String message = String.format(ADT, "|||" + msh15 + "|" + msh16);
        if (!valid) {
            message = message.replace("M1^^^HOSP^MR", "");
        }

        Hl7Channel.Reply reply = channel.receive(message.getBytes(StandardCharsets.UTF_8));

        assertThat(ackField(reply.acknowledgement(), "MSA", 1)).isEqualTo(accept);
        assertThat(ackField(reply.applicationAck(), "MSA", 1)).isEqualTo(application);
    }

    @Test
    void aRejectedMessageInEnhancedModeIsACommitRejectWithItsReason() {
        Hl7Channel channel = channel(AckMode.ENHANCED, Set.of(), 100, true);

        Hl7Channel.Reply reply = channel.receive(adt("|||AL|AL", StandardCharsets.UTF_8));

        assertThat(ackField(reply.acknowledgement(), "MSA", 1)).isEqualTo("CR");
        assertThat(ackField(reply.acknowledgement(), "MSA", 3)).startsWith(Hl7Channel.TOO_LARGE);
        assertThat(ackField(reply.applicationAck(), "MSA", 1)).isEqualTo("AR");
        assertThat(reply.applicationAckDestination()).isEqualTo("localhost:9999");
        assertThat(deadLettered).hasSize(1);
    }
}
