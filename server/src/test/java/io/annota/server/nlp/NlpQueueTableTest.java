package io.annota.server.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

class NlpQueueTableTest {

    private final DriverManagerDataSource dataSource =
            new DriverManagerDataSource("jdbc:h2:mem:nlpq-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final JdbcTemplate jdbc = new JdbcTemplate(dataSource);
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final NlpQueueTable table = new NlpQueueTable(jdbc, 2, clock);

    @Test
    void claimsTheOldestPendingEntryOnceAndCountsTheAttempt() {
        table.enqueue("DocumentReference", "1", 1);
        clock.advance(Duration.ofSeconds(1));
        table.enqueue("Observation", "2", 3);

        NlpQueueTable.Entry first = table.claim().orElseThrow();
        assertThat(first).isEqualTo(new NlpQueueTable.Entry("DocumentReference", "1", 1, 1));
        assertThat(table.claim()).contains(new NlpQueueTable.Entry("Observation", "2", 3, 1));
        assertThat(table.claim()).isEmpty();
        assertThat(table.counts()).isEqualTo(new NlpQueueTable.Counts(0, 2, 0));

        table.done(first);
        assertThat(table.counts()).isEqualTo(new NlpQueueTable.Counts(0, 1, 0));
    }

    @Test
    void aSecondVersionWaitsWhileTheFirstOfTheSameResourceRuns() {
        table.enqueue("DocumentReference", "1", 1);
        table.enqueue("DocumentReference", "1", 2);

        NlpQueueTable.Entry running = table.claim().orElseThrow();
        assertThat(table.claim()).isEmpty();
        table.done(running);
        assertThat(table.claim()).hasValueSatisfying(e -> assertThat(e.version()).isEqualTo(2));
    }

    @Test
    void enqueueingTwiceKeepsOneEntry() {
        table.enqueue("DiagnosticReport", "7", 1);
        table.enqueue("DiagnosticReport", "7", 1);

        assertThat(table.counts().pending()).isEqualTo(1);
    }

    @Test
    void entriesLeftRunningByACrashArePendingAgainAfterRecovery() {
        table.enqueue("DocumentReference", "1", 1);
        table.enqueue("DocumentReference", "2", 1);
        table.claim().orElseThrow();
        table.claim().orElseThrow();

        NlpQueueTable restarted = new NlpQueueTable(jdbc, 2, clock);
        assertThat(restarted.recoverInterrupted()).isEqualTo(2);

        assertThat(restarted.counts()).isEqualTo(new NlpQueueTable.Counts(2, 0, 0));
        assertThat(restarted.claim()).hasValueSatisfying(e -> assertThat(e.attempts()).isEqualTo(2));
    }

    @Test
    void aFailedEntryIsRetriedLaterThenFailedForGoodAtTheCapAndCanBeQueuedAgain() {
        table.enqueue("Observation", "9", 1);

        NlpQueueTable.Entry attempt1 = table.claim().orElseThrow();
        assertThat(table.failed(attempt1, IllegalStateException.class)).isFalse();
        assertThat(table.claim()).as("not before the retry delay").isEmpty();
        clock.advance(NlpQueueTable.RETRY_STEP);
        NlpQueueTable.Entry attempt2 = table.claim().orElseThrow();
        assertThat(attempt2.attempts()).isEqualTo(2);
        assertThat(table.failed(attempt2, IllegalStateException.class)).isTrue();

        clock.advance(Duration.ofDays(1));
        assertThat(table.claim()).isEmpty();
        assertThat(table.counts()).isEqualTo(new NlpQueueTable.Counts(0, 0, 1));
        assertThat(jdbc.queryForObject("SELECT last_error_class FROM annota_nlp_queue", String.class))
                .isEqualTo(IllegalStateException.class.getName());

        table.enqueue("Observation", "9", 1);
        assertThat(table.claim()).contains(new NlpQueueTable.Entry("Observation", "9", 1, 1));
    }

    @Test
    void anEntryWrittenInARolledBackTransactionIsGone() {
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        transactions.executeWithoutResult(tx -> {
            table.enqueue("DocumentReference", "1", 1);
            tx.setRollbackOnly();
        });

        assertThat(table.counts().pending()).isZero();
    }

    private static final class MutableClock extends Clock {

        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
