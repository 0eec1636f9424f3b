package io.annota.server.quality;

import java.util.OptionalDouble;

/**
 * True positives, false positives and false negatives, and the ratios over them. A ratio whose denominator is zero
 * is undefined (empty), never 0 or 1: precision without any machine mention, recall without any gold one, F1
 * without either.
 */
record Counts(int tp, int fp, int fn) {

    OptionalDouble precision() {
        return ratio(tp, tp + fp);
    }

    OptionalDouble recall() {
        return ratio(tp, tp + fn);
    }

    /** 2TP / (2TP + FP + FN), the harmonic mean of precision and recall where both are defined. */
    OptionalDouble f1() {
        return ratio(2 * tp, 2 * tp + fp + fn);
    }

    static OptionalDouble ratio(int numerator, int denominator) {
        return denominator == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) numerator / denominator);
    }
}
