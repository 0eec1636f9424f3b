package io.annota.deid.text;

/**
 * A recognised span {@code [start, end)} of a text. {@code priority}: when spans overlap, the higher one
 * decides the type of the merged replacement (patterns with strong evidence beat dictionary guesses).
 * {@code rule} names the detector and rule (or model) that fired, e.g. {@code cue:title} or
 * {@code pattern:date-shorthand}: every decision can be explained and counted without its text.
 */
public record PhiSpan(int start, int end, PhiType type, int priority, String rule) {

    public PhiSpan {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
        if (rule == null || rule.isEmpty()) {
            throw new IllegalArgumentException("a span needs the rule that found it");
        }
    }

    public int length() {
        return end - start;
    }
}
