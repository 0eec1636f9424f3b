package io.annota.server.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KrippendorffAlphaTest {

    /**
     * The reliability data of Krippendorff, "Computing Krippendorff's Alpha-Reliability" (2011), section C: four
     * observers, twelve units, missing values; published nominal alpha 0.743.
     * <pre>
     *   unit   1 2 3 4 5 6 7 8 9 10 11 12
     *   A      1 2 3 3 2 1 4 1 2 .  .  .
     *   B      1 2 3 3 2 2 4 1 2 5  .  3
     *   C      . 3 3 3 2 3 4 2 2 5  1  .
     *   D      1 2 3 3 2 4 4 1 2 5  1  .
     * </pre>
     * Unit 12 has one value and drops out; n = 40 pairable values: n(1) 9, n(2) 13, n(3) 10, n(4) 5, n(5) 3.
     * Disagreements sum(c != k) o(c,k), per unit (m^2 - sum count^2) / (m - 1): unit 2 (2,2,3,2) (16 - 10)/3 = 2,
     * unit 6 (1,2,3,4) (16 - 4)/3 = 4, unit 8 (1,1,2,1) 2, all others 0: 8.
     * Expected: sum(c != k) n(c) n(k) = 40^2 - (81 + 169 + 100 + 25 + 9) = 1216.
     * alpha = 1 - (40 - 1) * 8 / 1216 = 1 - 312/1216 = 0.7434.
     */
    @Test
    void krippendorffsPublishedExample() {
        String[] observers = {
            "1 2 3 3 2 1 4 1 2 . . .",
            "1 2 3 3 2 2 4 1 2 5 . 3",
            ". 3 3 3 2 3 4 2 2 5 1 .",
            "1 2 3 3 2 4 4 1 2 5 1 ."};
        List<List<String>> units = new ArrayList<>();
        for (int u = 0; u < 12; u++) {
            List<String> unit = new ArrayList<>();
            for (String observer : observers) {
                String value = observer.split(" ")[u];
                if (!value.equals(".")) {
                    unit.add(value);
                }
            }
            units.add(unit);
        }

        KrippendorffAlpha.Alpha alpha = KrippendorffAlpha.nominal(units);

        assertThat(alpha.units()).isEqualTo(11);
        assertThat(alpha.values()).isEqualTo(40);
        assertThat(alpha.alpha().getAsDouble()).isCloseTo(1 - 312.0 / 1216, within(1e-12))
                .isCloseTo(0.743, within(5e-4));
    }

    /**
     * Two coders, ten units, binary (the same paper, section A): published alpha 0.095.
     * Coincidences: o(0,0) 10, o(1,1) 2, o(0,1) = o(1,0) 4; n(0) 14, n(1) 6, n 20;
     * alpha = 1 - (20 - 1) * 8 / (2 * 14 * 6) = 1 - 152/168 = 0.0952.
     */
    @Test
    void twoCodersBinary() {
        String first = "0 1 0 0 0 0 0 0 1 0";
        String second = "1 1 1 0 0 1 0 0 0 0";
        List<List<String>> units = new ArrayList<>();
        for (int u = 0; u < 10; u++) {
            units.add(List.of(first.split(" ")[u], second.split(" ")[u]));
        }
        assertThat(KrippendorffAlpha.nominal(units).alpha().getAsDouble())
                .isCloseTo(1 - 152.0 / 168, within(1e-12)).isCloseTo(0.095, within(5e-4));
    }

    @Test
    void undefinedWithoutPairableValuesOrWithOneLabelOnly() {
        KrippendorffAlpha.Alpha single = KrippendorffAlpha.nominal(List.of(List.of("a"), List.of("b")));
        assertThat(single.units()).isZero();
        assertThat(single.alpha()).isEmpty();

        KrippendorffAlpha.Alpha oneLabel = KrippendorffAlpha.nominal(List.of(List.of("a", "a"), List.of("a", "a", "a")));
        assertThat(oneLabel.units()).isEqualTo(2);
        assertThat(oneLabel.values()).isEqualTo(5);
        assertThat(oneLabel.alpha()).isEmpty();
    }

    /** Perfect agreement with two labels: no observed disagreement, alpha 1. */
    @Test
    void perfectAgreement() {
        assertThat(KrippendorffAlpha.nominal(List.of(List.of("a", "a"), List.of("b", "b", "b"))).alpha())
                .hasValue(1.0);
    }
}
