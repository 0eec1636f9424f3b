package io.annota.deid;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Tokenisation and normal forms shared by fingerprinting (structured values) and scrubbing (free text), so
 * that a value and its occurrence in text normalise to the same string.
 */
final class TextForms {

    /** A run of letters/digits; apostrophes inside a word (O'Brien) belong to it. */
    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+(?:['\u2019][\\p{L}\\p{M}\\p{N}]+)*");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private static final Map<String, String> ADDRESS_WORDS = Map.ofEntries(
            Map.entry("street", "st"), Map.entry("avenue", "ave"), Map.entry("road", "rd"),
            Map.entry("drive", "dr"), Map.entry("lane", "ln"), Map.entry("boulevard", "blvd"),
            Map.entry("court", "ct"), Map.entry("place", "pl"), Map.entry("apartment", "apt"),
            Map.entry("suite", "ste"), Map.entry("highway", "hwy"), Map.entry("parkway", "pkwy"),
            Map.entry("circle", "cir"), Map.entry("terrace", "ter"), Map.entry("square", "sq"),
            Map.entry("north", "n"), Map.entry("south", "s"), Map.entry("east", "e"), Map.entry("west", "w"));

    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("jan", 1), Map.entry("january", 1), Map.entry("feb", 2), Map.entry("february", 2),
            Map.entry("mar", 3), Map.entry("march", 3), Map.entry("apr", 4), Map.entry("april", 4),
            Map.entry("may", 5), Map.entry("jun", 6), Map.entry("june", 6), Map.entry("jul", 7),
            Map.entry("july", 7), Map.entry("aug", 8), Map.entry("august", 8), Map.entry("sep", 9),
            Map.entry("sept", 9), Map.entry("september", 9), Map.entry("oct", 10), Map.entry("october", 10),
            Map.entry("nov", 11), Map.entry("november", 11), Map.entry("dec", 12), Map.entry("december", 12));

    record Token(int start, int end, String word) {
    }

    private TextForms() {
    }

    /** The tokens of {@code text}, each with its character span and its normalised {@link #word}. */
    static List<Token> tokens(String text) {
        List<Token> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(new Token(m.start(), m.end(), word(m.group())));
        }
        return tokens;
    }

    /** The normalised words of a structured value (a name part, an address line...). */
    static List<String> words(String value) {
        List<String> words = new ArrayList<>();
        if (value == null) {
            return words;
        }
        for (Token t : tokens(value)) {
            words.add(t.word());
        }
        return words;
    }

    /** Lower case, accents stripped, typographic apostrophe unified, possessive 's removed. */
    static String word(String token) {
        String w = MARKS.matcher(Normalizer.normalize(token, Normalizer.Form.NFD)).replaceAll("");
        w = w.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
        if (w.length() > 2 && w.endsWith("'s")) {
            w = w.substring(0, w.length() - 2);
        }
        return w;
    }

    static String phrase(List<String> words) {
        return String.join(" ", words);
    }

    /** The phrase with common street-address words abbreviated, so "Main Street" equals "Main St". */
    static String addressPhrase(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            if (!b.isEmpty()) {
                b.append(' ');
            }
            b.append(ADDRESS_WORDS.getOrDefault(w, w));
        }
        return b.toString();
    }

    /** Letters and digits only, lower case, accents stripped: the form used for identifiers. */
    static String compact(String value) {
        StringBuilder b = new StringBuilder();
        for (String w : words(value)) {
            appendAlnum(b, w);
        }
        return b.toString();
    }

    static String compact(List<String> words) {
        StringBuilder b = new StringBuilder();
        for (String w : words) {
            appendAlnum(b, w);
        }
        return b.toString();
    }

    private static void appendAlnum(StringBuilder b, String w) {
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
            }
        }
    }

    static String digits(String value) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                b.append(c);
            }
        }
        return b.toString();
    }

    static boolean isDigits(String w) {
        if (w.isEmpty()) {
            return false;
        }
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    static int letterCount(String w) {
        int n = 0;
        for (int i = 0; i < w.length(); i++) {
            if (Character.isLetter(w.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    static boolean hasDigit(String w) {
        for (int i = 0; i < w.length(); i++) {
            if (Character.isDigit(w.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** A month number for a month name or abbreviation, or 0. */
    static int month(String word) {
        return MONTHS.getOrDefault(word, 0);
    }

    /** The ISO form of a calendar date, or null if the parts do not form a valid date. */
    static String isoDate(int year, int month, int day) {
        try {
            return LocalDate.of(year, month, day).toString();
        } catch (DateTimeException e) {
            return null;
        }
    }
}
