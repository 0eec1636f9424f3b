package io.annota.bench.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * A text with some spans replaced, and where each original offset went: the clinical damage figure compares
 * what cTAKES finds in a note with what it finds in the scrubbed note, so every original mention must be placed in
 * the scrubbed text.
 */
final class ReplacementMap {

    /** Original characters {@code [start, end)} become {@code with}. */
    record Replacement(int start, int end, String with) {
    }

    private final String text;
    private final List<Replacement> replacements;
    /** Where each replacement starts in the new text. */
    private final int[] newStart;

    private ReplacementMap(String text, List<Replacement> replacements, int[] newStart) {
        this.text = text;
        this.replacements = replacements;
        this.newStart = newStart;
    }

    /** {@code original} with the replacements applied; they must be in text order, non-empty and not overlap. */
    static ReplacementMap apply(String original, List<Replacement> replacements) {
        StringBuilder out = new StringBuilder(original.length());
        int[] starts = new int[replacements.size()];
        int pos = 0;
        for (int i = 0; i < replacements.size(); i++) {
            Replacement r = replacements.get(i);
            if (r.start() < pos || r.end() <= r.start() || r.end() > original.length()) {
                throw new IllegalArgumentException("replacements must be in order, non-empty, inside the text and "
                        + "apart: " + r.start() + ".." + r.end());
            }
            out.append(original, pos, r.start());
            starts[i] = out.length();
            out.append(r.with());
            pos = r.end();
        }
        out.append(original, pos, original.length());
        return new ReplacementMap(out.toString(), List.copyOf(replacements), starts);
    }

    String text() {
        return text;
    }

    /**
     * Original {@code [begin, end)} in the new text. Untouched characters keep their place (shifted by the length
     * changes before them); a boundary inside a replaced span moves out to that replacement's edge, so a span that
     * touches a replacement covers all of it.
     */
    int[] map(int begin, int end) {
        return new int[] {mapStart(begin), mapEnd(end)};
    }

    /** The replacements that overlap original {@code [begin, end)}, in text order. */
    List<Replacement> overlapping(int begin, int end) {
        List<Replacement> out = new ArrayList<>();
        for (Replacement r : replacements) {
            if (r.start() < end && begin < r.end()) {
                out.add(r);
            }
        }
        return out;
    }

    private int mapStart(int offset) {
        int shift = 0;
        for (int i = 0; i < replacements.size(); i++) {
            Replacement r = replacements.get(i);
            if (offset < r.start()) {
                break;
            }
            if (offset < r.end()) {
                return newStart[i];
            }
            shift += r.with().length() - (r.end() - r.start());
        }
        return offset + shift;
    }

    private int mapEnd(int offset) {
        int shift = 0;
        for (int i = 0; i < replacements.size(); i++) {
            Replacement r = replacements.get(i);
            if (offset <= r.start()) {
                break;
            }
            if (offset <= r.end()) {
                return newStart[i] + r.with().length();
            }
            shift += r.with().length() - (r.end() - r.start());
        }
        return offset + shift;
    }
}
