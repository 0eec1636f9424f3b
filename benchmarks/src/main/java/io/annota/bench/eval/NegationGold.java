package io.annota.bench.eval;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The NegEx/ConText gold standard ({@code rsAnnotations-1-120-random.txt}: 2,376 condition/sentence pairs from 120
 * de-identified reports). Each row names a condition that appears in the sentence in capitals and says whether it
 * is negated; "possible" counts as not negated.
 */
record NegationGold(String condition, String sentence, boolean negated) {

    static final String FILE = "rsAnnotations-1-120-random.txt";

    static List<NegationGold> read(Path dir) throws IOException {
        List<String> lines = Files.readAllLines(dir.resolve(FILE), StandardCharsets.ISO_8859_1);
        List<NegationGold> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) { // first line: column names
            String[] f = line.split("\t");
            if (f.length >= 4) {
                rows.add(new NegationGold(f[1].trim(), f[2], f[3].trim().equalsIgnoreCase("Negated")));
            }
        }
        return rows;
    }

    /**
     * Where the condition is in the sentence: the gold writes it in capitals, so an exact upper-case match first,
     * then a case-insensitive one; null if it is not there (a few rows name a condition the sentence lacks).
     */
    Span locate() {
        int begin = sentence.indexOf(condition.toUpperCase(Locale.ROOT));
        if (begin < 0) {
            begin = sentence.toLowerCase(Locale.ROOT).indexOf(condition.toLowerCase(Locale.ROOT));
        }
        return begin < 0 ? null : new Span(begin, begin + condition.length());
    }

    /** The sentence with the condition in ordinary lower case (same length): the tagger has never seen shouting. */
    String textFor(Span span) {
        return sentence.substring(0, span.begin())
                + sentence.substring(span.begin(), span.end()).toLowerCase(Locale.ROOT)
                + sentence.substring(span.end());
    }

    record Span(int begin, int end) {
    }
}
