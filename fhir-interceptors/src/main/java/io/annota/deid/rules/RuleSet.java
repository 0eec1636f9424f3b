package io.annota.deid.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * Ordered rules and the options that go with them. The first rule that selects an element decides what happens
 * to it (and to everything inside it); free text that no rule selected goes through the text scrubber.
 *
 * @param rules        in order
 * @param options      the file's options
 */
public record RuleSet(List<Rule> rules, Options options) {

    public RuleSet {
        rules = List.copyOf(rules);
    }

    /** How free text is replaced and what happens to dates in it. */
    public enum TextDates {
        /** Moved by the patient's date offset, written in their original format. */
        SHIFT,
        /** Left as written (the limited data set keeps dates). */
        KEEP,
        /** Replaced by {@code [DATE]}. */
        TAG
    }

    /** What happens to places in free text. */
    public enum TextPlaces {
        /** Every place is replaced ({@code [LOCATION]}). */
        REMOVE,
        /**
         * Towns, cities, states and countries found by the place lists and cues ("lives in Towson") stay; hospitals and
         * other institutions, streets and the patient's own recorded address values are still replaced (limited data set).
         */
        KEEP_TOWNS
    }

    /**
     * @param maxShiftDays      dateShift offsets lie in [-maxShiftDays, maxShiftDays] without 0; null: not set here
     * @param surrogates        whether free text gets realistic surrogates instead of typed tags; null: not set here
     * @param textDates         what happens to dates in free text; null: not set here
     * @param textPlaces        what happens to places in free text; null: not set here
     * @param pseudonymizeIds   whether client-assigned resource ids and references to them are pseudonymised;
     *                          null: not set here
     */
    public record Options(Integer maxShiftDays, Boolean surrogates, TextDates textDates, TextPlaces textPlaces,
            Boolean pseudonymizeIds) {

        /** These options, with those not set here taken from {@code fallback}. */
        public Options over(Options fallback) {
            return new Options(
                    maxShiftDays != null ? maxShiftDays : fallback.maxShiftDays,
                    surrogates != null ? surrogates : fallback.surrogates,
                    textDates != null ? textDates : fallback.textDates,
                    textPlaces != null ? textPlaces : fallback.textPlaces,
                    pseudonymizeIds != null ? pseudonymizeIds : fallback.pseudonymizeIds);
        }
    }

    /** {@code first}'s rules, then {@code then}'s; {@code first}'s options where set. */
    public static RuleSet concat(RuleSet first, RuleSet then) {
        List<Rule> all = new ArrayList<>(first.rules);
        all.addAll(then.rules);
        return new RuleSet(all, first.options.over(then.options));
    }
}
