package io.annota.deid;

import io.annota.deid.Fingerprinter.Kind;
import io.annota.deid.TextForms.Token;
import io.annota.deid.text.AddressBlocks;
import io.annota.deid.text.ClinicalDates;
import io.annota.deid.text.CueFinder;
import io.annota.deid.text.SafeWords;
import io.annota.deid.text.Tokens;
import io.annota.deid.text.DateFinder;
import io.annota.deid.text.Lexicon;
import io.annota.deid.text.NameFinder;
import io.annota.deid.text.PatternFinder;
import io.annota.deid.text.PhiSpan;
import io.annota.deid.text.PhiTokenModel;
import io.annota.deid.text.PhiType;
import io.annota.deid.text.RepeatedNames;
import io.annota.deid.text.Surrogates;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces identifying values in free text with typed tags ({@code [NAME]}, {@code [LOCATION]}, {@code [ADDRESS]},
 * {@code [ZIP]}, {@code [DATE]}, {@code [PHONE]}, {@code [EMAIL]}, {@code [URL]}, {@code [IP]}, {@code [SSN]},
 * {@code [ID]}, {@code [AGE]}) or with consistent surrogates ({@link Replacement}); dates can instead be shifted
 * by the patient's date offset. Three detectors run on the original text and their hits are merged:
 * <ol>
 *   <li><b>known values</b>: every run of 1..{@value #MAX_PHRASE_TOKENS} tokens is normalised and
 *       fingerprinted like the patient's structured values were ({@link Fingerprinter}); a run whose
 *       fingerprint is in the patient's set is replaced (the longest run wins), and so are the patient's
 *       initials written with full stops ("J.S."). No cleartext is needed;</li>
 *   <li><b>patterns</b> ({@link PatternFinder}, {@link DateFinder}): dates in the common formats, phone and fax
 *       numbers, e-mail, URLs, IP addresses, SSNs, identifiers after cue words and identifier-shaped numbers,
 *       street addresses, ZIP codes, ages over 89;</li>
 *   <li><b>names and places</b> ({@link NameFinder}): Datafaker's person and place name lists with a stop list,
 *       word shape and context cues ("Dr.", "seen by", "daughter", "lives in").</li>
 * </ol>
 * Overlapping hits are replaced as one span, typed by the hit with the strongest evidence. Fails closed: an
 * internal error propagates, the text is never returned unscrubbed. Thread-safe.
 */
public final class TextScrubber {

    /** How a recognised span is replaced. */
    public enum Replacement {
        /** A typed tag such as {@code [NAME]}. */
        TAGS,
        /**
         * A realistic value chosen by a keyed hash of the original, the same for the same value under the same
         * key ({@link Surrogates}); dates without a shift and ages over 89 keep their tags.
         */
        SURROGATES
    }

    /** The longest run of tokens compared against fingerprints (address lines, full names). */
    public static final int MAX_PHRASE_TOKENS = 8;
    private static final int MAX_NAME_TOKENS = 4;
    private static final int MAX_ID_TOKENS = 6;
    /** Priority of a known value of the patient: beats every guess. */
    private static final int KNOWN = 100;
    private static final Pattern INITIALS =
            Pattern.compile("(?<![\\p{L}\\p{N}.])(\\p{Lu})\\.\\s?(\\p{Lu})\\.(?:\\s?(\\p{Lu})\\.)?(?![\\p{L}\\p{N}])");

    private final Fingerprinter fingerprinter;
    private final Replacement replacement;
    private final boolean keepTowns;
    private volatile BiConsumer<PhiType, String> listener = (type, rule) -> { };
    private final NameFinder names;
    private final CueFinder cues;
    private final PhiTokenModel model;
    private final RepeatedNames repeats;
    private final Surrogates surrogates;

    public TextScrubber(Fingerprinter fingerprinter) {
        this(fingerprinter, Replacement.TAGS, false);
    }

    public TextScrubber(Pseudonymizer pseudonymizer) {
        this(new Fingerprinter(pseudonymizer));
    }

    public TextScrubber(Pseudonymizer pseudonymizer, Replacement replacement) {
        this(new Fingerprinter(pseudonymizer), replacement, false);
    }

    /**
     * @param keepTowns keep towns, cities, states and countries found by the place lists and cues (a limited data
     *                  set keeps them); hospitals, streets and the patient's recorded address values are replaced
     */
    public TextScrubber(Pseudonymizer pseudonymizer, Replacement replacement, boolean keepTowns) {
        this(new Fingerprinter(pseudonymizer), replacement, keepTowns);
    }

    private TextScrubber(Fingerprinter fingerprinter, Replacement replacement, boolean keepTowns) {
        this.fingerprinter = Objects.requireNonNull(fingerprinter, "fingerprinter");
        this.replacement = Objects.requireNonNull(replacement, "replacement");
        this.keepTowns = keepTowns;
        Lexicon lexicon = Lexicon.get();
        this.names = new NameFinder(lexicon);
        this.cues = new CueFinder(lexicon, SafeWords.get());
        this.model = PhiTokenModel.bundled();
        this.repeats = new RepeatedNames(SafeWords.get(), lexicon);
        this.surrogates = new Surrogates(fingerprinter.pseudonymizer(), lexicon);
    }

    /**
     * Calls {@code listener} with the type and the rule (never the text) of every span this scrubber replaces, for
     * counting them (metrics). It runs on the scrubbing thread and must be quick and thread-safe.
     */
    public void onReplaced(BiConsumer<PhiType, String> listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** Patterns, dictionaries and cues only: for text whose patient is unknown. */
    public String scrub(String text) {
        return scrub(text, Set.of());
    }

    /**
     * {@code text} with the patient's known values (given as fingerprints) and every recognisable identifying
     * value replaced (tags or surrogates, dates tagged); null stays null.
     */
    public String scrub(String text, Set<String> fingerprints) {
        return scrub(text, fingerprints, null);
    }

    /**
     * As {@link #scrub(String, Set)}, but with a non-null {@code dateShiftDays} every date found (by pattern or as
     * a known value) is replaced by the same date moved by that many days, written in the format it was written
     * in ({@code 03/05/2024} becomes {@code 04/19/2024} for 45 days, {@code March 5, 2024} becomes {@code April 19,
     * 2024}); a date without a year, or one that cannot be read, becomes {@code [DATE]}.
     */
    public String scrub(String text, Set<String> fingerprints, Integer dateShiftDays) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        return replace(text, detect(text, fingerprints), dateShiftDays);
    }

    /**
     * The spans {@link #scrub} replaces, merged (overlaps joined) and in text order, each with the type it is
     * replaced as. For evaluation and audit; the text itself is not changed.
     */
    public List<PhiSpan> detect(String text, Set<String> fingerprints) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<PhiSpan> spans = new ArrayList<>();
        PatternFinder.find(text, spans);
        names.find(text, spans);
        AddressBlocks.find(text, spans);
        Tokens tokens = new Tokens(text);
        cues.find(tokens, spans);
        ClinicalDates.find(tokens, spans);
        model.veto(tokens, spans);
        repeats.find(tokens, spans);
        if (fingerprints != null && !fingerprints.isEmpty()) {
            findKnownValues(text, fingerprints, spans);
        }
        return merge(spans);
    }

    /** True if {@code text} contains one of the known values (patterns are not consulted). */
    boolean containsKnownValue(String text, Set<String> fingerprints) {
        if (text == null || text.isEmpty() || fingerprints == null || fingerprints.isEmpty()) {
            return false;
        }
        List<PhiSpan> spans = new ArrayList<>();
        findKnownValues(text, fingerprints, spans);
        return !spans.isEmpty();
    }

    private void findKnownValues(String text, Set<String> fingerprints, List<PhiSpan> spans) {
        Matcher initials = INITIALS.matcher(text);
        while (initials.find()) {
            StringBuilder letters = new StringBuilder();
            for (int g = 1; g <= 3; g++) {
                if (initials.group(g) != null) {
                    letters.append(initials.group(g).toLowerCase(Locale.ROOT));
                }
            }
            if (fingerprints.contains(fingerprinter.fingerprint(Kind.NAME, Fingerprinter.INITIALS_PREFIX + letters))) {
                spans.add(new PhiSpan(initials.start(), initials.end(), PhiType.NAME, KNOWN, "known:initials"));
            }
        }
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
                spans.add(new PhiSpan(tokens.get(i).start(), tokens.get(i + best - 1).end(), type(bestKind), KNOWN, "known:" + bestKind.name().toLowerCase(Locale.ROOT)));
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

    private static PhiType type(Kind kind) {
        return switch (kind) {
            case NAME -> PhiType.NAME;
            case ADDRESS -> PhiType.ADDRESS;
            case PHONE -> PhiType.PHONE;
            case ID -> PhiType.ID;
            case DATE -> PhiType.DATE;
        };
    }

    /** Shape-specific types name a span better than the generic ones when both cover the same text. */
    private static final Set<PhiType> SPECIFIC = Set.of(PhiType.EMAIL, PhiType.URL, PhiType.SSN, PhiType.IP);
    private static final Comparator<PhiSpan> LEAD = Comparator.comparingInt(PhiSpan::length)
            .thenComparingInt(s -> SPECIFIC.contains(s.type()) ? 1 : 0)
            .thenComparingInt(PhiSpan::priority);

    /**
     * The union of overlapping spans, in text order; each union takes the type of its longest span (on equal
     * length: e-mail, URL, SSN and IP before other types, then the higher priority, then the earlier).
     */
    static List<PhiSpan> merge(List<PhiSpan> spans) {
        if (spans.isEmpty()) {
            return List.of();
        }
        List<PhiSpan> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(PhiSpan::start).thenComparing(Comparator.comparingInt(PhiSpan::end).reversed()));
        List<PhiSpan> out = new ArrayList<>();
        int k = 0;
        while (k < sorted.size()) {
            PhiSpan first = sorted.get(k);
            PhiSpan lead = first;
            int end = first.end();
            k++;
            while (k < sorted.size() && sorted.get(k).start() < end) {
                PhiSpan next = sorted.get(k);
                end = Math.max(end, next.end());
                if (LEAD.compare(next, lead) > 0) {
                    lead = next;
                }
                k++;
            }
            out.add(new PhiSpan(first.start(), end, lead.type(), lead.priority(), lead.rule()));
        }
        return out;
    }

    private String replace(String text, List<PhiSpan> spans, Integer dateShiftDays) {
        if (spans.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int pos = 0;
        for (PhiSpan span : spans) {
            if (keepTowns && isTown(span)) {
                continue; // left as written, with the text around it
            }
            String original = text.substring(span.start(), span.end());
            out.append(text, pos, span.start()).append(replacement(span.type(), original, dateShiftDays));
            pos = span.end();
            listener.accept(span.type(), span.rule());
        }
        out.append(text, pos, text.length());
        return out.toString();
    }

    /** A place found by the place lists or a place cue, not an institution and not a recorded value of the patient. */
    private static boolean isTown(PhiSpan span) {
        return span.type() == PhiType.LOCATION && (span.rule().startsWith("place:") || span.rule().equals("gazetteer:place")
                || span.rule().equals("cue:town"));
    }

    private String replacement(PhiType type, String original, Integer dateShiftDays) {
        if (type == PhiType.DATE && dateShiftDays != null && dateShiftDays == 0) {
            return original; // dates kept (a limited data set), also those without a year ("7/22")
        }
        if (type == PhiType.DATE && dateShiftDays != null) {
            String shifted = DateFinder.shift(original, dateShiftDays);
            return shifted != null ? shifted : type.tag();
        }
        if (replacement == Replacement.SURROGATES) {
            return surrogates.surrogate(type, original);
        }
        return type.tag();
    }
}
