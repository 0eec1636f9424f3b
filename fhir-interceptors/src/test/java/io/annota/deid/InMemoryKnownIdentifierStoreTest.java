package io.annota.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class InMemoryKnownIdentifierStoreTest {

    private final InMemoryKnownIdentifierStore store = new InMemoryKnownIdentifierStore();

    @Test
    void rememberMergesAndUnknownPatientsHaveNone() {
        store.remember("a1", Set.of("x", "y"));
        store.remember("a1", Set.of("y", "z"));

        assertThat(store.fingerprints("a1")).containsExactlyInAnyOrder("x", "y", "z");
        assertThat(store.fingerprints("b2")).isEmpty();
    }

    @Test
    void returnedSetIsASnapshot() {
        store.remember("a1", Set.of("x"));
        Set<String> snapshot = store.fingerprints("a1");
        store.remember("a1", Set.of("y"));

        assertThat(snapshot).containsExactly("x");
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", " ", "Patient/a1"})
    void onlyBareLogicalIdsAreAccepted(String patientId) {
        assertThatThrownBy(() -> store.remember(patientId, Set.of("x"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.fingerprints(patientId)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void concurrentMergesLoseNothing() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 500; i++) {
                        store.remember("p" + (i % 5), Set.of(thread + ":" + i));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        int total = 0;
        for (int p = 0; p < 5; p++) {
            total += store.fingerprints("p" + p).size();
        }
        assertThat(total).isEqualTo(8 * 500);
    }
}
