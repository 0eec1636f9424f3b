package io.annota.server.intake;

import io.annota.intake.hl7.StoredMessages;
import io.annota.server.jdbc.InsertIfAbsent;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stored HL7 v2 messages in the server's database (table {@code annota_hl7_message}), so a message sent again is
 * recognised after a restart too. Holds keyed hashes and ACKs (control ids, codes, fixed texts), no message content.
 */
public class JdbcStoredMessages implements StoredMessages {

    private final JdbcTemplate jdbc;
    private final String insertIfAbsent;

    public JdbcStoredMessages(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        jdbc.execute("CREATE TABLE IF NOT EXISTS annota_hl7_message (message_key VARCHAR(64) NOT NULL PRIMARY KEY, "
                + "acknowledgement VARCHAR(4000) NOT NULL, stored_at TIMESTAMP NOT NULL)");
        this.insertIfAbsent = InsertIfAbsent.statement(jdbc, "annota_hl7_message", List.of("message_key"),
                List.of("message_key", "acknowledgement", "stored_at"));
    }

    @Override
    public Optional<String> acknowledgement(String messageKey) {
        return jdbc.queryForList("SELECT acknowledgement FROM annota_hl7_message WHERE message_key = ?", String.class,
                messageKey).stream().findFirst();
    }

    @Override
    public void remember(String messageKey, String acknowledgement) {
        jdbc.update(insertIfAbsent, messageKey, acknowledgement, Timestamp.from(Instant.now()));
    }
}
