package io.annota.server.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A hand-checked example. Seven records, k = 3:
 * <pre>
 * record  patient  age    gender  zip3  year   class
 * r1      p1       40-49  female  021   2025   A  (patients p1, p2, p3: 3, safe)
 * r2      p2       40-49  female  021   2025   A
 * r3      p3       40-49  female  021   2025   A
 * r4      p4       80-89  male    100   2024   B  (p4 twice: 1 patient, 2 records, at risk)
 * r5      p4       80-89  male    100   2024   B
 * r6      p5       60-69  female  -     2025   C  (1 patient, at risk)
 * r7      p6       60-69  female  021   2025   D  (1 patient, at risk; the missing ZIP of C is a value of its own)
 * </pre>
 */
class KAnonymityTest {

    private static final QuasiIdentifiers A = new QuasiIdentifiers("40-49", "female", "021", "2025");
    private static final QuasiIdentifiers B = new QuasiIdentifiers("80-89", "male", "100", "2024");
    private static final QuasiIdentifiers C = new QuasiIdentifiers("60-69", "female", null, "2025");
    private static final QuasiIdentifiers D = new QuasiIdentifiers("60-69", "female", "021", "2025");
    private static final List<KAnonymity.Row> ROWS = List.of(
            new KAnonymity.Row("r1", "p1", A), new KAnonymity.Row("r2", "p2", A), new KAnonymity.Row("r3", "p3", A),
            new KAnonymity.Row("r4", "p4", B), new KAnonymity.Row("r5", "p4", B),
            new KAnonymity.Row("r6", "p5", C), new KAnonymity.Row("r7", "p6", D));

    @Test
    void classesBelowKAreThoseWithFewerPatientsThanK() {
        KAnonymity.Report report = KAnonymity.assess(ROWS, 3);

        assertThat(report.records()).isEqualTo(7);
        assertThat(report.classes()).isEqualTo(4);
        assertThat(report.belowK()).extracting(KAnonymity.RiskyClass::quasiIdentifiers).containsExactlyInAnyOrder(B, C, D);
        assertThat(report.belowK()).filteredOn(c -> c.quasiIdentifiers().equals(B)).singleElement()
                .satisfies(c -> {
                    assertThat(c.patients()).isEqualTo(1);
                    assertThat(c.recordIds()).containsExactly("r4", "r5");
                });
        assertThat(report.riskyRecordIds()).containsExactlyInAnyOrder("r4", "r5", "r6", "r7");
    }

    @Test
    void thresholdIsInclusive() {
        assertThat(KAnonymity.assess(ROWS, 4).riskyRecordIds()).contains("r1", "r2", "r3");
        assertThat(KAnonymity.assess(ROWS, 1).belowK()).isEmpty();
        assertThat(KAnonymity.assess(List.of(), 5).classes()).isZero();
    }

    @Test
    void recordsWithoutAPatientCountOnePatientEach() {
        List<KAnonymity.Row> rows = List.of(new KAnonymity.Row("x1", null, A), new KAnonymity.Row("x2", null, A));
        assertThat(KAnonymity.assess(rows, 2).belowK()).isEmpty();
        assertThat(KAnonymity.assess(rows, 3).belowK()).singleElement()
                .satisfies(c -> assertThat(c.patients()).isEqualTo(2));
    }
}
