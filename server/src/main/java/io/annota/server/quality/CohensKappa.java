package io.annota.server.quality;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * Cohen's kappa of two raters over the same items: (po - pe) / (1 - pe), po the share of items they label alike, pe
 * the share expected by chance from each rater's own label frequencies, sum over labels of p1(label) * p2(label).
 */
final class CohensKappa {

    /**
     * @param items    items both raters labelled
     * @param observed po; empty without items
     * @param kappa    empty without items, or when pe = 1 (both raters used one and the same label throughout:
     *                 agreement is perfect but nothing is left to correct for chance)
     */
    record Kappa(int items, OptionalDouble observed, OptionalDouble kappa) {
    }

    private CohensKappa() {
    }

    /** The two raters' labels, item by item ({@code first.get(i)} and {@code second.get(i)} label the same item). */
    static Kappa of(List<String> first, List<String> second) {
        if (first.size() != second.size()) {
            throw new IllegalArgumentException("the raters must label the same items");
        }
        int n = first.size();
        if (n == 0) {
            return new Kappa(0, OptionalDouble.empty(), OptionalDouble.empty());
        }
        Map<String, Integer> firstCounts = new HashMap<>();
        Map<String, Integer> secondCounts = new HashMap<>();
        int agreed = 0;
        for (int i = 0; i < n; i++) {
            firstCounts.merge(first.get(i), 1, Integer::sum);
            secondCounts.merge(second.get(i), 1, Integer::sum);
            agreed += first.get(i).equals(second.get(i)) ? 1 : 0;
        }
        double observed = (double) agreed / n;
        double expected = firstCounts.entrySet().stream()
                .mapToDouble(e -> (double) e.getValue() / n * secondCounts.getOrDefault(e.getKey(), 0) / n)
                .sum();
        // pe = 1 only if both used one single label; compare with a tolerance for the sum's rounding
        OptionalDouble kappa = 1 - expected < 1e-12
                ? OptionalDouble.empty() : OptionalDouble.of((observed - expected) / (1 - expected));
        return new Kappa(n, OptionalDouble.of(observed), kappa);
    }
}
