package io.annota.bench.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Predicted PHI spans scored against gold spans as the PhysioNet deid README and its scorer
 * ({@code score_phi_spans.py}) define it, so the figures can be checked against that script:
 * <ul>
 *   <li><b>span recall (overlap)</b>: a gold span counts if any predicted span overlaps it by one character;</li>
 *   <li><b>full-span recall</b>: every letter and digit of the gold span is covered (every character if it has
 *       none), by one predicted span or several;</li>
 *   <li><b>exact</b>: one predicted span has the gold span's start and end (the script's "exact");</li>
 *   <li><b>span precision</b>: a predicted span counts if it overlaps any gold span;</li>
 *   <li><b>character recall / precision</b>: over the sets of gold and predicted character positions per text.</li>
 * </ul>
 * Gold types in {@code setApart} (PhysioNet's DateYear: Safe Harbor may keep a year) are scored in the per-type
 * figures and in {@link #all}, and left out of {@link #withoutSetApart}: there a predicted span that overlaps only
 * such gold is neither right nor wrong (not counted in precision), and their characters are in neither set.
 */
final class SpanScore {

    /** A gold span ({@code rule} null) or a predicted one; {@code type} is the gold category or predicted type. */
    record Span(int start, int end, String type, String rule) {
        boolean overlaps(Span other) {
            return start < other.end && other.start < end;
        }
    }

    /** Counts under one view of the gold. */
    static final class Totals {
        int gold;
        int overlap;
        int full;
        int exact;
        int predicted;
        int correct;
        /** Predicted spans that overlap only set-apart gold: left out of precision. */
        int leftOut;
        long goldChars;
        long predictedChars;
        long commonChars;

        double recall() {
            return Ratios.of(overlap, gold);
        }

        double fullRecall() {
            return Ratios.of(full, gold);
        }

        double exactRecall() {
            return Ratios.of(exact, gold);
        }

        double precision() {
            return Ratios.of(correct, predicted - leftOut);
        }

        double charRecall() {
            return goldChars == 0 ? 0 : commonChars / (double) goldChars;
        }

        double charPrecision() {
            return predictedChars == 0 ? 0 : commonChars / (double) predictedChars;
        }
    }

    /** Recall of one gold type; {@code foundAs}: predicted type covering most of each found span, counted. */
    static final class TypeRecall {
        int gold;
        int overlap;
        int full;
        int exact;
        final Map<String, Integer> foundAs = new TreeMap<>();
    }

    /** What one rule produced: spans, of which false positives (no gold at all) and ones on set-apart gold only. */
    static final class RuleCount {
        int predicted;
        int falsePositives;
        int onlySetApart;
    }

    private final Set<String> setApart;
    final Totals all = new Totals();
    final Totals withoutSetApart = new Totals();
    final Map<String, TypeRecall> byType = new TreeMap<>();
    final Map<String, RuleCount> byRule = new TreeMap<>();
    /** "type shape" of gold spans not overlapped at all, of gold spans overlapped only in part, of false positives. */
    final Map<String, Integer> missedShapes = new HashMap<>();
    final Map<String, Integer> partialShapes = new HashMap<>();
    final Map<String, Integer> falsePositiveShapes = new HashMap<>();
    /** The same with the values themselves: printed only under --show-values, for local work. */
    final Map<String, Integer> missedValues = new HashMap<>();
    final Map<String, Integer> partialValues = new HashMap<>();
    final Map<String, Integer> falsePositiveValues = new HashMap<>();

    SpanScore(Set<String> setApart) {
        this.setApart = Set.copyOf(setApart);
    }

    /** Scores one text; spans may overlap each other and need not be sorted. */
    void add(String text, List<Span> gold, List<Span> predicted) {
        int n = text.length();
        boolean[] predictedAt = new boolean[n];
        String[] predictedTypeAt = new String[n];
        for (Span p : predicted) {
            for (int k = Math.max(0, p.start()); k < Math.min(n, p.end()); k++) {
                predictedAt[k] = true;
                predictedTypeAt[k] = p.type();
            }
        }
        for (Span g : gold) {
            scoreGold(text, g, predicted, predictedAt, predictedTypeAt);
        }
        for (Span p : predicted) {
            scorePredicted(text, p, gold);
        }
        boolean[] goldAt = new boolean[n];
        boolean[] apartAt = new boolean[n]; // in set-apart gold and in no other gold
        boolean[] keptAt = new boolean[n];
        for (Span g : gold) {
            for (int k = g.start(); k < g.end(); k++) {
                goldAt[k] = true;
                if (setApart.contains(g.type())) {
                    apartAt[k] = true;
                } else {
                    keptAt[k] = true;
                }
            }
        }
        for (int k = 0; k < n; k++) {
            count(all, goldAt[k], predictedAt[k]);
            boolean apart = apartAt[k] && !keptAt[k];
            count(withoutSetApart, keptAt[k], predictedAt[k] && !apart);
        }
    }

    private static void count(Totals t, boolean gold, boolean predicted) {
        t.goldChars += gold ? 1 : 0;
        t.predictedChars += predicted ? 1 : 0;
        t.commonChars += gold && predicted ? 1 : 0;
    }

    private void scoreGold(String text, Span g, List<Span> predicted, boolean[] predictedAt, String[] typeAt) {
        boolean overlap = predicted.stream().anyMatch(g::overlaps);
        boolean exact = predicted.stream().anyMatch(p -> p.start() == g.start() && p.end() == g.end());
        int alnum = 0;
        int alnumCovered = 0;
        int covered = 0;
        Map<String, Integer> coveredBy = new HashMap<>();
        for (int k = g.start(); k < g.end(); k++) {
            boolean isAlnum = Character.isLetterOrDigit(text.charAt(k));
            alnum += isAlnum ? 1 : 0;
            if (predictedAt[k]) {
                covered++;
                alnumCovered += isAlnum ? 1 : 0;
                coveredBy.merge(typeAt[k], 1, Integer::sum);
            }
        }
        boolean full = alnum > 0 ? alnumCovered == alnum : covered == g.end() - g.start();
        TypeRecall r = byType.computeIfAbsent(g.type(), t -> new TypeRecall());
        tallyGold(r, overlap, full, exact);
        tallyGold(all, overlap, full, exact);
        if (!setApart.contains(g.type())) {
            tallyGold(withoutSetApart, overlap, full, exact);
        }
        if (overlap) {
            String main = coveredBy.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            r.foundAs.merge(main, 1, Integer::sum);
        }
        String value = text.substring(g.start(), g.end());
        if (!overlap) {
            note(missedShapes, missedValues, g.type(), value);
        } else if (!full) {
            note(partialShapes, partialValues, g.type(), value);
        }
    }

    private static void tallyGold(TypeRecall r, boolean overlap, boolean full, boolean exact) {
        r.gold++;
        r.overlap += overlap ? 1 : 0;
        r.full += full ? 1 : 0;
        r.exact += exact ? 1 : 0;
    }

    private static void tallyGold(Totals t, boolean overlap, boolean full, boolean exact) {
        t.gold++;
        t.overlap += overlap ? 1 : 0;
        t.full += full ? 1 : 0;
        t.exact += exact ? 1 : 0;
    }

    private void scorePredicted(String text, Span p, List<Span> gold) {
        boolean onKept = gold.stream().anyMatch(g -> g.overlaps(p) && !setApart.contains(g.type()));
        boolean onApart = gold.stream().anyMatch(g -> g.overlaps(p) && setApart.contains(g.type()));
        all.predicted++;
        all.correct += onKept || onApart ? 1 : 0;
        withoutSetApart.predicted++;
        withoutSetApart.correct += onKept ? 1 : 0;
        withoutSetApart.leftOut += !onKept && onApart ? 1 : 0;
        RuleCount rule = byRule.computeIfAbsent(p.rule() == null ? "?" : p.rule(), r -> new RuleCount());
        rule.predicted++;
        rule.onlySetApart += !onKept && onApart ? 1 : 0;
        if (!onKept && !onApart) {
            rule.falsePositives++;
            note(falsePositiveShapes, falsePositiveValues, p.type() + " " + p.rule(),
                    text.substring(Math.max(0, p.start()), Math.min(text.length(), p.end())));
        }
    }

    private static void note(Map<String, Integer> shapes, Map<String, Integer> values, String label, String value) {
        shapes.merge(label + " " + ScrubberEvaluation.shape(value), 1, Integer::sum);
        values.merge(label + " " + value.replace('\n', '|'), 1, Integer::sum);
    }
}
