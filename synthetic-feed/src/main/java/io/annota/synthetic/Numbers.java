package io.annota.synthetic;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;

/** Locale-independent number formatting and seeded draws. */
final class Numbers {

    private Numbers() {
    }

    /** {@code value} with exactly {@code decimals} digits after the point, '.' as separator, no grouping. */
    static String format(double value, int decimals) {
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    /** {@code digits} random decimal digits; the first is never 0. */
    static String digits(Random random, int digits) {
        StringBuilder out = new StringBuilder(digits);
        out.append((char) ('1' + random.nextInt(9)));
        for (int i = 1; i < digits; i++) {
            out.append((char) ('0' + random.nextInt(10)));
        }
        return out.toString();
    }

    /** A uniform draw in [low, high] rounded to {@code decimals}. */
    static double between(Random random, double low, double high, int decimals) {
        double value = low + random.nextDouble() * (high - low);
        return BigDecimal.valueOf(value).setScale(decimals, RoundingMode.HALF_UP).doubleValue();
    }

    static <T> T pick(Random random, java.util.List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static boolean chance(Random random, double probability) {
        return random.nextDouble() < probability;
    }
}
