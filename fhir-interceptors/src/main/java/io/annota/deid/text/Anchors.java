package io.annota.deid.text;

import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where in a text a regular expression can start: the scrubber runs each pattern only from those offsets
 * ({@link Matcher#lookingAt} on a region with transparent bounds) instead of letting {@link Matcher#find} try
 * every character. Found once per text by a hand-written scan: starts of digit runs (and a {@code (} or
 * {@code +} right before one), starts of words with their lower-case letters, starts of runs of capitals,
 * digits and hyphens that hold 4 or more digits, and words followed by a full stop and a letter (domains).
 * A pattern anchored this way finds what {@code find()} finds as long as each of its matches starts at one of
 * the offsets of its kind. Not thread-safe; one per text.
 */
public final class Anchors {

    /** The kinds of offset a pattern may start at. */
    public enum Kind {
        /** a digit run, or a {@code (} / {@code +} right before one */
        DIGIT,
        /** a word whose lower-case letters are one of the pattern's keys */
        KEY,
        /** a run of capitals, digits and hyphens with 4 or more digits */
        CODE,
        /** a letter or digit run followed by "." and a letter */
        DOMAIN,
        /** a digit run, or a word whose lower-case letters are one of the pattern's keys */
        DIGIT_OR_KEY,
        /** a word ending in one of the pattern's suffixes, or the house number right before it */
        SUFFIX,
        /** a run of 1-4 hexadecimal characters followed by ":" and another one (IPv6) */
        HEX_COLON,
        /** anywhere, if the text holds the pattern's marker character */
        MARKER
    }

    private final String text;
    private int[] digits = new int[32];
    private int digitCount;
    private int[] words = new int[64];
    private int[] wordEnds = new int[64];
    private int wordCount;
    private String[] lowered;
    /** digitsBefore[i]: digits in text[0, i), so that the digits of any window cost one subtraction. */
    private int[] digitsBefore;

    public Anchors(String text) {
        this.text = text;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                int start = i > 0 && (text.charAt(i - 1) == '(' || text.charAt(i - 1) == '+') ? i - 1 : i;
                digits = grow(digits, digitCount);
                digits[digitCount++] = start;
                if (start != i) {
                    digits = grow(digits, digitCount);
                    digits[digitCount++] = i;
                }
                while (i < n && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
                    i++;
                }
            } else if (Character.isLetter(c)) {
                int start = i;
                while (i < n && Character.isLetter(text.charAt(i))) {
                    i++;
                }
                words = grow(words, wordCount);
                wordEnds = grow(wordEnds, wordCount);
                words[wordCount] = start;
                wordEnds[wordCount++] = i;
            } else {
                i++;
            }
        }
        lowered = new String[wordCount];
    }

    /** Digits in the {@value #WINDOW} characters from {@code at}. */
    private int digitsNear(int at) {
        if (digitsBefore == null) {
            digitsBefore = new int[text.length() + 1];
            for (int k = 0; k < text.length(); k++) {
                char c = text.charAt(k);
                digitsBefore[k + 1] = digitsBefore[k] + (c >= '0' && c <= '9' ? 1 : 0);
            }
        }
        return digitsBefore[Math.min(text.length(), at + WINDOW)] - digitsBefore[at];
    }

    /** How far a pattern's digits may lie from its start, for {@code minDigits}. */
    static final int WINDOW = 48;

    private static int[] grow(int[] a, int size) {
        return size < a.length ? a : Arrays.copyOf(a, a.length * 2);
    }

    /** A growing list of offsets, kept as ints (there may be tens of thousands a note). */
    private static final class Offsets {
        private int[] values = new int[16];
        private int size;

        void add(int offset) {
            values = grow(values, size);
            values[size++] = offset;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** The lower-case letters of word w. */
    private String word(int w) {
        String s = lowered[w];
        if (s == null) {
            s = text.substring(words[w], wordEnds[w]).toLowerCase(Locale.ROOT);
            lowered[w] = s;
        }
        return s;
    }

    /**
     * Adds every match of {@code pattern} that starts at an offset of {@code kind} ({@code keys}: the words for
     * {@link Kind#KEY}, the endings for {@link Kind#SUFFIX}, the marker as a one-character string for
     * {@link Kind#MARKER}), as {@code find()} would: left to right, none inside the previous one.
     */
    public void matches(Pattern pattern, Kind kind, Set<String> keys, Consumer<Matcher> sink) {
        matches(pattern, kind, keys, 0, sink);
    }

    /**
     * As {@link #matches(Pattern, Kind, Set, Consumer)}, skipping offsets with fewer than {@code minDigits}
     * digits in the {@value #WINDOW} characters from them: a phone number needs 7, "HR 80" has 2.
     */
    public void matches(Pattern pattern, Kind kind, Set<String> keys, int minDigits, Consumer<Matcher> sink) {
        if (kind == Kind.MARKER) {
            if (text.indexOf(keys.iterator().next()) >= 0) {
                Matcher m = pattern.matcher(text);
                while (m.find()) {
                    sink.accept(m);
                }
            }
            return;
        }
        Matcher m = null;
        int lastEnd = 0;
        int[] offsets = offsets(kind, keys);
        for (int k = 0; k < offsets.length; k++) {
            int at = offsets[k];
            if (at < lastEnd || k > 0 && at == offsets[k - 1] || minDigits > 0 && digitsNear(at) < minDigits) {
                continue;
            }
            if (m == null) {
                m = pattern.matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
            }
            m.region(at, text.length());
            if (m.lookingAt() && m.end() > m.start()) {
                sink.accept(m);
                lastEnd = m.end();
            }
        }
    }

    private int[] offsets(Kind kind, Set<String> keys) {
        switch (kind) {
            case DIGIT:
                return Arrays.copyOf(digits, digitCount);
            case KEY:
            case DIGIT_OR_KEY: {
                Offsets out = new Offsets();
                for (int w = 0; w < wordCount; w++) {
                    if (keys.contains(word(w))) {
                        out.add(words[w]);
                    }
                }
                if (kind == Kind.KEY) {
                    return out.toArray();
                }
                for (int d = 0; d < digitCount; d++) {
                    out.add(digits[d]);
                }
                int[] offsets = out.toArray();
                Arrays.sort(offsets);
                return offsets;
            }
            case SUFFIX: {
                Offsets out = new Offsets();
                for (int w = 0; w < wordCount; w++) {
                    String s = word(w);
                    for (int length : suffixLengths(keys)) {
                        if (s.length() >= length && keys.contains(s.substring(s.length() - length))) {
                            int start = words[w];
                            while (start > 0 && (Character.isLetter(text.charAt(start - 1)) || text.charAt(start - 1) == '-')) {
                                start--; // the whole hyphenated word
                            }
                            out.add(houseNumberBefore(start));
                            out.add(start);
                            break;
                        }
                    }
                }
                int[] offsets = out.toArray();
                Arrays.sort(offsets);
                return offsets;
            }
            case CODE:
                return codeRuns();
            case HEX_COLON:
                return hexColons();
            case DOMAIN:
                return domains();
            default:
                throw new IllegalArgumentException(kind.name());
        }
    }

    private int[] codeRuns() {
        Offsets out = new Offsets();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (isCodeChar(c) && (i == 0 || !isCodeChar(text.charAt(i - 1)) && !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                int start = i;
                int digitsIn = 0;
                while (i < n && isCodeChar(text.charAt(i))) {
                    if (Character.isDigit(text.charAt(i))) {
                        digitsIn++;
                    }
                    i++;
                }
                if (digitsIn >= 4) {
                    out.add(start);
                }
            } else {
                i++;
            }
        }
        return out.toArray();
    }

    private static boolean isCodeChar(char c) {
        return c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' || c == '-';
    }

    /** Starts of dotted runs of letters, digits and hyphens ("mail.example.com" starts at "mail"). */
    private int[] domains() {
        Offsets out = new Offsets();
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isLetterOrDigit(c) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1))
                    && text.charAt(i - 1) != '.' && text.charAt(i - 1) != '-')) {
                int start = i;
                boolean dotted = false;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '-'
                        || text.charAt(i) == '.' && i + 1 < n && Character.isLetterOrDigit(text.charAt(i + 1)))) {
                    dotted |= text.charAt(i) == '.';
                    i++;
                }
                if (dotted) {
                    out.add(start);
                }
            } else {
                i++;
            }
        }
        return out.toArray();
    }

    /** The lengths of {@code suffixes}, so a word is looked up once per length instead of compared to each. */
    private static int[] suffixLengths(Set<String> suffixes) {
        return SUFFIX_LENGTHS.computeIfAbsent(suffixes, keys -> keys.stream().mapToInt(String::length).distinct().toArray());
    }

    private static final java.util.Map<Set<String>, int[]> SUFFIX_LENGTHS = new java.util.concurrent.ConcurrentHashMap<>();

    /** The start of "12, " or "12 " right before {@code start} (a house number), else {@code start}. */
    private int houseNumberBefore(int start) {
        int k = start;
        while (k > 0 && (text.charAt(k - 1) == ' ' || text.charAt(k - 1) == ',')) {
            k--;
        }
        int end = k;
        while (k > 0 && text.charAt(k - 1) >= '0' && text.charAt(k - 1) <= '9') {
            k--;
        }
        return k < end && end < start ? k : start;
    }

    private int[] hexColons() {
        Offsets out = new Offsets();
        int n = text.length();
        for (int c = text.indexOf(':'); c >= 0; c = text.indexOf(':', c + 1)) {
            if (c + 1 >= n || !isHex(text.charAt(c + 1)) && text.charAt(c + 1) != ':') {
                continue;
            }
            int start = c;
            while (start > 0 && c - start < 4 && isHex(text.charAt(start - 1))) {
                start--;
            }
            if (start < c || c + 1 < n && text.charAt(c + 1) == ':') {
                out.add(start);
            }
        }
        int[] offsets = out.toArray();
        Arrays.sort(offsets);
        return offsets;
    }

    private static boolean isHex(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    /** Keys written as a list: "http|https|ftp|www". */
    static Set<String> keys(String alternatives) {
        return Set.of(alternatives.toLowerCase(Locale.ROOT).split("\\|"));
    }
}
