package io.annota.server.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

class JdbcKnownIdentifierStoreTest {

    private final DriverManagerDataSource dataSource =
            new DriverManagerDataSource("jdbc:h2:mem:store-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
    private final JdbcKnownIdentifierStore store = new JdbcKnownIdentifierStore(new JdbcTemplate(dataSource));

    @Test
    void theFirstDateShiftSeedOfAPatientStays() {
        assertThat(store.dateShiftSeed("a1")).isNull();

        assertThat(store.rememberDateShiftSeed("a1", "identifier:first")).isEqualTo("identifier:first");
        assertThat(store.rememberDateShiftSeed("a1", "Patient/a1")).isEqualTo("identifier:first");
        assertThat(store.rememberDateShiftSeed("a2", "Patient/a2")).isEqualTo("Patient/a2");
        assertThat(store.dateShiftSeed("a1")).isEqualTo("identifier:first");
    }

    @Test
    void twoTransactionsWritingThePatientsFirstSeedAtOnceBothCommit() throws Exception {
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        CountDownLatch firstWrote = new CountDownLatch(1);
        CountDownLatch secondStarted = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> second = pool.submit(() -> {
                firstWrote.await();
                secondStarted.countDown();
                transactions.executeWithoutResult(tx -> store.rememberDateShiftSeed("a7", "Patient/a7"));
                return null;
            });
            transactions.executeWithoutResult(tx -> {
                store.rememberDateShiftSeed("a7", "Patient/a7");
                store.remember("a7", Set.of("f1"));
                firstWrote.countDown();
                awaitQuietly(secondStarted);
            });
            second.get(30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.dateShiftSeed("a7")).isEqualTo("Patient/a7");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
            Thread.sleep(200); // let the second transaction reach its insert while this one is still open
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
