package io.annota.deid;

import io.annota.deid.Fingerprinter.Kind;
import io.annota.deid.TextForms.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces identifying values in free text with typed placeholders ({@code [NAME]}, {@code [ID]},
 * {@code [PHONE]}, {@code [ADDRESS]}, {@code [DATE]}, {@code [EMAIL]}, {@code [SSN]}, {@code [URL]},
 * {@code [IP]}). Two detectors run on the original text and their hits are merged:
 * <ol>
 *   <li><b>known values</b>: every run of 1..{@value #MAX_PHRASE_TOKENS} tokens is normalised and
 *       fingerprinted like the patient's structured values were ({@link Fingerprinter}); a run whose
 *       fingerprint is in the patient's set is replaced (the longest run wins). No cleartext is needed;</li>
 *   <li><b>patterns</b>: social security numbers, phone numbers, e-mail addresses, URLs, IP addresses,
 *       dates with a day or month (a bare year is kept), US street addresses and "state + ZIP", and the
 *       value after "MRN", "MR#" or "medical record number".</li>
 * </ol>
 * Thread-safe.
 */
public final class TextScrubber {

    /** The longest run of tokens compared against fingerprints (address lines, full names). */
    public static final int MAX_PHRASE_TOKENS = 8;
    private static final int MAX_NAME_TOKENS = 4;
    private static final int MAX_ID_TOKENS = 6;

    private static final String MONTH = "(?:(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|june?|july?"
            + "|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)|May|MAY)\\.?";
    private static final String STATES = "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS"
            + "|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR";
    private static final String STREET_WORDS = "Street|St|Avenue|Ave|Road|Rd|Drive|Dr|Lane|Ln|Boulevard|Blvd|Court|Ct"
            + "|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy";

    private record Rule(Pattern pattern, int group, String placeholder) {
        Rule(String regex, String placeholder) {
            this(Pattern.compile(regex), 0, placeholder);
        }

        Rule(String regex, int group, String placeholder) {
            this(Pattern.compile(regex), group, placeholder);
        }
    }

    /** In priority order: on equal spans the earlier rule's placeholder is used. */
    private static final List<Rule> RULES = List.of(
            new Rule("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+", "[EMAIL]"),
            new Rule("(?i)\\b(?:https?://|ftp://|www\\.)[^\\s<>\"']*[^\\s<>\"'.,;:!?)\\]]", "[URL]"),
            new Rule("(?<![\\w-])\\d{3}([- ])\\d{2}\\1\\d{4}(?![\\w-])", "[SSN]"),
            new Rule("(?i)\\b(?:SSN|social\\s+security(?:\\s+(?:number|no\\.?|#))?)\\s*(?:[:#]|is)?\\s*(\\d{9})\\b", 1, "[SSN]"),
            new Rule("(?i)\\b(?:MRN\\b|MR\\s*#|med(?:ical)?\\.?\\s+rec(?:ord)?\\.?\\s*(?:number|num|no\\.?|#)?)\\s*(?:[:#=]|is)?\\s*"
                    + "([A-Z0-9][A-Z0-9-]*\\d[A-Z0-9-]*)", 1, "[ID]"),
            new Rule("(?<![\\w-])(?:\\+?1[\\s.-]?)?(?:\\(\\d{3}\\)\\s*|\\d{3}[\\s.-])\\d{3}[\\s.-]\\d{4}(?![\\w-])", "[PHONE]"),
            new Rule("(?<![\\w.-])\\d{3}[.-]\\d{4}(?![\\w-])", "[PHONE]"),
            new Rule("(?i)\\b(?:phone|tel|telephone|cell|mobile|fax|pager)\\b\\s*(?:#|no\\.?|number)?\\s*[:.]?\\s*"
                    + "(\\+?\\d[\\d\\s().-]{5,}\\d)", 1, "[PHONE]"),
            new Rule("\\b(?:\\d{1,3}\\.){3}\\d{1,3}\\b", "[IP]"),
            new Rule("\\b\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\b",
                    "[DATE]"),
            new Rule("(?<![\\w/.-])\\d{1,2}[-/.]\\d{1,2}[-/.](?:\\d{4}|\\d{2})(?![\\w/-])", "[DATE]"),
            new Rule("\\b" + MONTH + "\\s+\\d{1,2}(?:st|nd|rd|th)?(?:,?\\s+\\d{4})?\\b", "[DATE]"),
            new Rule("\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:of\\s+)?" + MONTH + "(?:,?\\s+\\d{4})?\\b", "[DATE]"),
            new Rule("\\b" + MONTH + ",?\\s+\\d{4}\\b", "[DATE]"),
            new Rule("\\b\\d{1,6}\\s+(?:[A-Z][a-z]+\\s+){1,3}(?:" + STREET_WORDS + ")\\b\\.?", "[ADDRESS]"),
            new Rule("\\b(?:" + STATES + ")\\s+\\d{5}(?:-\\d{4})?\\b", "[ADDRESS]"));

    private record Span(int start, int end, String placeholder) {
    }

    private final Fingerprinter fingerprinter;

    public TextScrubber(Fingerprinter fingerprinter) {
        this.fingerprinter = Objects.requireNonNull(fingerprinter, "fingerprinter");
    }

    public TextScrubber(Pseudonymizer pseudonymizer) {
        this(new Fingerprinter(pseudonymizer));
    }

    /** Patterns only: for text whose patient is unknown. */
    public String scrub(String text) {
        return scrub(text, Set.of());
    }

    /**
     * {@code text} with the patient's known values (given as fingerprints) and pattern-recognisable
     * identifiers replaced by placeholders; null stays null.
     */
    public String scrub(String text, Set<String> fingerprints) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        List<Span> spans = new ArrayList<>();
        findPatterns(text, spans);
        if (fingerprints != null && !fingerprints.isEmpty()) {
            findKnownValues(text, fingerprints, spans);
        }
        return replace(text, spans);
    }

    /** True if {@code text} contains one of the known values (patterns are not consulted). */
    boolean containsKnownValue(String text, Set<String> fingerprints) {
        if (text == null || text.isEmpty() || fingerprints == null || fingerprints.isEmpty()) {
            return false;
        }
        List<Span> spans = new ArrayList<>();
        findKnownValues(text, fingerprints, spans);
        return !spans.isEmpty();
    }

    private static void findPatterns(String text, List<Span> spans) {
        for (Rule rule : RULES) {
            Matcher m = rule.pattern().matcher(text);
            while (m.find()) {
                if (m.start(rule.group()) < m.end(rule.group())) {
                    spans.add(new Span(m.start(rule.group()), m.end(rule.group()), rule.placeholder()));
                }
            }
        }
    }

    private void findKnownValues(String text, Set<String> fingerprints, List<Span> spans) {
        List<Token> tokens = TextForms.tokens(text);
        List<String> words = new ArrayList<>(tokens.size());
        for (Token t : tokens) {
            words.add(t.word());
        }
        boolean indexed = fingerprints.contains(fingerprinter.startIndexMarker());
        int i = 0;
        while (i < tokens.size()) {
            int best = 0;
            Kind bestKind = null;
            boolean phraseMayStartHere = !indexed || startsPhrase(words.get(i), fingerprints);
            int longest = Math.min(MAX_PHRASE_TOKENS, tokens.size() - i);
            for (int n = 1; n <= longest; n++) {
                Kind kind = match(words.subList(i, i + n), phraseMayStartHere, fingerprints);
                if (kind != null) {
                    best = n;
                    bestKind = kind;
                }
            }
            if (bestKind != null) {
                spans.add(new Span(tokens.get(i).start(), tokens.get(i + best - 1).end(), bestKind.placeholder()));
                i += best;
            } else {
                i++;
            }
        }
    }

    private boolean startsPhrase(String word, Set<String> fingerprints) {
        if (fingerprints.contains(fingerprinter.startFingerprint(word))) {
            return true;
        }
        String abbreviated = TextForms.addressPhrase(List.of(word));
        return !abbreviated.equals(word) && fingerprints.contains(fingerprinter.startFingerprint(abbreviated));
    }

    /** The kind of the known value these words are, or null. Names and addresses only where a phrase may start. */
    private Kind match(List<String> words, boolean phraseMayStartHere, Set<String> fingerprints) {
        int n = words.size();
        boolean allDigits = true;
        int letters = 0;
        for (String w : words) {
            allDigits &= TextForms.isDigits(w);
            letters += TextForms.letterCount(w);
        }
        if (phraseMayStartHere) {
            if (n <= MAX_NAME_TOKENS && letters >= 2 && hit(Kind.NAME, TextForms.phrase(words), fingerprints)) {
                return Kind.NAME;
            }
            if (hit(Kind.ADDRESS, TextForms.addressPhrase(words), fingerprints)) {
                return Kind.ADDRESS;
            }
        }
        if (allDigits && n <= MAX_NAME_TOKENS) {
            String digits = String.join("", words);
            if (digits.length() >= Fingerprinter.MIN_PHONE_DIGITS && hit(Kind.PHONE, digits, fingerprints)) {
                return Kind.PHONE;
            }
        }
        if (n <= MAX_ID_TOKENS) {
            String compact = TextForms.compact(words);
            if (compact.length() >= Fingerprinter.MIN_ID_LENGTH && TextForms.hasDigit(compact)
                    && hit(Kind.ID, compact, fingerprints)) {
                return Kind.ID;
            }
        }
        if (n == 1 || n == 3) {
            for (String iso : dateCandidates(words, allDigits)) {
                if (hit(Kind.DATE, iso, fingerprints)) {
                    return Kind.DATE;
                }
            }
        }
        return null;
    }

    private boolean hit(Kind kind, String form, Set<String> fingerprints) {
        return !form.isEmpty() && fingerprints.contains(fingerprinter.fingerprint(kind, form));
    }

    /** ISO dates that 3 tokens (y m d, m d y, d m y, month names allowed) or one 8-digit token may stand for. */
    private static List<String> dateCandidates(List<String> words, boolean allDigits) {
        List<String> out = new ArrayList<>(4);
        if (words.size() == 1) {
            String w = words.get(0);
            if (allDigits && w.length() == 8) {
                addDate(out, num(w.substring(0, 4)), num(w.substring(4, 6)), num(w.substring(6, 8)));
                addDate(out, num(w.substring(4, 8)), num(w.substring(0, 2)), num(w.substring(2, 4)));
            }
            return out;
        }
        String a = words.get(0);
        String b = words.get(1);
        String c = words.get(2);
        if (allDigits) {
            if (a.length() == 4) {
                addDate(out, num(a), num(b), num(c));
            } else if (c.length() == 4 || c.length() == 2) {
                for (int year : years(c)) {
                    addDate(out, year, num(a), num(b));
                    addDate(out, year, num(b), num(a));
                }
            }
        } else if (TextForms.month(a) > 0 && TextForms.isDigits(b) && TextForms.isDigits(c)) {
            for (int year : years(c)) {
                addDate(out, year, TextForms.month(a), num(b));
            }
        } else if (TextForms.isDigits(a) && TextForms.month(b) > 0 && TextForms.isDigits(c)) {
            for (int year : years(c)) {
                addDate(out, year, TextForms.month(b), num(a));
            }
        }
        return out;
    }

    private static int[] years(String y) {
        if (y.length() == 4) {
            return new int[] {num(y)};
        }
        if (y.length() == 2) {
            return new int[] {1900 + num(y), 2000 + num(y)};
        }
        return new int[0];
    }

    private static void addDate(List<String> out, int year, int month, int day) {
        if (year > 0 && month > 0 && day > 0) {
            String iso = TextForms.isoDate(year, month, day);
            if (iso != null && !out.contains(iso)) {
                out.add(iso);
            }
        }
    }

    private static int num(String digits) {
        if (digits.isEmpty() || digits.length() > 4) {
            return -1;
        }
        return Integer.parseInt(digits);
    }

    /** Replaces the union of overlapping spans; the placeholder of the earliest (then longest) span is kept. */
    private static String replace(String text, List<Span> spans) {
        if (spans.isEmpty()) {
            return text;
        }
        List<Span> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(Span::start).thenComparing(Comparator.comparingInt(Span::end).reversed()));
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        int k = 0;
        while (k < sorted.size()) {
            Span first = sorted.get(k);
            int end = first.end();
            k++;
            while (k < sorted.size() && sorted.get(k).start() < end) {
                end = Math.max(end, sorted.get(k).end());
                k++;
            }
            out.append(text, pos, first.start()).append(first.placeholder());
            pos = end;
        }
        out.append(text, pos, text.length());
        return out.toString();
    }
}
