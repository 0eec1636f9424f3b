package io.annota.server.intake.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.hl7v2.AcknowledgmentCode;
import io.annota.intake.hl7.Hl7Intake;
import io.annota.server.Hl7Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** What {@link JdbcDeadLetters} does on every database it supports; subclasses give a fresh real database. */
abstract class JdbcDeadLettersContract {

    private static final byte[] KEY = "dead-letter-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant T0 = Instant.parse("2024-03-05T10:00:00Z");
    private static final String MISSING_PID_3 = "required field PID-3 (patient identifier list) is missing";

    private final JdbcTemplate jdbc = new JdbcTemplate(freshDatabase());
    private final JdbcDeadLetters letters = at(T0);

    /** An empty database for one test. */
    abstract DataSource freshDatabase();

    @Test
    void keepsMetadataInTheClearAndTheTextOnlySealed() {
        String text = Hl7Fixtures.admission("M4711", "CTRL-1");

        String id = letters.keep("mllp", text, failure(AcknowledgmentCode.AE, 101, MISSING_PID_3, "CTRL-1"));

        assertThat(letters.find(id)).contains(new DeadLetter(id, "mllp", T0, "ADT^A01", "CTRL-1", "AE", 101,
                MISSING_PID_3, DeadLetterStatus.PENDING, 1, null, null));
        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM annota_hl7_dead_letter WHERE id = ?", id);
        assertThat(row.toString()).doesNotContain("Quixote").doesNotContain("M4711").doesNotContain("EPICADT");
        assertThat(letters.text(id)).isEqualTo(text);
    }

    @Test
    void aDatabaseReadWithAnotherKeyFailsClosed() {
        String id = letters.keep("mllp", Hl7Fixtures.admission("M4711", "CTRL-1"),
                failure(AcknowledgmentCode.AE, 207, "storage failed", "CTRL-1"));
        JdbcDeadLetters otherKey = new JdbcDeadLetters(jdbc,
                new DeadLetterCipher("another-key-another-key-another-key!".getBytes(StandardCharsets.UTF_8)),
                Clock.fixed(T0, ZoneOffset.UTC));

        assertThatThrownBy(() -> otherKey.text(id)).isInstanceOf(DeadLetterUnreadableException.class)
                .hasMessageNotContaining("Quixote");
        assertThatThrownBy(() -> letters.text("no-such-id")).isInstanceOf(DeadLetterNotFoundException.class);
    }

    @Test
    void listsNewestFirstByChannelStatusAndTimeInPages() {
        String first = at(T0).keep("mllp", "MSH|1", failure(AcknowledgmentCode.AR, 102, "message could not be parsed", "1"));
        String second = at(T0.plusSeconds(60)).keep("mllp", "MSH|2", failure(AcknowledgmentCode.AE, 200, "unsupported", "2"));
        String third = at(T0.plusSeconds(120)).keep("files", "MSH|3", failure(AcknowledgmentCode.AE, 200, "unsupported", "3"));
        letters.recordReplay(first, failure(AcknowledgmentCode.AE, 101, MISSING_PID_3, "1"));

        assertThat(ids(letters.list(new DeadLetterFilter(null, null, null), 0, 10))).containsExactly(third, second, first);
        assertThat(ids(letters.list(new DeadLetterFilter("mllp", null, null), 0, 10))).containsExactly(second, first);
        assertThat(ids(letters.list(new DeadLetterFilter(null, DeadLetterStatus.FAILED_AGAIN, null), 0, 10)))
                .containsExactly(first);
        assertThat(ids(letters.list(new DeadLetterFilter(null, null, T0.plusSeconds(60)), 0, 10)))
                .containsExactly(third, second);
        DeadLetterPage secondPage = letters.list(new DeadLetterFilter(null, null, null), 1, 2);
        assertThat(ids(secondPage)).containsExactly(first);
        assertThat(secondPage.total()).isEqualTo(3);
        assertThat(letters.ids("mllp", JdbcDeadLetters.UNRESOLVED)).containsExactly(first, second);
        assertThat(letters.ids(null, List.of(DeadLetterStatus.PENDING))).containsExactly(second, third);
        assertThat(letters.unresolvedByChannel()).containsExactly(Map.entry("files", 1L), Map.entry("mllp", 2L));
    }

    @Test
    void aFailedReplayTakesTheNewReasonAndAStoredOneKeepsTheOriginal() {
        String id = letters.keep("mllp", "MSH|1", failure(AcknowledgmentCode.AE, 207, "storage failed", "1"));
        JdbcDeadLetters later = at(T0.plusSeconds(300));

        DeadLetter failed = later.recordReplay(id, failure(AcknowledgmentCode.AE, 101, MISSING_PID_3, "1"));
        assertThat(failed.status()).isEqualTo(DeadLetterStatus.FAILED_AGAIN);
        assertThat(failed.attempts()).isEqualTo(2);
        assertThat(failed.reason()).isEqualTo(MISSING_PID_3);
        assertThat(failed.errorCode()).isEqualTo(101);
        assertThat(failed.lastAttemptAt()).isEqualTo(T0.plusSeconds(300));

        DeadLetter stored = later.recordReplay(id,
                new Hl7Intake.Outcome("MSH|ACK", AcknowledgmentCode.AA, 0, "", "ADT^A01", "1", false));
        assertThat(stored.status()).isEqualTo(DeadLetterStatus.REPLAYED);
        assertThat(stored.attempts()).isEqualTo(3);
        assertThat(stored.replayAckCode()).isEqualTo("AA");
        assertThat(stored.ackCode()).as("how it was answered on arrival").isEqualTo("AE");
        assertThat(stored.reason()).isEqualTo(MISSING_PID_3);
    }

    @Test
    void overlongHeaderFieldsAreCutAndLargeMessagesKept() {
        String large = "MSH|" + "x".repeat(3_000_000);
        String id = letters.keep("mllp", large, new Hl7Intake.Outcome("", AcknowledgmentCode.AR, 207,
                "message exceeds the channel's maximum size of 1048576 bytes", "ADT^" + "A".repeat(100),
                "C".repeat(300), false));

        DeadLetter letter = letters.find(id).orElseThrow();
        assertThat(letter.messageType()).hasSize(64);
        assertThat(letter.controlId()).hasSize(199);
        assertThat(letters.text(id)).isEqualTo(large);
    }

    private JdbcDeadLetters at(Instant now) {
        return new JdbcDeadLetters(jdbc, new DeadLetterCipher(KEY), Clock.fixed(now, ZoneOffset.UTC));
    }

    private static Hl7Intake.Outcome failure(AcknowledgmentCode code, int errorCode, String reason, String controlId) {
        return new Hl7Intake.Outcome("MSH|ACK", code, errorCode, reason, "ADT^A01", controlId, false);
    }

    private static List<String> ids(DeadLetterPage page) {
        return page.items().stream().map(DeadLetter::id).toList();
    }
}
