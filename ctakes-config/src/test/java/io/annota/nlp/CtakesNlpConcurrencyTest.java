package io.annota.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Concurrent annotate() calls on the 2-worker full pool give exactly the sequential results. */
class CtakesNlpConcurrencyTest {

    static final List<String> NOTES = List.of(
            "Patient has type 2 diabetes mellitus and hypertension, on metformin and lisinopril.",
            "He reports fatigue and denies chest pain. No fever or cough.",
            "Chest x-ray: possible pneumonia. Rule out pulmonary embolism.",
            "History of asthma, uses albuterol as needed. Family history of breast cancer.",
            "Takes aspirin 81 mg daily and insulin glargine at night.",
            "Negative for dyspnea, nausea or vomiting. Mild headache.",
            "COPD exacerbation; started azithromycin and prednisone.",
            "The patient has chronic kidney disease and anemia.");

    @Test
    void concurrentCallsMatchSequentialResults() throws Exception {
        CtakesNlp nlp = SharedEngines.full();
        Map<String, List<ConceptMention>> expected = new LinkedHashMap<>();
        for (String note : NOTES) {
            expected.put(note, nlp.annotate(note));
        }
        assertThat(expected.values()).allSatisfy(mentions -> assertThat(mentions).isNotEmpty());

        int threads = 4;
        int rounds = 3;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                long seed = t;
                futures.add(pool.submit(() -> {
                    List<String> order = new ArrayList<>(NOTES);
                    int checked = 0;
                    for (int r = 0; r < rounds; r++) {
                        Collections.shuffle(order, new Random(seed * 31 + r));
                        for (String note : order) {
                            assertThat(nlp.annotate(note)).as(note).isEqualTo(expected.get(note));
                            checked++;
                        }
                    }
                    return checked;
                }));
            }
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get(5, TimeUnit.MINUTES);
            }
            assertThat(total).isEqualTo(threads * rounds * NOTES.size());
        } finally {
            pool.shutdownNow();
        }
    }
}
