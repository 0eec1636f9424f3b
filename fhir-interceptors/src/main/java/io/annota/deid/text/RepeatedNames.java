package io.annota.deid.text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A name or place found once in a text is found wherever it recurs there: "transfer to Quartermain 2 or
 * Quartermain 3", "Smokey ... Son Smokey to go to security". Only words no list knows as safe (not English,
 * clinical or an abbreviation) spread, so a name that is also a word ("Sacred Heart") never turns every "heart"
 * into PHI. Thread-safe.
 */
public final class RepeatedNames {

    private final SafeWords safe;
    private final Lexicon lexicon;

    public RepeatedNames(SafeWords safe, Lexicon lexicon) {
        this.safe = safe;
        this.lexicon = lexicon;
    }

    /** Adds a span (rule {@code repeat}) for each other occurrence of a word already in a name or place span. */
    public void find(Tokens t, List<PhiSpan> spans) {
        Map<String, PhiType> found = new HashMap<>();
        boolean[] covered = new boolean[t.size()];
        for (PhiSpan span : spans) {
            if (span.type() != PhiType.NAME && span.type() != PhiType.LOCATION) {
                continue;
            }
            for (int i = t.firstEndingAfter(span.start()); i < t.size() && t.start(i) < span.end(); i++) {
                covered[i] = true;
                String key = t.letters(i);
                if (t.isWord(i) && t.start(i) >= span.start() && t.end(i) <= span.end() && spreads(key)) {
                    found.putIfAbsent(key, span.type());
                }
            }
        }
        if (found.isEmpty()) {
            return;
        }
        List<PhiSpan> added = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            PhiType type = covered[i] || !t.isWord(i) ? null : found.get(t.letters(i));
            if (type != null) {
                added.add(new PhiSpan(t.start(i), t.end(i), type, CueFinder.PRIORITY - 10, "repeat"));
            }
        }
        spans.addAll(added);
    }

    private boolean spreads(String key) {
        return key.length() >= 3 && !safe.isSafe(key) && !lexicon.isCommonWord(key) && !lexicon.isStopWord(key)
                && !(key.endsWith("s") && safe.isSafe(key.substring(0, key.length() - 1)))
                && !(key.length() >= 5 && safe.isOneEditFromSafe(key)); // not "MDs", not "assymptomatic"
    }
}
