package io.annota.server.deid;

import io.annota.deid.KnownIdentifierStore;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.ConnectionCallback;
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
        this.insertIfAbsent = insertIfAbsent(jdbc, "annota_patient_fingerprint", "fingerprint", true);
        this.insertSeedIfAbsent = insertIfAbsent(jdbc, "annota_patient_dateshift", "seed", false);
    }

    /**
     * Messages of one patient on parallel connections store the same fingerprints at the same time: the insert
     * must tolerate a row that a concurrent transaction just added (a failed insert would abort a PostgreSQL
     * transaction), so it is the database's own insert-if-absent.
     *
     * @param valueInKey whether the value column is part of the primary key (else one row per patient)
     */
    private static String insertIfAbsent(JdbcTemplate jdbc, String table, String column, boolean valueInKey) {
        String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        if ("PostgreSQL".equals(product)) {
            return "INSERT INTO " + table + " (patient_id, " + column + ") VALUES (?, ?) ON CONFLICT DO NOTHING";
        }
        if ("H2".equals(product)) {
            // H2's upsert waits for a concurrent insert of the same key instead of failing on it. On the seed table it
            // overwrites, but a seed is only written when none was read, so two writers meet only on a patient's very
            // first resources, whose seeds are derived alike (from the id or the first identifier).
            return "MERGE INTO " + table + " (patient_id, " + column + ") KEY (patient_id"
                    + (valueInKey ? ", " + column : "") + ") VALUES (?, ?)";
        }
        throw new IllegalStateException(table + ": unsupported database " + product
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
