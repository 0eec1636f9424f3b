package io.annota.deid.text;

import java.util.Arrays;

/**
 * A text cut once into words and numbers by a hand-written scan (no regular expressions: the scrubber's
 * budget is a few nanoseconds a character). A <b>word</b> is letters with inner apostrophes or hyphens
 * ("O'Rourke", "Forman-Lyons") and may end in digits ("quartermain2"); a <b>number</b> is digits. Everything
 * else (punctuation, blanks, line breaks) is a gap, readable with {@link #gap}. Keys are {@link Lexicon#key}
 * forms. Not thread-safe; one per text.
 */
public final class Tokens {

    /** How the letters of the whole text are written: case is a signal only in mixed-case text. */
    enum CaseStyle { MIXED, UPPER, LOWER }

    private final String text;
    private int size;
    private int[] starts = new int[64];
    private int[] ends = new int[64];
    private boolean[] numbers = new boolean[64];
    private String[] keys = new String[64];
    private final CaseStyle style;

    public Tokens(String text) {
        this.text = text;
        int upper = 0;
        int lower = 0;
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                int start = i;
                while (i < n) {
                    char d = text.charAt(i);
                    if (Character.isLetter(d)) {
                        if (Character.isUpperCase(d)) {
                            upper++;
                        } else {
                            lower++;
                        }
                        i++;
                    } else if ((d == '\'' || d == '\u2019' || d == '-') && i + 1 < n && Character.isLetter(text.charAt(i + 1))) {
                        i++;
                    } else {
                        break;
                    }
                }
                while (i < n && isDigit(text.charAt(i))) {
                    i++;
                }
                add(start, i, false);
            } else if (isDigit(c)) {
                int start = i;
                while (i < n && isDigit(text.charAt(i))) {
                    i++;
                }
                add(start, i, true);
            } else {
                i++;
            }
        }
        style = upper > 4 * lower ? CaseStyle.UPPER : lower > 0 && upper * 40 < lower ? CaseStyle.LOWER : CaseStyle.MIXED;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private void add(int start, int end, boolean number) {
        if (size == starts.length) {
            starts = Arrays.copyOf(starts, size * 2);
            ends = Arrays.copyOf(ends, size * 2);
            numbers = Arrays.copyOf(numbers, size * 2);
            keys = Arrays.copyOf(keys, size * 2);
        }
        starts[size] = start;
        ends[size] = end;
        numbers[size] = number;
        size++;
    }

    String text() {
        return text;
    }

    int size() {
        return size;
    }

    int start(int i) {
        return starts[i];
    }

    int end(int i) {
        return ends[i];
    }

    boolean isNumber(int i) {
        return numbers[i];
    }

    boolean isWord(int i) {
        return !numbers[i];
    }

    CaseStyle style() {
        return style;
    }

    /** The token's {@link Lexicon#key} form (computed on first use). */
    String key(int i) {
        String k = keys[i];
        if (k == null) {
            k = Lexicon.key(text.substring(starts[i], ends[i]));
            keys[i] = k;
        }
        return k;
    }

    /** The word without trailing digits ("quartermain" of "quartermain2"). */
    String letters(int i) {
        String k = key(i);
        int e = k.length();
        while (e > 0 && isDigit(k.charAt(e - 1))) {
            e--;
        }
        return e == k.length() ? k : k.substring(0, e);
    }

    /** The first token that ends after {@code offset} (binary search), or {@link #size()}. */
    int firstEndingAfter(int offset) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (ends[mid] <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Length of the token in characters. */
    int length(int i) {
        return ends[i] - starts[i];
    }

    /** Whether the word has digits after its letters. */
    boolean hasDigits(int i) {
        return !numbers[i] && isDigit(text.charAt(ends[i] - 1));
    }

    /** Starts with a capital and has a lower-case letter ("Smith"). */
    boolean isCapitalised(int i) {
        return !numbers[i] && Character.isUpperCase(text.charAt(starts[i])) && hasLower(i);
    }

    /** All letters upper case, two or more of them ("GH", "SMITH"). */
    boolean isUpper(int i) {
        if (numbers[i] || length(i) < 2) {
            return false;
        }
        for (int k = starts[i]; k < ends[i]; k++) {
            if (Character.isLowerCase(text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private boolean hasLower(int i) {
        for (int k = starts[i] + 1; k < ends[i]; k++) {
            if (Character.isLowerCase(text.charAt(k))) {
                return true;
            }
        }
        return false;
    }

    /** The characters between token i and token i + 1 ("" at the end). */
    String gap(int i) {
        return i + 1 < size ? text.substring(ends[i], starts[i + 1]) : "";
    }

    /** Character right after token i, or 0. */
    char after(int i) {
        return ends[i] < text.length() ? text.charAt(ends[i]) : 0;
    }

    /** Character right before token i, or 0. */
    char before(int i) {
        return starts[i] > 0 ? text.charAt(starts[i] - 1) : 0;
    }

    /** Token i and i + 1 stand on one line separated only by blanks (or ". " after a one-letter word). */
    boolean joined(int i) {
        if (i + 1 >= size) {
            return false;
        }
        int from = ends[i];
        int to = starts[i + 1];
        if (to - from > 3) {
            return false;
        }
        boolean dot = false;
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c == '.' && length(i) == 1 && !dot) {
                dot = true;
            } else if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return to > from;
    }

    /** Whether the gap after token i holds only blanks and characters of {@code allowed}, on one line. */
    boolean gapOnly(int i, String allowed) {
        if (i + 1 >= size) {
            return false;
        }
        for (int k = ends[i]; k < starts[i + 1]; k++) {
            char c = text.charAt(k);
            if (c != ' ' && c != '\t' && allowed.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }
}
