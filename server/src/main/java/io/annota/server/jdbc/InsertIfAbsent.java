package io.annota.server.jdbc;

import java.util.Collections;
import java.util.List;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The database's own insert-if-absent statement for Annota's small tables. Writers on parallel connections may
 * insert the same key at the same time (messages of one patient, a message sent twice): a failing insert would
 * abort a PostgreSQL transaction, and a plain insert fails on H2, so each database gets the form that waits for
 * the other writer instead.
 */
public final class InsertIfAbsent {

    private InsertIfAbsent() {
    }

    /**
     * An insert of {@code columns} (one {@code ?} each, in order) that does nothing on PostgreSQL when a row with
     * the same {@code key} exists; on H2 an upsert of the row.
     */
    public static String statement(JdbcTemplate jdbc, String table, List<String> key, List<String> columns) {
        String product = jdbc.execute((ConnectionCallback<String>) c -> c.getMetaData().getDatabaseProductName());
        String names = String.join(", ", columns);
        String values = String.join(", ", Collections.nCopies(columns.size(), "?"));
        if ("PostgreSQL".equals(product)) {
            return "INSERT INTO " + table + " (" + names + ") VALUES (" + values + ") ON CONFLICT DO NOTHING";
        }
        if ("H2".equals(product)) {
            return "MERGE INTO " + table + " (" + names + ") KEY (" + String.join(", ", key) + ") VALUES (" + values + ")";
        }
        throw new IllegalStateException(table + ": unsupported database " + product + " (H2 and PostgreSQL are supported)");
    }
}
