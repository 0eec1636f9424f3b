package io.annota.server.intake.deadletter;

import io.annota.server.support.PostgresServer;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** Against a real PostgreSQL server (Debian's binaries, see {@link PostgresServer}), one database per test. */
class JdbcDeadLettersPostgresIT extends JdbcDeadLettersContract {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    @Override
    DataSource freshDatabase() {
        String name = "dead_letters_" + DATABASES.incrementAndGet();
        new JdbcTemplate(dataSource(postgres.jdbcUrl())).execute("CREATE DATABASE " + name);
        return dataSource(postgres.jdbcUrl().replace("/postgres", "/" + name));
    }

    private static DataSource dataSource(String url) {
        return new DriverManagerDataSource(url, postgres.username(), "");
    }
}
