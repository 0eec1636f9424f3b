package io.annota.server.intake.upstream;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pull checkpoints in the server's database (table {@code annota_fhir_pull_checkpoint}, made if absent; H2 and
 * PostgreSQL): channel, resource type, mark, and the recent versions as lines {@code epochMillis versionedId}.
 * Upstream ids only, no content.
 */
public class JdbcPullCheckpoints implements PullCheckpoints {

    private final JdbcTemplate jdbc;

    public JdbcPullCheckpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("CREATE TABLE IF NOT EXISTS annota_fhir_pull_checkpoint (channel VARCHAR(40) NOT NULL, "
                + "resource_type VARCHAR(64) NOT NULL, mark_millis BIGINT NOT NULL, recent TEXT NOT NULL, "
                + "updated_at TIMESTAMP NOT NULL, PRIMARY KEY (channel, resource_type))");
    }

    @Override
    public PullCheckpoint load(String channel, String resourceType) {
        List<PullCheckpoint> rows = jdbc.query("SELECT mark_millis, recent FROM annota_fhir_pull_checkpoint "
                + "WHERE channel = ? AND resource_type = ?", (rs, n) -> new PullCheckpoint(
                        Instant.ofEpochMilli(rs.getLong(1)), decode(rs.getString(2))), channel, resourceType);
        return rows.isEmpty() ? PullCheckpoint.START : rows.get(0);
    }

    /** One puller per channel at a time, so an update that finds no row can insert without a race. */
    @Override
    public void save(String channel, String resourceType, PullCheckpoint checkpoint) {
        if (checkpoint.mark() == null) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        long mark = checkpoint.mark().toEpochMilli();
        String recent = encode(checkpoint.recent());
        if (jdbc.update("UPDATE annota_fhir_pull_checkpoint SET mark_millis = ?, recent = ?, updated_at = ? "
                + "WHERE channel = ? AND resource_type = ?", mark, recent, now, channel, resourceType) == 0) {
            jdbc.update("INSERT INTO annota_fhir_pull_checkpoint (channel, resource_type, mark_millis, recent, "
                    + "updated_at) VALUES (?, ?, ?, ?, ?)", channel, resourceType, mark, recent, now);
        }
    }

    static String encode(Map<String, Instant> recent) {
        StringBuilder text = new StringBuilder();
        recent.forEach((id, at) -> text.append(at.toEpochMilli()).append(' ').append(id).append('\n'));
        return text.toString();
    }

    static Map<String, Instant> decode(String text) {
        Map<String, Instant> recent = new HashMap<>();
        text.lines().filter(line -> !line.isBlank()).forEach(line -> {
            int space = line.indexOf(' ');
            recent.put(line.substring(space + 1), Instant.ofEpochMilli(Long.parseLong(line.substring(0, space))));
        });
        return recent;
    }
}
