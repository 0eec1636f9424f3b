package io.annota.bench.eval;

import java.util.Locale;

/** Ratios as the evaluation tables print them. */
final class Ratios {

    private Ratios() {
    }

    static double of(int part, int whole) {
        return whole == 0 ? 0 : part / (double) whole;
    }

    /** Three decimals, or "-" when there is nothing to divide by. */
    static String format(int part, int whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.3f", part / (double) whole);
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
