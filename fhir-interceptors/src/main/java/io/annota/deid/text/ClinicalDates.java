package io.annota.deid.text;

import java.util.List;
import java.util.Set;

/**
 * Dates as clinicians write them, beyond {@link DateFinder}'s full formats: {@code 7/22} and {@code 7-22-04}
 * (month first), {@code 6/85} (month and two-digit year), a month name on its own ("in July"), and ordinal days
 * ("the 22nd", "on the 3rd", "22nd of"). Clinical fractions and scores written the same way are not dates:
 * {@code 1/2 NS}, {@code 1 1/2 hrs}, crackles {@code 1/3} up (a smaller number over 2, 3 or 4), ventilator
 * settings ({@code PSV 10/5}, {@code CPAP 5/5}), pain scores ({@code 6/10}), muscle strength ({@code 5/5}) and
 * murmur grades ({@code 2/6}) by the words around them. Works on {@link Tokens}; thread-safe.
 */
public final class ClinicalDates {

    static final int PRIORITY = 68;
    private static final Set<String> VENTILATION = Set.of("ps", "psv", "cpap", "peep", "bipap", "ips", "imv", "simv",
            "vent", "settings", "flowby", "mask", "ventilation", "ventilator", "pap", "fio", "fio2", "epap", "ipap",
            "cmh2o", "peep's", "bi-pap", "sbt");
    /** Pressure support and PEEP values: "5/5", "10/5", "12/8" near these words are ventilator settings. */
    private static final Set<Integer> VENT_VALUES = Set.of(0, 5, 8, 10, 12, 14, 15, 16, 18, 20);
    private static final Set<Integer> PEEP_VALUES = Set.of(0, 5, 8, 10);
    private static final Set<String> VENT_NEAR = Set.of("trial", "trials", "wean", "weaning", "weaned", "vent", "vented",
            "sats", "sat", "abg", "abgs", "tv", "tvs", "vt", "vts", "rr", "peep", "ps", "cpap", "fio2", "fio", "mv",
            "intubated", "ventilator", "extubated", "extubate", "resp", "ac", "simv", "imv", "settings", "pco2",
            "spont", "mode");
    private static final Set<String> PAIN = Set.of("pain", "cp", "angina", "discomfort", "rates", "rated", "rating",
            "scale", "ha", "headache", "score", "intensity", "level", "ache", "aching", "sore", "soreness", "pressure");
    private static final Set<String> STRENGTH = Set.of("strength", "strengths", "motor", "grip", "grips", "grasp",
            "grasps", "power", "ue", "le", "ues", "les", "extremities", "muscle");
    private static final Set<String> MURMUR = Set.of("murmur", "sem", "hsm", "sm", "dm", "grade", "systolic",
            "diastolic", "holosystolic", "murmer");
    private static final Set<String> FOLLOWERS = Set.of("peep", "cm", "cmh2o", "pain", "ns", "nss", "strength",
            "str", "way", "ways", "amp", "amps", "tab", "tabs", "hour", "hours", "hr", "hrs", "sem", "murmur", "up",
            "full", "dose", "doses", "gallon", "cup", "cups", "liter", "bottle", "can", "glass", "pk", "ppd", "l", "lpm",
            "liters", "nc", "pillow", "pillows", "times", "x");
    private static final String[] MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august",
        "september", "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec"};
    private static final Set<String> MONTH_NAMES = Set.of(MONTHS);
    /** Words before which "8-4" is a date, not a range ("sent 8-4", "since 7-22"); never "from" ("from 8-10"). */
    private static final Set<String> DASH_DATE_CUES = Set.of("on", "since", "until", "till", "sent", "drawn", "placed",
            "started", "dated", "thru", "through", "admitted", "extubated", "intubated", "done", "changed", "inserted");
    private static final Set<String> ORDINAL_CUES = Set.of("the", "on", "since", "until", "till", "from", "by");

    private ClinicalDates() {
    }

    public static void find(Tokens t, List<PhiSpan> out) {
        int n = t.size();
        for (int i = 0; i < n; i++) {
            if (t.isNumber(i)) {
                int end = numeric(t, i);
                if (end > i) {
                    out.add(new PhiSpan(t.start(i), t.end(end), PhiType.DATE, PRIORITY, "date:shorthand"));
                    i = end;
                } else if (ordinalDay(t, i)) {
                    out.add(new PhiSpan(t.start(i), t.end(i + 1), PhiType.DATE, PRIORITY, "date:ordinal"));
                    i++;
                }
            } else if (MONTH_NAMES.contains(t.key(i)) && month(t, i)) {
                out.add(new PhiSpan(t.start(i), t.end(i), PhiType.DATE, PRIORITY, "date:month"));
            }
        }
    }

    /** The last token of a numeric date starting at number token i, or i if none. */
    private static int numeric(Tokens t, int i) {
        char before = t.before(i);
        if (before == '/' || before == '.' || before == '+' || before == '-' && i > 0 && t.end(i - 1) == t.start(i) - 1
                || i + 1 >= t.size() || !t.isNumber(i + 1) || t.length(i) > 2) {
            return i;
        }
        String gap = t.gap(i);
        if (!gap.equals("/") && !gap.equals("-")) {
            return i;
        }
        int first = num(t, i);
        int second = num(t, i + 1);
        if (first < 1 || first > 12 || t.length(i + 1) > 2 && !(t.length(i + 1) == 4 && gap.equals("/"))) {
            return i;
        }
        // three parts: 7/22/04, 7-22-2004
        if (i + 2 < t.size() && t.isNumber(i + 2) && t.gap(i + 1).equals(gap)) {
            int third = t.length(i + 2);
            boolean closed = i + 3 >= t.size() || !t.gap(i + 2).startsWith(gap) || !t.isNumber(i + 3);
            return second >= 1 && second <= 31 && (third == 2 || third == 4) && closed ? i + 2 : i;
        }
        if (Character.isLetter(before)) {
            return i; // "x2/3", "q4/6": only a three-part date may follow a letter
        }
        char after = t.after(i + 1);
        if (Character.isLetter(after)) {
            return i; // "2-4L", "5/10cm": a quantity with its unit
        }
        if (after == '/' || after == '%' || after == '+' || after == '.' && t.end(i + 1) + 1 < t.text().length()
                && Character.isDigit(t.text().charAt(t.end(i + 1) + 1)) || after == '-' && gap.equals("/") && t.end(i + 1) + 1 < t.text().length()
                && Character.isDigit(t.text().charAt(t.end(i + 1) + 1))) {
            return i;
        }
        if (gap.equals("-")) {
            // "7-22" is far more often a range than a date, unless a verb or preposition of dates stands before
            return second >= 1 && second <= 31 && i > 0 && DASH_DATE_CUES.contains(t.key(i - 1))
                    && !clinicalContext(t, i, second) ? i + 1 : i;
        }
        if (t.length(i + 1) == 4) {
            return second >= 1900 && second <= 2100 ? i + 1 : i; // 03/2004
        }
        if (second > 31) {
            return second >= 40 && !clinicalContext(t, i, second) ? i + 1 : i; // 6/85: month and year
        }
        if (second < 1 || first < second && second <= 4 || second <= 8 && fractionBefore(t, i)) {
            return i; // 1/2, 2/3, 3/4, "1 1/2"
        }
        return clinicalContext(t, i, second) ? i : i + 1;
    }

    private static boolean fractionBefore(Tokens t, int i) {
        return i > 0 && t.isNumber(i - 1) && t.length(i - 1) == 1 && t.gap(i - 1).equals(" ");
    }

    /** Ventilator settings, pain scores, strength and murmur grades around i/i+1. */
    private static boolean clinicalContext(Tokens t, int i, int denominator) {
        boolean ventPair = VENT_VALUES.contains(num(t, i)) && PEEP_VALUES.contains(denominator);
        int reach = ventPair ? 7 : 3;
        for (int k = Math.max(0, i - reach); k < Math.min(t.size(), i + reach + 2); k++) {
            if (k == i || k == i + 1) {
                continue;
            }
            String key = t.key(k);
            if (ventPair && VENT_NEAR.contains(key)) {
                return true; // "weaning trial 5/5", "on 5/10, sats 98"
            }
            if (denominator == 10 && PAIN.contains(key)) {
                return true; // "c/o 3/10 l back pain": a pain score, the pain word up to three words on
            }
            if (k > i + reach) {
                continue;
            }
            if (VENTILATION.contains(key) && denominator <= 12
                    || denominator == 5 && STRENGTH.contains(key) || (denominator == 6 || denominator == 4) && MURMUR.contains(key)) {
                return true;
            }
        }
        return i + 2 < t.size() && t.isWord(i + 2) && FOLLOWERS.contains(t.key(i + 2))
                && t.start(i + 2) - t.end(i + 1) <= 1;
    }

    /** A month name: full names anywhere ("May" only capitalised in mixed text or before a day), short ones before a day. */
    private static boolean month(Tokens t, int i) {
        String key = t.key(i);
        boolean dayAfter = i + 1 < t.size() && t.isNumber(i + 1) && t.length(i + 1) <= 2 && t.joined(i);
        boolean dayBefore = i > 0 && t.isNumber(i - 1) && t.length(i - 1) <= 2 && (t.gap(i - 1).equals("-")
                || t.gap(i - 1).equals(" "));
        if (key.length() <= 4 && !key.equals("june") && !key.equals("july")) {
            return (dayAfter || dayBefore) && !key.equals("may") || key.equals("may") && dayAfter
                    || key.length() == 3 && t.isCapitalised(i) && t.style() == Tokens.CaseStyle.MIXED
                    && !key.equals("mar") && !key.equals("dec") && i > 0 && t.key(i - 1).equals("in");
        }
        if (key.equals("may")) {
            return dayAfter || t.style() == Tokens.CaseStyle.MIXED && t.isCapitalised(i) && i > 0
                    && !t.gap(i - 1).contains(".") && !t.gap(i - 1).contains("\n");
        }
        if (key.equals("march")) {
            return dayAfter || dayBefore || t.style() == Tokens.CaseStyle.MIXED && t.isCapitalised(i);
        }
        return true;
    }

    /** "the 22nd", "on the 3rd", "11th of": number token i, its ordinal suffix and a date cue. */
    private static boolean ordinalDay(Tokens t, int i) {
        if (i + 1 >= t.size() || t.length(i) > 2 || t.start(i + 1) != t.end(i) || !t.isWord(i + 1)) {
            return false;
        }
        String suffix = t.key(i + 1);
        if (!(suffix.equals("st") || suffix.equals("nd") || suffix.equals("rd") || suffix.equals("th"))) {
            return false;
        }
        int day = num(t, i);
        if (day < 1 || day > 31) {
            return false;
        }
        boolean monthBefore = i > 0 && MONTH_NAMES.contains(t.key(i - 1));
        boolean theBefore = i > 0 && t.key(i - 1).equals("the");
        if (theBefore && i > 1 && ORDINAL_CUES.contains(t.key(i - 2))) {
            return true; // "since the 9th", "on the 3rd"
        }
        boolean next = i + 2 < t.size();
        // "the 22nd." or "the 22nd at": not "the 4th ventricle", "1st step mattress"
        boolean clauseEnds = !next || !t.gapOnly(i + 1, "") || t.isNumber(i + 2) || ORDINAL_CUES.contains(t.key(i + 2))
                || t.key(i + 2).equals("at") || t.key(i + 2).equals("and");
        boolean ofMonth = next && t.key(i + 2).equals("of");
        return monthBefore || theBefore && clauseEnds || ofMonth;
    }

    private static int num(Tokens t, int i) {
        return t.length(i) > 4 ? -1 : Integer.parseInt(t.text(), t.start(i), t.end(i), 10);
    }
}
