package io.annota.server.deid;

import io.annota.deid.KnownIdentifierStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps each patient's identifier fingerprints (keyed hashes, never cleartext) in the server's database, in the
 * same transaction as the resource write that produced them, so the free-text scrubber can find the patient's
 * own identifiers in notes that arrive later.
 */
public class JdbcKnownIdentifierStore implements KnownIdentifierStore {

    private final JdbcTemplate jdbc;

    public JdbcKnownIdentifierStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("CREATE TABLE IF NOT EXISTS annota_patient_fingerprint ("
                + "patient_id VARCHAR(64) NOT NULL, fingerprint VARCHAR(64) NOT NULL, "
                + "PRIMARY KEY (patient_id, fingerprint))");
    }

    @Override
    public void remember(String patientId, Set<String> fingerprints) {
        Set<String> missing = new HashSet<>(fingerprints);
        missing.removeAll(fingerprints(patientId));
        if (missing.isEmpty()) {
            return;
        }
        List<Object[]> rows = missing.stream().map(f -> new Object[] {patientId, f}).toList();
        jdbc.batchUpdate("INSERT INTO annota_patient_fingerprint (patient_id, fingerprint) VALUES (?, ?)", rows);
    }

    @Override
    public Set<String> fingerprints(String patientId) {
        return new HashSet<>(jdbc.queryForList(
                "SELECT fingerprint FROM annota_patient_fingerprint WHERE patient_id = ?", String.class, patientId));
    }
}
