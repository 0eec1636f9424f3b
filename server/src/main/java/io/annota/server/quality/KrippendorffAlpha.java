package io.annota.server.quality;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Krippendorff's alpha for nominal data, any number of raters, missing values allowed (Krippendorff, "Computing
 * Krippendorff's Alpha-Reliability", 2011). Each unit with m >= 2 values adds 1/(m-1) to the coincidence o(c,k) of
 * every ordered pair of its values from different raters; with n(c) the sum of row c and n the sum of all,
 * alpha = 1 - (n - 1) * sum(c != k) o(c,k) / sum(c != k) n(c) n(k).
 */
final class KrippendorffAlpha {

    /**
     * @param units  units with at least two values (the others cannot be paired and are left out)
     * @param values n, the values in those units
     * @param alpha  empty without pairable values, or when all of them are one label (expected disagreement 0)
     */
    record Alpha(int units, int values, OptionalDouble alpha) {
    }

    private KrippendorffAlpha() {
    }

    /** {@code units}: for each unit, the labels its raters gave (one per rater who labelled it). */
    static Alpha nominal(Collection<? extends Collection<String>> units) {
        List<? extends Collection<String>> pairable = units.stream().filter(u -> u.size() >= 2).toList();
        // the coincidences off the diagonal (disagreements) and the marginals n(c)
        double disagreement = 0;
        Map<String, Double> marginals = new HashMap<>();
        for (Collection<String> unit : pairable) {
            Map<String, Integer> counts = new HashMap<>();
            unit.forEach(label -> counts.merge(label, 1, Integer::sum));
            int m = unit.size();
            // ordered pairs of different labels: m^2 - sum of count^2
            int sumOfSquares = counts.values().stream().mapToInt(c -> c * c).sum();
            disagreement += (double) (m * m - sumOfSquares) / (m - 1);
            counts.forEach((label, c) -> marginals.merge(label, (double) c, Double::sum));
        }
        int n = pairable.stream().mapToInt(Collection::size).sum();
        double sumOfMarginalSquares = marginals.values().stream().mapToDouble(c -> c * c).sum();
        double expectedPairs = (double) n * n - sumOfMarginalSquares;
        OptionalDouble alpha = n == 0 || expectedPairs == 0
                ? OptionalDouble.empty() : OptionalDouble.of(1 - (n - 1) * disagreement / expectedPairs);
        return new Alpha(pairable.size(), n, alpha);
    }
}
