package io.annota.server.intake.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import io.annota.server.support.PostgresServer;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** The checkpoint table on both databases Annota runs on: embedded H2 and a real PostgreSQL server. */
class JdbcPullCheckpointsIT {

    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        postgres.close();
    }

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("H2", new JdbcTemplate(new DriverManagerDataSource(
                        "jdbc:h2:mem:pull-checkpoints;DB_CLOSE_DELAY=-1", "sa", ""))),
                Arguments.of("PostgreSQL", new JdbcTemplate(new DriverManagerDataSource(
                        postgres.jdbcUrl(), postgres.username(), ""))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCheckpointIsSavedUpdatedAndReadBack(String database, JdbcTemplate jdbc) {
        JdbcPullCheckpoints checkpoints = new JdbcPullCheckpoints(jdbc);
        assertThat(checkpoints.load("hospital", "Patient")).isEqualTo(PullCheckpoint.START);

        Instant mark = Instant.parse("2026-11-29T08:00:05.123Z");
        PullCheckpoint first = new PullCheckpoint(mark, Map.of("Patient/p5/_history/1", mark,
                "Patient/p4/_history/2", mark.minusSeconds(1)));
        checkpoints.save("hospital", "Patient", first);
        assertThat(checkpoints.load("hospital", "Patient")).isEqualTo(first);

        PullCheckpoint later = new PullCheckpoint(mark.plusSeconds(30), Map.of("Patient/p8/_history/1",
                mark.plusSeconds(30)));
        checkpoints.save("hospital", "Patient", later);
        assertThat(checkpoints.load("hospital", "Patient")).isEqualTo(later);
        assertThat(checkpoints.load("hospital", "DocumentReference")).isEqualTo(PullCheckpoint.START);
        assertThat(new JdbcPullCheckpoints(jdbc).load("hospital", "Patient")).as("a second instance, as after a"
                + " restart").isEqualTo(later);
    }
}
