package io.annota.server.intake.deadletter;

import javax.sql.DataSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Against a real in-memory H2 database. */
class JdbcDeadLettersTest extends JdbcDeadLettersContract {

    @Override
    DataSource freshDatabase() {
        return new DriverManagerDataSource("jdbc:h2:mem:dead-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }
}
