package io.annota.server.intake.deadletter;

import io.annota.intake.hl7.DeadLetters;
import io.annota.intake.hl7.Hl7Intake;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * Dead letters in the server's database (table {@code annota_hl7_dead_letter}, made if absent; H2 and
 * PostgreSQL). The message text is stored only sealed by {@link DeadLetterCipher}; every other column holds
 * header fields, codes and fixed texts. Nothing here logs, and no exception quotes the text.
 */
public class JdbcDeadLetters implements DeadLetters {

    /** Statuses a dead letter may be replayed from: all but {@link DeadLetterStatus#REPLAYED}. */
    public static final List<DeadLetterStatus> UNRESOLVED =
            List.of(DeadLetterStatus.PENDING, DeadLetterStatus.FAILED_AGAIN);

    private static final String COLUMNS = "id, channel, received_at, message_type, control_id, ack_code, error_code, "
            + "reason, status, attempts, last_attempt_at, replay_ack_code";
    private static final int SHORT = 64;
    private static final int CONTROL_ID = 199;
    private static final int REASON = 400;

    private final JdbcTemplate jdbc;
    private final DeadLetterCipher cipher;
    private final Clock clock;
    private final RowMapper<DeadLetter> rows = JdbcDeadLetters::deadLetter;

    public JdbcDeadLetters(JdbcTemplate jdbc, DeadLetterCipher cipher, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.clock = clock;
        jdbc.execute("CREATE TABLE IF NOT EXISTS annota_hl7_dead_letter (id VARCHAR(36) NOT NULL PRIMARY KEY, "
                + "channel VARCHAR(64) NOT NULL, received_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "message_type VARCHAR(64) NOT NULL, control_id VARCHAR(199) NOT NULL, ack_code VARCHAR(2) NOT NULL, "
                + "error_code INTEGER NOT NULL, reason VARCHAR(400) NOT NULL, status VARCHAR(16) NOT NULL, "
                + "attempts INTEGER NOT NULL, last_attempt_at TIMESTAMP WITH TIME ZONE, replay_ack_code VARCHAR(2), "
                + "message TEXT NOT NULL)");
        jdbc.execute("CREATE INDEX IF NOT EXISTS annota_hl7_dead_letter_status "
                + "ON annota_hl7_dead_letter (status, channel)");
        jdbc.execute("CREATE INDEX IF NOT EXISTS annota_hl7_dead_letter_received "
                + "ON annota_hl7_dead_letter (received_at)");
    }

