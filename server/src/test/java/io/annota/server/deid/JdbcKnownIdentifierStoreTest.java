package io.annota.server.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

class JdbcKnownIdentifierStoreTest {

    private final JdbcKnownIdentifierStore store = new JdbcKnownIdentifierStore(new JdbcTemplate(
            new DriverManagerDataSource("jdbc:h2:mem:store-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "")));

    @Test
    void theFirstDateShiftSeedOfAPatientStays() {
        assertThat(store.dateShiftSeed("a1")).isNull();

        assertThat(store.rememberDateShiftSeed("a1", "identifier:first")).isEqualTo("identifier:first");
        assertThat(store.rememberDateShiftSeed("a1", "Patient/a1")).isEqualTo("identifier:first");
        assertThat(store.rememberDateShiftSeed("a2", "Patient/a2")).isEqualTo("Patient/a2");
        assertThat(store.dateShiftSeed("a1")).isEqualTo("identifier:first");
    }

    @Test
    void fingerprintsAccumulatePerPatient() {
        store.remember("a1", Set.of("f1", "f2"));
        store.remember("a1", Set.of("f2", "f3"));
        store.remember("a2", Set.of("f9"));

        assertThat(store.fingerprints("a1")).containsExactlyInAnyOrder("f1", "f2", "f3");
        assertThat(store.fingerprints("a2")).containsExactly("f9");
    }
}
