package io.annota.server.quality;

import io.annota.nlp.Assertion;
import io.annota.nlp.SemanticGroup;
import java.util.Collections;
import java.util.Set;

/**
 * One annotation as the scores see it: where it is, what concept it names and what the text asserts about it.
 *
 * @param text  the text the offsets point into: the source version and element path, e.g.
 *              {@code DocumentReference/12/_history/1 DocumentReference.content[0].attachment}
 * @param begin offset of the first character
 * @param end   offset after the last character
 * @param codes the concept's codings as {@code system|code}
 */
record Mention(String text, int begin, int end, SemanticGroup group, Set<String> codes, Assertion assertion) {

    Mention {
        codes = Set.copyOf(codes);
    }

    boolean sameSpan(Mention other) {
        return text.equals(other.text) && begin == other.begin && end == other.end;
    }

    boolean overlaps(Mention other) {
        return text.equals(other.text) && begin < other.end && other.begin < end;
    }

    /** Codes match when the two share a coding: the machine may carry cross-references a reviewer's code lacks. */
    boolean sharesCode(Mention other) {
        return !Collections.disjoint(codes, other.codes);
    }

    int overlap(Mention other) {
        return Math.max(0, Math.min(end, other.end) - Math.max(begin, other.begin));
    }
}
