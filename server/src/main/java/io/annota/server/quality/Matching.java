package io.annota.server.quality;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Pairs gold and machine mentions one to one under a {@link MatchRule}. With overlapping spans a greedy pairing can
 * pair too few (one machine span overlapping two gold ones), so this finds a maximum matching (augmenting paths),
 * trying each gold mention's candidates best first: same span, then the longest overlap.
 */
final class Matching {

    record Pair(Mention gold, Mention machine) {
    }

    private final List<Mention> gold;
    private final List<Mention> machine;
    private final List<List<Integer>> candidates;
    /** For each machine mention, the index of the gold mention it is paired with, or -1. */
    private final int[] goldOf;

    private Matching(List<Mention> gold, List<Mention> machine, MatchRule rule) {
        this.gold = gold;
        this.machine = machine;
        this.candidates = gold.stream().map(g -> IntStream.range(0, machine.size()).boxed()
                .filter(m -> rule.matches(g, machine.get(m)))
                .sorted(Comparator.<Integer, Boolean>comparing(m -> !g.sameSpan(machine.get(m)))
                        .thenComparing(m -> -g.overlap(machine.get(m))))
                .toList()).toList();
        this.goldOf = new int[machine.size()];
        Arrays.fill(goldOf, -1);
    }

    /** The pairs, text by text: mentions in different texts never match. */
    static List<Pair> pairs(List<Mention> gold, List<Mention> machine, MatchRule rule) {
        Map<String, List<Mention>> machineByText = machine.stream().collect(Collectors.groupingBy(Mention::text));
        return gold.stream().collect(Collectors.groupingBy(Mention::text)).entrySet().stream()
                .flatMap(text -> new Matching(text.getValue(), machineByText.getOrDefault(text.getKey(), List.of()),
                        rule).match().stream())
                .toList();
    }

    private List<Pair> match() {
        for (int g = 0; g < gold.size(); g++) {
            augment(g, new boolean[machine.size()]);
        }
        return pairs();
    }

    /** Kuhn's step: pair gold {@code g}, moving earlier pairs to other candidates where that frees one. */
    private boolean augment(int g, boolean[] tried) {
        for (int m : candidates.get(g)) {
            if (!tried[m]) {
                tried[m] = true;
                if (goldOf[m] < 0 || augment(goldOf[m], tried)) {
                    goldOf[m] = g;
                    return true;
                }
            }
        }
        return false;
    }

    private List<Pair> pairs() {
        List<Pair> pairs = new ArrayList<>();
        for (int m = 0; m < goldOf.length; m++) {
            if (goldOf[m] >= 0) {
                pairs.add(new Pair(gold.get(goldOf[m]), machine.get(m)));
            }
        }
        return pairs;
    }
}
