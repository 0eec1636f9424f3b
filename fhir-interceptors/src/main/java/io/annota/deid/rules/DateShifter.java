package io.annota.deid.rules;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import io.annota.deid.Pseudonymizer;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Calendar;
import java.util.HexFormat;
import org.hl7.fhir.r4.model.BaseDateTimeType;

/**
 * Per-patient keyed date offsets. A patient's seed (see {@code ResourceDeidentifier#dateShiftSeed}) and the key
 * give one offset in [-max, max] days, never 0; every date of that patient moves by it, so intervals between
 * them are kept, while the offset cannot be computed without the key. Thread-safe.
 */
public final class DateShifter {

    /** Seed of dates that belong to no patient (a Practitioner's, an Organization's). */
    public static final String NO_PATIENT = "no-patient";

    private final Pseudonymizer pseudonymizer;

    public DateShifter(Pseudonymizer pseudonymizer) {
        this.pseudonymizer = pseudonymizer;
    }

    /** The offset in days for {@code seed}: in [-maxDays, -1] or [1, maxDays]. */
    public int offsetDays(String seed, int maxDays) {
        String hex = pseudonymizer.pseudonym("dateshift", seed == null ? NO_PATIENT : seed);
        long bits = HexFormat.fromHexDigitsToLong(hex, 0, 15);
        int n = (int) Math.floorMod(bits, 2L * maxDays);
        return n < maxDays ? -(n + 1) : n - maxDays + 1;
    }

    /**
     * Moves {@code date} by {@code days}, keeping its precision and time zone. A date of year precision is left
     * as it is (a year alone is not identifying under Safe Harbor, and shifting it would distort it by up to a
     * year); a date of month precision moves from the middle of its month.
     *
     * @return whether the value changed
     */
    public static boolean shift(BaseDateTimeType date, int days) {
        TemporalPrecisionEnum precision = date.getPrecision();
        if (date.getValue() == null || precision == null || precision == TemporalPrecisionEnum.YEAR) {
            return false;
        }
        if (precision == TemporalPrecisionEnum.MONTH) {
            Calendar middle = date.getValueAsCalendar();
            middle.set(Calendar.DAY_OF_MONTH, 15);
            middle.add(Calendar.DATE, days);
            date.setValue(middle.getTime(), TemporalPrecisionEnum.MONTH);
            return true;
        }
        date.add(Calendar.DATE, days);
        return true;
    }

    /** Cuts {@code date} to {@code precision} (YEAR or MONTH). @return whether the value changed */
    public static boolean truncate(BaseDateTimeType date, TemporalPrecisionEnum precision) {
        if (date.getValue() == null || date.getPrecision() == null
                || date.getPrecision().ordinal() <= precision.ordinal()) {
            return false;
        }
        String value = date.getValueAsString();
        date.setValueAsString(value.substring(0, precision == TemporalPrecisionEnum.YEAR ? 4 : 7));
        return true;
    }

    /** Whether a birth date of {@code year} means an age over 89 today. */
    public static boolean revealsAgeOver89(BaseDateTimeType birth) {
        return birth.getYear() != null && Year.now(ZoneOffset.UTC).getValue() - birth.getYear() > 89;
    }
}
