package io.annota.deid.text;

/**
 * A recognised span {@code [start, end)} of a text. {@code priority}: when spans overlap, the higher one
 * decides the type of the merged replacement (patterns with strong evidence beat dictionary guesses).
 */
public record PhiSpan(int start, int end, PhiType type, int priority) {

    public PhiSpan {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }

    public int length() {
        return end - start;
    }
}
