package io.annota.server.quality;

import io.annota.nlp.Assertion;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalDouble;
import java.util.function.Predicate;

/**
 * How well the machine read the assertion attributes of the mentions it found: over matched (machine, gold) pairs,
 * for each attribute the confusion of "the flag is set" between the two, giving precision, recall and F1 of the flag
 * and the accuracy of the attribute. {@code subject} counts as set when it names anyone but the patient.
 */
final class AttributeScores {

    enum Attribute {
        NEGATED("negated", Assertion::negated),
        UNCERTAIN("uncertain", Assertion::uncertain),
        HISTORY_OF("historyOf", Assertion::historyOf),
        CONDITIONAL("conditional", Assertion::conditional),
        GENERIC("generic", Assertion::generic),
        SUBJECT("subject", a -> a.subject() != null && !"patient".equals(a.subject()));

        private final String code;
        private final Predicate<Assertion> set;

        Attribute(String code, Predicate<Assertion> set) {
            this.code = code;
            this.set = set;
        }

        /** The attribute's name in the nlp-assertion extension. */
        String code() {
            return code;
        }
    }

    /**
     * One attribute over the pairs: tp both set, fp set by the machine only, fn set in the gold only, tn neither.
     * For {@code subject}, a pair where both name someone other than the patient but not the same one (e.g.
     * family_member and other) is a false positive, since the machine's value is wrong.
     */
    record Score(Attribute attribute, int tp, int fp, int fn, int tn) {

        Counts counts() {
            return new Counts(tp, fp, fn);
        }

        int pairs() {
            return tp + fp + fn + tn;
        }

        /** (tp + tn) / pairs: how often the machine's value was the gold one. */
        OptionalDouble accuracy() {
            return Counts.ratio(tp + tn, pairs());
        }
    }

    private AttributeScores() {
    }

    static List<Score> of(List<Matching.Pair> pairs) {
        return Arrays.stream(Attribute.values()).map(a -> score(a, pairs)).toList();
    }

    private static Score score(Attribute attribute, List<Matching.Pair> pairs) {
        int tp = 0;
        int fp = 0;
        int fn = 0;
        int tn = 0;
        for (Matching.Pair pair : pairs) {
            boolean gold = attribute.set.test(pair.gold().assertion());
            boolean machine = attribute.set.test(pair.machine().assertion());
            if (gold && machine && sameValue(attribute, pair)) {
                tp++;
            } else if (machine) {
                fp++;
            } else if (gold) {
                fn++;
            } else {
                tn++;
            }
        }
        return new Score(attribute, tp, fp, fn, tn);
    }

    private static boolean sameValue(Attribute attribute, Matching.Pair pair) {
        return attribute != Attribute.SUBJECT
                || pair.gold().assertion().subject().equals(pair.machine().assertion().subject());
    }
}
