package io.annota.server.deid;

import io.annota.deid.KnownIdentifierStore;
import io.annota.server.jdbc.InsertIfAbsent;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Keeps each patient's date-shift seed and identifier fingerprints (keyed hashes, never cleartext) in the server's database, in the
 * same transaction as the resource write that produced them, so the free-text scrubber can find the patient's
 * own identifiers in notes that arrive later.
 */
public class JdbcKnownIdentifierStore implements KnownIdentifierStore {

    private final JdbcTemplate jdbc;
    private final String insertIfAbsent;
    private final String insertSeedIfAbsent;

    public JdbcKnownIdentifierStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("CREATE TABLE IF NOT EXISTS annota_patient_fingerprint ("
                + "patient_id VARCHAR(64) NOT NULL, fingerprint VARCHAR(64) NOT NULL, "
                + "PRIMARY KEY (patient_id, fingerprint))");
        jdbc.execute("CREATE TABLE IF NOT EXISTS annota_patient_dateshift ("
                + "patient_id VARCHAR(64) NOT NULL PRIMARY KEY, seed VARCHAR(128) NOT NULL)");
        this.insertIfAbsent = InsertIfAbsent.statement(jdbc, "annota_patient_fingerprint",
                List.of("patient_id", "fingerprint"), List.of("patient_id", "fingerprint"));
        // H2's form overwrites a seed, but one is only written when none was read, so two writers meet only on a
        // patient's very first resources, whose seeds are derived alike (from the id or the first identifier)
        this.insertSeedIfAbsent = InsertIfAbsent.statement(jdbc, "annota_patient_dateshift",
                List.of("patient_id"), List.of("patient_id", "seed"));
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
    public String rememberDateShiftSeed(String patientId, String seed) {
        String known = dateShiftSeed(patientId);
        if (known != null) {
            return known;
        }
        jdbc.update(insertSeedIfAbsent, patientId, seed);
        return dateShiftSeed(patientId);
    }

    @Override
    public String dateShiftSeed(String patientId) {
        List<String> seeds = jdbc.queryForList("SELECT seed FROM annota_patient_dateshift WHERE patient_id = ?",
                String.class, patientId);
        return seeds.isEmpty() ? null : seeds.get(0);
    }

    @Override
    public Set<String> fingerprints(String patientId) {
        return new HashSet<>(jdbc.queryForList(
                "SELECT fingerprint FROM annota_patient_fingerprint WHERE patient_id = ?", String.class, patientId));
    }
}
