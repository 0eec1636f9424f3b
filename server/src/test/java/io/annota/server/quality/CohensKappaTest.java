package io.annota.server.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CohensKappaTest {

    /**
     * A 2x2 table of 50 items:
     * <pre>
     *                rater 2 yes   rater 2 no
     *   rater 1 yes      20             5        (25)
     *   rater 1 no       10            15        (25)
     *                   (30)          (20)
     * </pre>
     * po = (20 + 15) / 50 = 0.7; pe = 25/50 * 30/50 + 25/50 * 20/50 = 0.3 + 0.2 = 0.5;
     * kappa = (0.7 - 0.5) / (1 - 0.5) = 0.4.
     */
    @Test
    void twoByTwoTable() {
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        cells(first, second, "yes", "yes", 20);
        cells(first, second, "yes", "no", 5);
        cells(first, second, "no", "yes", 10);
        cells(first, second, "no", "no", 15);
        // the order of the items must not matter
        Collections.shuffle(first, new Random(1));
        Collections.shuffle(second, new Random(1));

        CohensKappa.Kappa kappa = CohensKappa.of(first, second);

        assertThat(kappa.items()).isEqualTo(50);
        assertThat(kappa.observed().getAsDouble()).isCloseTo(0.7, within(1e-12));
        assertThat(kappa.kappa().getAsDouble()).isCloseTo(0.4, within(1e-12));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // po 1, pe 1/2: kappa 1
                Arguments.of("perfect agreement", "a b", "a b", 1.0, 1.0),
                // po 0, pe = 1/2*1/2 + 1/2*1/2 = 1/2: kappa (0 - 1/2) / (1/2) = -1
                Arguments.of("systematic disagreement", "a b", "b a", 0.0, -1.0),
                // three labels, 3 items: po 2/3; rater 1 a1 b1 c1, rater 2 a1 b2; pe = (1*1 + 1*2)/9 = 1/3;
                // kappa = (2/3 - 1/3) / (2/3) = 0.5
                Arguments.of("three labels", "a b c", "a b b", 2.0 / 3, 0.5),
                // both used one label only: pe 1, kappa 0/0
                Arguments.of("one label only", "a a a", "a a a", 1.0, null),
                Arguments.of("no common items", "", "", null, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kappa(String name, String first, String second, Double observed, Double kappa) {
        CohensKappa.Kappa result = CohensKappa.of(labels(first), labels(second));
        assertThat(result.items()).isEqualTo(labels(first).size());
        assertClose(result.observed(), observed);
        assertClose(result.kappa(), kappa);
    }

    @Test
    void theRatersMustLabelTheSameItems() {
        assertThatThrownBy(() -> CohensKappa.of(List.of("a"), List.of("a", "b")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    static void assertClose(OptionalDouble actual, Double expected) {
        if (expected == null) {
            assertThat(actual).isEmpty();
        } else {
            assertThat(actual.getAsDouble()).isCloseTo(expected, within(1e-12));
        }
    }

    private static List<String> labels(String labels) {
        return labels.isEmpty() ? List.of() : List.of(labels.split(" "));
    }

    private static void cells(List<String> first, List<String> second, String one, String two, int count) {
        first.addAll(Collections.nCopies(count, one));
        second.addAll(Collections.nCopies(count, two));
    }
}
