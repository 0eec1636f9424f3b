package io.annota.server.quality;

/** When a machine mention counts as finding a gold one: exact or overlapping span, with or without the same code. */
enum MatchRule {
    EXACT(false, false), EXACT_CODE(false, true), OVERLAP(true, false), OVERLAP_CODE(true, true);

    private final boolean overlap;
    private final boolean code;

    MatchRule(boolean overlap, boolean code) {
        this.overlap = overlap;
        this.code = code;
    }

    boolean matches(Mention gold, Mention machine) {
        return (overlap ? gold.overlaps(machine) : gold.sameSpan(machine)) && (!code || gold.sharesCode(machine));
    }

    /** {@code exact} or {@code overlap}. */
    String span() {
        return overlap ? "overlap" : "exact";
    }

    boolean codeMustMatch() {
        return code;
    }
}
