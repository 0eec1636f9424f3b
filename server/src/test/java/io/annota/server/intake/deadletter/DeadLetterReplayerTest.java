package io.annota.server.intake.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.hl7v2.AcknowledgmentCode;
import io.annota.deid.Pseudonymizer;
import io.annota.intake.hl7.FhirTransactionSink;
import io.annota.intake.hl7.Hl7Channel;
import io.annota.intake.hl7.Hl7Intake;
import io.annota.server.Hl7Fixtures;
import io.annota.server.intake.ChannelRegistry;
import io.annota.server.intake.metrics.MicrometerChannelObserver;
import io.annota.server.support.TestChannels;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.Bundle;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Replays through a real channel and intake, against a real (in-memory) H2 database; only storage is faked. */
class DeadLetterReplayerTest {

    private static final byte[] KEY = "dead-letter-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    private final AtomicBoolean storageDown = new AtomicBoolean();
    private final AtomicInteger stored = new AtomicInteger();
    private final FhirTransactionSink sink = transaction -> {
        if (storageDown.get()) {
            throw new IllegalStateException("database unavailable");
        }
        stored.incrementAndGet();
        return new Bundle();
    };
    private final JdbcTemplate jdbc = new JdbcTemplate(
            new DriverManagerDataSource("jdbc:h2:mem:replay-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""));
    private final JdbcDeadLetters letters = new JdbcDeadLetters(jdbc, new DeadLetterCipher(KEY), Clock.systemUTC());
    private final Hl7Channel channel = new Hl7Channel(TestChannels.mllp("mllp", 2575),
            new Hl7Intake(new Pseudonymizer(KEY), sink), letters, new MicrometerChannelObserver(new SimpleMeterRegistry()));
    private final DeadLetterReplayer replayer = new DeadLetterReplayer(letters, new ChannelRegistry(List.of(channel)),
            LineReplays.NONE);

    @Test
    void aMessageNotStoredForAStorageFailureIsStoredByItsReplayOnce() {
        storageDown.set(true);
        Hl7Intake.Outcome outcome = receive(Hl7Fixtures.admission("M100", "CTRL-100"));
        assertThat(outcome.code()).isEqualTo(AcknowledgmentCode.AE);
        String id = onlyUnresolved();
        storageDown.set(false);

        DeadLetterReplayer.Replay replay = replayer.replay(id);

        assertThat(replay.result()).isEqualTo(DeadLetterReplayer.Result.REPLAYED);
        assertThat(replay.deadLetter().status()).isEqualTo(DeadLetterStatus.REPLAYED);
        assertThat(replay.deadLetter().replayAckCode()).isEqualTo("AA");
        assertThat(replay.deadLetter().attempts()).isEqualTo(2);
        assertThat(replay.deadLetter().reason()).isEqualTo("storage failed");
        assertThat(stored).hasValue(1);

        DeadLetterReplayer.Replay again = replayer.replay(id);
        assertThat(again.result()).isEqualTo(DeadLetterReplayer.Result.ALREADY_REPLAYED);
        assertThat(again.deadLetter().attempts()).isEqualTo(2);
        assertThat(stored).hasValue(1);
    }

    @Test
    void aMessageStoredSinceIsRecognisedAndNotStoredAgain() {
        String message = Hl7Fixtures.admission("M200", "CTRL-200");
        String id = letters.keep("mllp", message, new Hl7Intake.Outcome("", AcknowledgmentCode.AE, 207,
                "storage failed", "ADT^A01", "CTRL-200", false));
        assertThat(receive(message).code()).as("the sender's own resend").isEqualTo(AcknowledgmentCode.AA);

        assertThat(replayer.replay(id).result()).isEqualTo(DeadLetterReplayer.Result.REPLAYED);
        assertThat(stored).hasValue(1);
    }

    @Test
    void aMessageStillWrongFailsAgainWithTheNewReason() {
        receive(Hl7Fixtures.admission("", "CTRL-300"));
        String id = onlyUnresolved();

        DeadLetter letter = replayer.replay(id).deadLetter();

        assertThat(letter.status()).isEqualTo(DeadLetterStatus.FAILED_AGAIN);
        assertThat(letter.attempts()).isEqualTo(2);
        assertThat(letter.errorCode()).isEqualTo(101);
        assertThat(letter.reason()).contains("PID-3");
        assertThat(letter.replayAckCode()).isEqualTo("AE");
    }

    @Test
    void replayAllCountsWhatItCouldNotReplayAndLeavesIt() {
        storageDown.set(true);
        receive(Hl7Fixtures.admission("M400", "CTRL-400"));
        storageDown.set(false);
        receive(Hl7Fixtures.admission("", "CTRL-401"));
        Hl7Intake.Outcome failure = new Hl7Intake.Outcome("", AcknowledgmentCode.AE, 200, "unsupported", "ORU^R01",
                "CTRL-402", false);
        String retired = letters.keep("retired", "MSH|^~\\&|", failure);
        new JdbcDeadLetters(jdbc, new DeadLetterCipher("another-key-another-key-another-key!".getBytes(
                StandardCharsets.UTF_8)), Clock.systemUTC()).keep("mllp", "MSH|^~\\&|", failure);

        DeadLetterReplayer.Summary summary = replayer.replayAll(null, JdbcDeadLetters.UNRESOLVED);

        assertThat(summary).isEqualTo(new DeadLetterReplayer.Summary(4, 1, 1, 0, 1, 1));
        assertThat(letters.find(retired).orElseThrow().status()).isEqualTo(DeadLetterStatus.PENDING);
        assertThat(replayer.replayAll("mllp", List.of(DeadLetterStatus.FAILED_AGAIN)).failedAgain()).isEqualTo(1);
        assertThatThrownBy(() -> replayer.replay(retired)).isInstanceOf(ChannelNotConfiguredException.class)
                .hasMessageContaining("retired");
        assertThatThrownBy(() -> replayer.replay("no-such-id")).isInstanceOf(DeadLetterNotFoundException.class);
        assertThatThrownBy(() -> replayer.replayAll(null, List.of(DeadLetterStatus.REPLAYED)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Hl7Intake.Outcome receive(String message) {
        return channel.receive(message.getBytes(StandardCharsets.UTF_8)).outcome();
    }

    private String onlyUnresolved() {
        List<String> ids = letters.ids("mllp", JdbcDeadLetters.UNRESOLVED);
        assertThat(ids).hasSize(1);
        return ids.get(0);
    }
}
