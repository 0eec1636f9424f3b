package io.annota.server.quality;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Inter-annotator agreement over items (annotations) labelled by reviewers: Cohen's kappa for every pair of
 * reviewers over the items both labelled, and Krippendorff's alpha over all reviewers and the items with at least
 * two labels.
 */
final class Agreement {

    /** Kappa of one pair of reviewers, named by their stored (pseudonymous) keys, {@code first < second}. */
    record PairKappa(String first, String second, CohensKappa.Kappa kappa) {
    }

    /**
     * @param reviewers every reviewer who labelled an item, sorted
     * @param pairs     one entry per pair of {@code reviewers}, also for pairs without a common item (0 items)
     */
    record Result(List<String> reviewers, List<PairKappa> pairs, KrippendorffAlpha.Alpha alpha) {
    }

    private Agreement() {
    }

    /** {@code labels}: for each item, reviewer key to label. */
    static Result of(Collection<Map<String, String>> labels) {
        List<String> reviewers = new ArrayList<>(new TreeSet<>(labels.stream()
                .flatMap(item -> item.keySet().stream()).toList()));
        List<PairKappa> pairs = new ArrayList<>();
        for (int i = 0; i < reviewers.size(); i++) {
            for (int j = i + 1; j < reviewers.size(); j++) {
                pairs.add(kappa(reviewers.get(i), reviewers.get(j), labels));
            }
        }
        KrippendorffAlpha.Alpha alpha = KrippendorffAlpha.nominal(labels.stream().map(Map::values).toList());
        return new Result(List.copyOf(reviewers), List.copyOf(pairs), alpha);
    }

    private static PairKappa kappa(String first, String second, Collection<Map<String, String>> labels) {
        List<String> firstLabels = new ArrayList<>();
        List<String> secondLabels = new ArrayList<>();
        for (Map<String, String> item : labels) {
            if (item.containsKey(first) && item.containsKey(second)) {
                firstLabels.add(item.get(first));
                secondLabels.add(item.get(second));
            }
        }
        return new PairKappa(first, second, CohensKappa.of(firstLabels, secondLabels));
    }
}
