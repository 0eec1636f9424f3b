package io.annota.server.deid;

import io.annota.deid.KnownIdentifierStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps each patient's identifier fingerprints (keyed hashes, never cleartext) in the server's database, in the
 * same transaction as the resource write that produced them, so the free-text scrubber can find the patient's
 * own identifiers in notes that arrive later.
 */
public class JdbcKnownIdentifierStore implements KnownIdentifierStore {

    private final JdbcTemplate jdbc;
    private final String insertIfAbsent;

    public JdbcKnownIdentifierStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("CREATE TABLE IF NOT EXISTS annota_patient_fingerprint ("
                + "patient_id VARCHAR(64) NOT NULL, fingerprint VARCHAR(64) NOT NULL, "
                + "PRIMARY KEY (patient_id, fingerprint))");
        this.insertIfAbsent = insertIfAbsent(jdbc);
    }

    /**
     * Messages of one patient on parallel connections store the same fingerprints at the same time: the insert
     * must tolerate a row that a concurrent transaction just added (a failed insert would abort a PostgreSQL
     * transaction), so it is the database's own insert-if-absent.
     */
    private static String insertIfAbsent(JdbcTemplate jdbc) {
        String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        if ("PostgreSQL".equals(product)) {
            return "INSERT INTO annota_patient_fingerprint (patient_id, fingerprint) VALUES (?, ?) "
                    + "ON CONFLICT DO NOTHING";
        }
        if ("H2".equals(product)) {
            return "MERGE INTO annota_patient_fingerprint (patient_id, fingerprint) KEY (patient_id, fingerprint) "
                    + "VALUES (?, ?)";
        }
        throw new IllegalStateException("annota_patient_fingerprint: unsupported database " + product
                + " (H2 and PostgreSQL are supported)");
    }

    @Override
    public void remember(String patientId, Set<String> fingerprints) {
        Set<String> missing = new HashSet<>(fingerprints);
        missing.removeAll(fingerprints(patientId));
        if (missing.isEmpty()) {
            return;
        }
        List<Object[]> rows = missing.stream().map(f -> new Object[] {patientId, f}).toList();
        jdbc.batchUpdate(insertIfAbsent, rows);
    }

    @Override
    public Set<String> fingerprints(String patientId) {
        return new HashSet<>(jdbc.queryForList(
                "SELECT fingerprint FROM annota_patient_fingerprint WHERE patient_id = ?", String.class, patientId));
    }
}
