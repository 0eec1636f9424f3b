package io.annota.server.export;

import java.time.LocalDate;
import java.time.Year;

/**
 * The quasi-identifiers left in an export record, each generalised: age band at the document date (ten-year bands,
 * 90 and over as one), gender, the first three digits of the ZIP code and the year of the (shifted) document date.
 * A value that is not known is null; records missing the same values fall into the same class.
 */
public record QuasiIdentifiers(String ageBand, String gender, String zip3, String year) {

    private static final int OLDEST_BAND = 90;

    /**
     * @param birthYear    the stored (generalised) birth year, or null
     * @param gender       the stored gender code, or null
     * @param postalCode   the stored (generalised) postal code, or null
     * @param documentDate the stored (shifted) date of the document, or null
     */
    public static QuasiIdentifiers of(Year birthYear, String gender, String postalCode, LocalDate documentDate) {
        return new QuasiIdentifiers(ageBand(birthYear, documentDate), gender, zip3(postalCode),
                documentDate == null ? null : String.valueOf(documentDate.getYear()));
    }

    /**
     * Ten-year bands; only the birth year is stored, so the age is the difference of the years (at most one year
     * too high), which is what the band needs.
     */
    static String ageBand(Year birthYear, LocalDate documentDate) {
        if (birthYear == null || documentDate == null) {
            return null;
        }
        int age = documentDate.getYear() - birthYear.getValue();
        if (age < 0) {
            return null;
        }
        if (age >= OLDEST_BAND) {
            return OLDEST_BAND + "+";
        }
        int low = age / 10 * 10;
        return low + "-" + (low + 9);
    }

    static String zip3(String postalCode) {
        if (postalCode == null) {
            return null;
        }
        String trimmed = postalCode.trim();
        return trimmed.length() >= 3 && trimmed.substring(0, 3).chars().allMatch(Character::isDigit)
                ? trimmed.substring(0, 3) : null;
    }
}
