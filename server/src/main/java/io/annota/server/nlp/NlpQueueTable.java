package io.annota.server.nlp;

import io.annota.server.jdbc.InsertIfAbsent;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The durable annotation queue, table {@code annota_nlp_queue}: one row per resource version to annotate. Rows
 * name the resource (type, id, version) and hold the state of its annotation, never any of its content; an error
 * is kept as its class name only, since messages from deep inside the NLP may quote the text.
 *
 * <p>States: PENDING (waiting, possibly for a retry time), RUNNING (claimed by a worker), DONE, FAILED (after
 * {@code maxAttempts} failed attempts). Claims are serialised within this JVM, which is all a single Annota
 * node needs; several nodes on one database would need row locks instead.
 */
public class NlpQueueTable {

    static final String TABLE = "annota_nlp_queue";
    /** Wait before retry n: n times this, so a failing dependency is not hammered. */
    static final Duration RETRY_STEP = Duration.ofSeconds(30);

    /** One resource version to annotate. */
    public record Entry(String resourceType, String resourceId, long version, int attempts) {

        /** {@code Type/id}, versionless. */
        public String reference() {
            return resourceType + "/" + resourceId;
        }
    }

    /** How many rows are in each unfinished or failed state. */
    public record Counts(long pending, long running, long failed) {

        /** Entries not finished yet (waiting or being annotated). */
        public long outstanding() {
            return pending + running;
        }
    }

    private final JdbcTemplate jdbc;
    private final int maxAttempts;
    private final Clock clock;
    private final String insertIfAbsent;

    public NlpQueueTable(JdbcTemplate jdbc, int maxAttempts, Clock clock) {
        this.jdbc = jdbc;
        this.maxAttempts = maxAttempts;
        this.clock = clock;
        jdbc.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (resource_type VARCHAR(64) NOT NULL, "
                + "resource_id VARCHAR(64) NOT NULL, version BIGINT NOT NULL, status VARCHAR(10) NOT NULL, "
                + "attempts INTEGER NOT NULL, enqueued_at TIMESTAMP NOT NULL, not_before TIMESTAMP NOT NULL, "
                + "last_error_class VARCHAR(255), PRIMARY KEY (resource_type, resource_id, version))");
        jdbc.execute("CREATE INDEX IF NOT EXISTS annota_nlp_queue_status ON " + TABLE + " (status, not_before)");
        this.insertIfAbsent = InsertIfAbsent.statement(jdbc, TABLE, List.of("resource_type", "resource_id", "version"),
                List.of("resource_type", "resource_id", "version", "status", "attempts", "enqueued_at", "not_before"));
    }

    /**
     * Queues a resource version, in the caller's transaction if there is one. A version already DONE or FAILED is
     * queued again with fresh attempts (someone asked for it); one PENDING or RUNNING is left as it is.
     */
    public void enqueue(String resourceType, String resourceId, long version) {
        Timestamp now = Timestamp.from(clock.instant());
        int requeued = jdbc.update("UPDATE " + TABLE + " SET status = 'PENDING', attempts = 0, not_before = ?, "
                + "last_error_class = NULL WHERE resource_type = ? AND resource_id = ? AND version = ? "
                + "AND status IN ('DONE', 'FAILED')", now, resourceType, resourceId, version);
        if (requeued == 0) {
            jdbc.update(insertIfAbsent, resourceType, resourceId, version, "PENDING", 0, now, now);
        }
    }

    /**
     * Claims the oldest due PENDING entry as RUNNING and counts the attempt. Skips resources that already have a
     * RUNNING entry: two versions of one resource annotated at once would both see no earlier run.
     */
    public synchronized Optional<Entry> claim() {
        List<Entry> due = jdbc.query("SELECT q.resource_type, q.resource_id, q.version, q.attempts FROM " + TABLE
                        + " q WHERE q.status = 'PENDING' AND q.not_before <= ? AND NOT EXISTS (SELECT 1 FROM " + TABLE
                        + " r WHERE r.resource_type = q.resource_type AND r.resource_id = q.resource_id "
                        + "AND r.status = 'RUNNING') ORDER BY q.enqueued_at, q.version FETCH FIRST 1 ROWS ONLY",
                (rs, row) -> new Entry(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getInt(4) + 1),
                Timestamp.from(clock.instant()));
        return due.stream().findFirst().filter(entry -> jdbc.update("UPDATE " + TABLE + " SET status = 'RUNNING', "
                + "attempts = ? WHERE resource_type = ? AND resource_id = ? AND version = ? AND status = 'PENDING'",
                entry.attempts(), entry.resourceType(), entry.resourceId(), entry.version()) == 1);
    }

    public void done(Entry entry) {
        setStatus(entry, "DONE", clock.instant(), null);
    }

    /**
     * Records a failed attempt: PENDING again after a growing wait, or FAILED once {@code maxAttempts} are used.
     *
     * @return true if the entry is now FAILED for good
     */
    public boolean failed(Entry entry, Class<? extends Throwable> error) {
        boolean exhausted = entry.attempts() >= maxAttempts;
        Instant retryAt = clock.instant().plus(RETRY_STEP.multipliedBy(entry.attempts()));
        setStatus(entry, exhausted ? "FAILED" : "PENDING", retryAt, error.getName());
        return exhausted;
    }

    /** Puts back entries a stopped or crashed server left RUNNING; call before any worker starts. */
    public int recoverInterrupted() {
        return jdbc.update("UPDATE " + TABLE + " SET status = 'PENDING' WHERE status = 'RUNNING'");
    }

    public Counts counts() {
        Map<String, Long> byStatus = jdbc.query("SELECT status, COUNT(*) FROM " + TABLE
                        + " WHERE status <> 'DONE' GROUP BY status", (rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new Counts(byStatus.getOrDefault("PENDING", 0L), byStatus.getOrDefault("RUNNING", 0L),
                byStatus.getOrDefault("FAILED", 0L));
    }

    private void setStatus(Entry entry, String status, Instant notBefore, String errorClass) {
        jdbc.update("UPDATE " + TABLE + " SET status = ?, not_before = ?, last_error_class = ? WHERE resource_type = ? "
                        + "AND resource_id = ? AND version = ?", status, Timestamp.from(notBefore), errorClass,
                entry.resourceType(), entry.resourceId(), entry.version());
    }
}
