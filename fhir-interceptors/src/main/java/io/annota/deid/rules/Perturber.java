package io.annota.deid.rules;

import io.annota.deid.Pseudonymizer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HexFormat;

/**
 * Bounded numeric noise, keyed: the same value at the same place under the same key always gets the same noise,
 * so repeated writes of one resource do not drift and the noise cannot be averaged away by resending. Thread-safe.
 */
public final class Perturber {

    private final Pseudonymizer pseudonymizer;

    public Perturber(Pseudonymizer pseudonymizer) {
        this.pseudonymizer = pseudonymizer;
    }

    /**
     * {@code value} plus noise in [-span, span] (or [-span·|value|, span·|value|] when proportional), rounded to
     * {@code roundTo} decimal places or, when null, to the value's own scale.
     *
     * @param place where the value is (an element path): the same value elsewhere gets other noise
     */
    public BigDecimal perturb(BigDecimal value, String place, Parameters parameters) {
        String hex = pseudonymizer.pseudonym("perturb", place + '\u001f' + value.toPlainString());
        double unit = HexFormat.fromHexDigitsToLong(hex, 0, 13) / (double) (1L << 52) * 2 - 1; // in [-1, 1)
        double bound = parameters.proportional() ? parameters.span() * value.abs().doubleValue() : parameters.span();
        BigDecimal noisy = value.add(BigDecimal.valueOf(unit * bound));
        int scale = parameters.roundTo() != null ? parameters.roundTo() : Math.max(value.scale(), 0);
        return noisy.setScale(scale, RoundingMode.HALF_EVEN);
    }
}
