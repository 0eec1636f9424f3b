package io.annota.bench.eval;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The text normalisation the Synthea recall uses to compare coded items with mentions and notes: lower case,
 * SNOMED's semantic tag removed ("Sepsis (disorder)" -> "sepsis"), every run of characters other than letters and
 * digits turned into one space.
 */
final class ClinicalText {

    private static final Pattern SEMANTIC_TAG = Pattern.compile("\\s*\\(([^()]*)\\)\\s*$");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    /** Words that carry no clinical meaning of their own; "disease" and "disorder" because DOID adds them freely. */
    private static final Set<String> STOP_WORDS = Set.of("a", "an", "and", "or", "of", "the", "to", "in", "on",
            "for", "with", "by", "due", "nos", "disease", "disorder", "finding");

    private ClinicalText() {
    }

    static String normalise(String text) {
        if (text == null) {
            return "";
        }
        return NOT_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").trim();
    }

    /** A SNOMED display without its semantic tag, normalised. */
    static String normaliseDisplay(String display) {
        return normalise(display == null ? "" : SEMANTIC_TAG.matcher(display).replaceFirst(""));
    }

    /** The semantic tag of a SNOMED display ("disorder", "finding", "procedure", ...), or "none". */
    static String semanticTag(String display) {
        if (display == null) {
            return "none";
        }
        Matcher m = SEMANTIC_TAG.matcher(display);
        return m.find() ? m.group(1).trim().toLowerCase(Locale.ROOT) : "none";
    }

    static Set<String> contentWords(String normalised) {
        return Arrays.stream(normalised.split(" "))
                .filter(w -> !w.isEmpty() && !STOP_WORDS.contains(w))
                .collect(Collectors.toSet());
    }

    /** Whole-word containment of one normalised phrase in a normalised text. */
    static boolean containsPhrase(String normalisedText, String normalisedPhrase) {
        return !normalisedPhrase.isEmpty()
                && (" " + normalisedText + " ").contains(" " + normalisedPhrase + " ");
    }
}
