package io.annota.server.intake.fhir;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Import checkpoints in the server's database (table {@code annota_import_progress}, made if absent; H2 and
 * PostgreSQL): content hash, file name, last committed line. No file content.
 */
public class JdbcImportCheckpoints implements ImportCheckpoints {

    private static final int NAME = 400;

    private final JdbcTemplate jdbc;

    public JdbcImportCheckpoints(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("CREATE TABLE IF NOT EXISTS annota_import_progress (file_key VARCHAR(64) NOT NULL PRIMARY KEY, "
                + "file_name VARCHAR(400) NOT NULL, committed_line INTEGER NOT NULL, updated_at TIMESTAMP NOT NULL)");
    }

    @Override
    public int committedLine(String fileKey) {
        return jdbc.queryForList("SELECT committed_line FROM annota_import_progress WHERE file_key = ?",
                Integer.class, fileKey).stream().findFirst().orElse(0);
    }

    /** One importer per file at a time, so an update that finds no row can insert without a race. */
    @Override
    public void commit(String fileKey, String fileName, int line) {
        Timestamp now = Timestamp.from(Instant.now());
        if (jdbc.update("UPDATE annota_import_progress SET committed_line = ?, updated_at = ? WHERE file_key = ?",
                line, now, fileKey) == 0) {
            jdbc.update("INSERT INTO annota_import_progress (file_key, file_name, committed_line, updated_at) "
                    + "VALUES (?, ?, ?, ?)", fileKey, clip(fileName), line, now);
        }
    }

    @Override
    public void complete(String fileKey) {
        jdbc.update("DELETE FROM annota_import_progress WHERE file_key = ?", fileKey);
    }

    private static String clip(String name) {
        return name.length() <= NAME ? name : name.substring(name.length() - NAME);
    }
}
