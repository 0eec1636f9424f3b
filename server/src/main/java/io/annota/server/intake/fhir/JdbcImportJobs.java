package io.annota.server.intake.fhir;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code $import} jobs in the server's database (table {@code annota_import_job}, made if absent): the files to
 * import, how many of them are done, the status, and the final status report (file names, counts, line numbers
 * and fixed reasons; no content). Enough to resume an unfinished job after a restart and to answer a status
 * request for a finished one.
 */
public class JdbcImportJobs {

    private static final String NO_TYPE = "-";

    /** An unfinished job as stored. */
    public record Unfinished(String id, List<ImportInput> inputs, int filesDone) {
    }

    private final JdbcTemplate jdbc;

    public JdbcImportJobs(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("CREATE TABLE IF NOT EXISTS annota_import_job (id VARCHAR(36) NOT NULL PRIMARY KEY, "
                + "status VARCHAR(16) NOT NULL, inputs TEXT NOT NULL, files_done INTEGER NOT NULL, "
                + "created_at TIMESTAMP NOT NULL, summary TEXT)");
    }

    void insert(String id, List<ImportInput> inputs) {
        StringBuilder text = new StringBuilder();
        for (ImportInput input : inputs) {
            text.append(input.resourceType() == null ? NO_TYPE : input.resourceType()).append('\t')
                    .append(input.file()).append('\n');
        }
        jdbc.update("INSERT INTO annota_import_job (id, status, inputs, files_done, created_at) VALUES (?, ?, ?, 0, ?)",
                id, ImportJob.Status.QUEUED.name(), text.toString(), Timestamp.from(Instant.now()));
    }

    void fileDone(String id, int filesDone) {
        jdbc.update("UPDATE annota_import_job SET status = ?, files_done = ? WHERE id = ?",
                ImportJob.Status.RUNNING.name(), filesDone, id);
    }

    /** A job that failed stays resumable: only COMPLETED jobs are not taken up again after a restart. */
    void finish(String id, ImportJob.Status status, String summary) {
        jdbc.update("UPDATE annota_import_job SET status = ?, summary = ? WHERE id = ?", status.name(), summary, id);
    }

    /** Jobs not completed, oldest first. */
    List<Unfinished> unfinished() {
        return jdbc.query("SELECT id, inputs, files_done FROM annota_import_job WHERE status <> ? ORDER BY created_at",
                (rs, row) -> new Unfinished(rs.getString(1), inputs(rs.getString(2)), rs.getInt(3)),
                ImportJob.Status.COMPLETED.name());
    }

    /** The final status report of a finished job. */
    Optional<String> summary(String id) {
        return jdbc.queryForList("SELECT summary FROM annota_import_job WHERE id = ? AND summary IS NOT NULL",
                String.class, id).stream().findFirst();
    }

    private static List<ImportInput> inputs(String text) {
        List<ImportInput> inputs = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            int tab = line.indexOf('\t');
            String type = line.substring(0, tab);
            inputs.add(new ImportInput(NO_TYPE.equals(type) ? null : type, Path.of(line.substring(tab + 1))));
        }
        return inputs;
    }
}