    @Override
    public String keep(String channel, String text, Hl7Intake.Outcome outcome) {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO annota_hl7_dead_letter (" + COLUMNS + ", message) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, NULL, NULL, ?)",
                id, clip(channel, SHORT), now(), clip(outcome.messageType(), SHORT),
                clip(outcome.controlId(), CONTROL_ID), outcome.code().name(), outcome.errorCode(),
                clip(outcome.reason(), REASON), DeadLetterStatus.PENDING.name(), cipher.seal(id, text));
        return id;
    }

    public Optional<DeadLetter> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM annota_hl7_dead_letter WHERE id = ?", rows, id).stream()
                .findFirst();
    }

    /**
     * One page of the dead letters that match, newest first.
     *
     * @param page 0-based
     */
    public DeadLetterPage list(DeadLetterFilter filter, int page, int size) {
        Where where = Where.of(filter);
        long total = jdbc.queryForObject("SELECT COUNT(*) FROM annota_hl7_dead_letter" + where.sql, Long.class,
                where.arguments.toArray());
        List<Object> arguments = new ArrayList<>(where.arguments);
        arguments.add(size);
        arguments.add((long) page * size);
        List<DeadLetter> items = jdbc.query("SELECT " + COLUMNS + " FROM annota_hl7_dead_letter" + where.sql
                + " ORDER BY received_at DESC, id LIMIT ? OFFSET ?", rows, arguments.toArray());
        return new DeadLetterPage(items, page, size, total);
    }

    /**
     * The ids of the dead letters of {@code channel} (any, if {@code null}) in {@code statuses}, oldest first: the
     * order they arrived in is the order to replay them in.
     */
    public List<String> ids(String channel, Collection<DeadLetterStatus> statuses) {
        List<Object> arguments = new ArrayList<>(statuses.stream().map(Enum::name).toList());
        String sql = "SELECT id FROM annota_hl7_dead_letter WHERE status IN ("
                + String.join(", ", Collections.nCopies(statuses.size(), "?")) + ")";
        if (channel != null) {
            sql += " AND channel = ?";
            arguments.add(channel);
        }
        return jdbc.queryForList(sql + " ORDER BY received_at, id", String.class, arguments.toArray());
    }

    /** Per channel, how many dead letters wait for a replay ({@link #UNRESOLVED}). */
    public Map<String, Long> unresolvedByChannel() {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.query("SELECT channel, COUNT(*) FROM annota_hl7_dead_letter WHERE status IN (?, ?) GROUP BY channel "
                + "ORDER BY channel", rs -> {
                    counts.put(rs.getString(1), rs.getLong(2));
                }, UNRESOLVED.get(0).name(), UNRESOLVED.get(1).name());
        return counts;
    }

    /**
     * The message text of dead letter {@code id}, decrypted.
     *
     * @throws DeadLetterNotFoundException if there is no such dead letter
     * @throws DeadLetterUnreadableException if it cannot be decrypted with the current key
     */
    public String text(String id) {
        List<String> sealed = jdbc.queryForList("SELECT message FROM annota_hl7_dead_letter WHERE id = ?",
                String.class, id);
        if (sealed.isEmpty()) {
            throw new DeadLetterNotFoundException(id);
        }
        return cipher.open(id, sealed.get(0));
    }

    /**
     * Records a replay's outcome: stored (AA) makes the dead letter {@link DeadLetterStatus#REPLAYED} and keeps the
     * original failure for the record; a new failure makes it {@link DeadLetterStatus#FAILED_AGAIN} with that
     * failure's code and reason. Either way one more attempt.
     *
     * @return the dead letter as it is now
     */
    public DeadLetter recordReplay(String id, Hl7Intake.Outcome outcome) {
        if (outcome.stored()) {
            jdbc.update("UPDATE annota_hl7_dead_letter SET status = ?, attempts = attempts + 1, last_attempt_at = ?, "
                    + "replay_ack_code = ? WHERE id = ?", DeadLetterStatus.REPLAYED.name(), now(),
                    outcome.code().name(), id);
        } else {
            jdbc.update("UPDATE annota_hl7_dead_letter SET status = ?, attempts = attempts + 1, last_attempt_at = ?, "
                    + "replay_ack_code = ?, error_code = ?, reason = ? WHERE id = ?",
                    DeadLetterStatus.FAILED_AGAIN.name(), now(), outcome.code().name(), outcome.errorCode(),
                    clip(outcome.reason(), REASON), id);
        }
        return find(id).orElseThrow(() -> new DeadLetterNotFoundException(id));
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String clip(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max);
    }

    private static DeadLetter deadLetter(ResultSet rs, int row) throws SQLException {
        return new DeadLetter(rs.getString("id"), rs.getString("channel"), instant(rs, "received_at"),
                rs.getString("message_type"), rs.getString("control_id"), rs.getString("ack_code"),
                rs.getInt("error_code"), rs.getString("reason"), DeadLetterStatus.valueOf(rs.getString("status")),
                rs.getInt("attempts"), instant(rs, "last_attempt_at"), rs.getString("replay_ack_code"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    /** The WHERE clause of a filter, with its arguments in order. */
    private record Where(String sql, List<Object> arguments) {

        static Where of(DeadLetterFilter filter) {
            List<String> conditions = new ArrayList<>();
            List<Object> arguments = new ArrayList<>();
            if (filter.channel() != null) {
                conditions.add("channel = ?");
                arguments.add(filter.channel());
            }
            if (filter.status() != null) {
                conditions.add("status = ?");
                arguments.add(filter.status().name());
            }
            if (filter.since() != null) {
                conditions.add("received_at >= ?");
                arguments.add(OffsetDateTime.ofInstant(filter.since(), ZoneOffset.UTC));
            }
            return new Where(conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions), arguments);
        }
    }
}
