package io.annota.deid.text;

import java.util.List;
import java.util.Set;

/**
 * Names and institutions in clinical notes as clinicians write them, case-blind: all capitals, all lower case
 * or mixed, with abbreviations and without titles. Each word is weighed twice: against the name gazetteers
 * ({@link Lexicon}'s person names of many locales, WordNet's proper nouns) and against the clinical safe list
 * ({@link SafeWords}: English words, dictionary terms, abbreviations). A word that is a clinical term or an
 * abbreviation is not a name unless a context cue says so; a word in neither list next to a cue is.
 * <ul>
 *   <li>{@code cue:title}: after {@code dr}, {@code dr.}, {@code mr}, {@code mrs}... the next word unless it is a
 *       function word or a word that is never a noun ("dr aware", "dr notified"), and a second name word;</li>
 *   <li>{@code cue:credential}: one or two name words before {@code RN}, {@code NP}, {@code MD}, {@code RRT},
 *       {@code PA}... ("Jon Devaux RRT", "Carole Hayes, RN");</li>
 *   <li>{@code cue:relative}: a first name, an unknown word or a listed name after a relative or proxy
 *       ("husband bill", "daughter Mary", "niece, Patricia Waite", "sons David and Theodore");</li>
 *   <li>{@code cue:contact}: a listed or unknown word after "spoke with", "seen by", "per", "paged", "called",
 *       "notified", "followed by" ("per healey");</li>
 *   <li>{@code cue:coordination}: "dr camarda and clifford": a listed or unknown word joined to a cued name;</li>
 *   <li>{@code cue:town}: a place after a verb of living somewhere ("lives in Towson", "on vacation in Seattle");</li>
 *   <li>{@code cue:institution}: words before a hospital word ("kernan hosp", "Baltimore Rehab", "GH ER")
 *       and unknown words and acronyms after "to", "from", "at" ("transferred to GH", "at gbmc");</li>
 *   <li>{@code gazetteer:name}, {@code gazetteer:place}: a word in the name or place lists that is no safe word,
 *       anywhere ("Vasquez", "Baltimore").</li>
 * </ul>
 * Thread-safe.
 */
public final class CueFinder {

    static final int PRIORITY = 55;
    static final Set<String> TITLES = Set.of("dr", "drs", "dr's", "doctor", "mr", "mrs", "ms", "miss", "prof", "dra",
            "np", "rn");
    /** Titles of address: almost any word after them is a surname ("mrs. powers"). */
    private static final Set<String> COURTESY = Set.of("mr", "mrs", "miss");
    /** Credentials written before a name ("NP Carol", "RN Smith"): only a listed or unknown word follows. */
    private static final Set<String> PREFIX_CREDENTIALS = Set.of("np", "rn", "ms");
    /** What people do: a first name before one of these is a person ("bill called", "bob visited"). */
    private static final Set<String> PERSON_VERBS = Set.of("called", "calls", "visited", "visits", "came", "spoke",
            "stated", "states", "phoned", "arrived", "left", "wants", "wanted", "asked", "asks", "agrees", "agreed",
            "updated", "informed", "notified", "aware", "said", "says", "feels", "understands", "requests", "requested");
    static final Set<String> CREDENTIALS = Set.of("rn", "np", "md", "rrt", "pa", "lpn", "cna", "crnp", "aprn",
            "cns", "msw", "lcsw", "lics", "licsw", "rph", "pharmd", "phd", "do", "mba", "bsn", "msn", "cnm", "pac", "pa-c",
            "rt", "slp", "otr", "dpt", "rd", "ms", "sn", "snp", "cnp", "facc", "facs", "facp");
    static final Set<String> RELATIVES = Set.of("husband", "wife", "son", "sons", "daughter", "daughters",
            "dtr", "dtrs", "dau", "niece", "nephew", "sister", "sisters", "sis", "brother", "brothers", "bro",
            "mother", "mom", "mum", "father", "dad", "aunt", "uncle", "cousin", "grandson", "granddaughter",
            "grandaughter", "grandmother", "grandfather", "grandma", "grandpa", "friend", "neighbor", "neighbour",
            "proxy", "hcp", "spouse", "fiance", "fiancee", "boyfriend", "girlfriend", "partner", "stepson",
            "stepdaughter", "sil", "dil", "inlaw", "in-law", "guardian", "caregiver", "companion", "roommate",
            "children", "child", "kids", "family", "spokesperson", "contact", "wife's", "husband's", "pt's");
    /** Words right before a name: "per healey", "paged murphy". */
    private static final Set<String> CONTACT_WORDS = Set.of("per", "paged", "notified", "informed", "page", "call");
    /** Verbs that take a name after "with", "to" or "by": "spoke with", "seen by", "followed by". */
    private static final Set<String> CONTACT_VERBS = Set.of("spoke", "speak", "talked", "talk", "discussed", "met",
            "seen", "followed", "evaluated", "examined", "consulted", "updated", "called", "d/w");
    private static final Set<String> CONTACT_PREPOSITIONS = Set.of("with", "by", "to");
    private static final Set<String> INSTITUTION_HEADS = Set.of("hospital", "hosp", "rehab", "rehabilitation",
            "clinic", "hospice", "infirmary", "sanitarium", "er", "ew", "nh", "regional", "memorial", "house");
    /** Verbs of moving a patient: "transferred to X", "came from X", "followed at X". */
    private static final Set<String> MOVES = Set.of("transferred", "transfered", "transfer", "trans", "xfer", "xferred",
            "tx'd", "tx", "transf", "admitted", "adm", "readmitted", "sent", "brought", "taken", "came", "come", "comes", "went", "go",
            "goes", "going", "returned", "return", "returning", "discharged", "d/c'd", "dc'd", "dc", "referred",
            "accepted", "followed", "seen", "arrived", "arrives", "back", "transported", "flown", "medflighted",
            "moved", "presented", "presents", "admission", "bed", "treated", "hospitalized",
            "cared", "work", "works", "worked", "lives", "lived", "visiting", "vacation", "drove", "driven", "flew",
            "d/c", "discharge", "home", "dispo", "placement", "placed", "awaiting", "wait", "ambulance", "team",
            "enroute", "en", "route", "w/u", "evaluated", "ceo", "employed", "retired", "native", "born", "grew", "living", "residing", "reside", "resides", "vacationing", "called", "calling", "screened");
    private static final Set<String> SAINTS = Set.of("st", "saint", "ste");
    /** Verbs of living somewhere: the place after them is a town ("lives in Towson"), not an institution. */
    private static final Set<String> RESIDENCE = Set.of("lives", "lived", "living", "resides", "reside", "residing",
            "vacation", "vacationing", "visiting", "moved", "grew", "born", "native");
    /** Hospital words that belong to the name they end ("Laurel Regional", "Union Memorial"). */
    private static final Set<String> NAME_HEADS = Set.of("memorial", "regional");
    /** Generic words that may stand before a hospital word and are no name ("acute rehab", "the ER"). */
    private static final Set<String> GENERIC_BEFORE_HEAD = Set.of("acute", "subacute", "cardiac", "pulmonary",
            "inpatient", "outpatient", "local", "outside", "other", "another", "same", "nursing", "rehab", "the", "a",
            "an", "to", "from", "at", "in", "his", "her", "their", "our", "this", "that", "osh", "psych",
            "psychiatric", "state", "community", "general", "private", "long", "term", "short", "day", "home",
            "pt", "patient", "pts", "area", "teaching", "va", "hospice", "medical", "med", "care", "health", "city",
            "county", "regional", "children's", "womens", "women's", "of", "and", "icu", "ccu", "micu", "sicu",
            "floor", "unit", "er", "ew", "ed", "or", "cath", "lab", "ob", "vascular", "surgical", "clinic", "dialysis",
            "hd", "pcp", "ltc", "ltac", "snf", "assisted", "living", "group", "primary", "skilled", "adult", "senior");
    private static final Set<String> PLACE_PREPOSITIONS = Set.of("to", "from", "at", "in", "@", "via", "into");
    static final Set<String> FUNCTION = Set.of("a", "an", "the", "and", "or", "but", "nor", "of", "to", "in",
            "on", "at", "by", "for", "with", "from", "as", "is", "was", "are", "were", "be", "been", "has", "had",
            "have", "will", "would", "can", "could", "should", "may", "might", "must", "shall", "do", "does", "did",
            "not", "no", "yes", "he", "she", "it", "they", "we", "i", "you", "him", "her", "his", "its", "their",
            "them", "our", "us", "me", "my", "your", "this", "that", "these", "those", "there", "here", "who",
            "which", "what", "when", "where", "why", "how", "all", "any", "some", "each", "also", "just", "then",
            "than", "so", "if", "into", "onto", "over", "under", "up", "down", "out", "off", "about", "after",
            "before", "re", "per", "via", "s", "w", "c", "x", "am", "pm", "today", "tonight", "tomorrow",
            "yesterday", "now", "still", "again", "already", "aware", "pt", "pts", "patient", "team", "service",
            "note", "notes", "order", "orders", "ordered");

    private final Lexicon lexicon;
    private final SafeWords safe;

    public CueFinder(Lexicon lexicon, SafeWords safe) {
        this.lexicon = lexicon;
        this.safe = safe;
    }

    /** Adds the names and institutions found in {@code tokens}. */
    public void find(Tokens t, List<PhiSpan> out) {
        int n = t.size();
        boolean[] taken = new boolean[n];
        for (int i = 0; i < n; i++) {
            if (!t.isWord(i)) {
                continue;
            }
            String key = t.key(i);
            if ((TITLES.contains(key) || TITLES.contains(afterHyphen(key))) && i + 1 < n && titleGap(t, i)) {
                int first = i + 1;
                if (t.isWord(first) && acceptsAfterTitle(t, first)) {
                    int last = extendName(t, first);
                    mark(t, first, last, taken, out, PhiType.NAME, "cue:title");
                    coordinate(t, last, taken, out);
                }
            } else if (CREDENTIALS.contains(key) && i > 0 && credentialBefore(t, i)) {
                int last = i - 1;
                int first = last;
                if (first > 0 && t.joined(first - 1) && credentialName(t, first - 1) && !CREDENTIALS.contains(t.key(first - 1))) {
                    first--;
                }
                mark(t, first, last, taken, out, PhiType.NAME, "cue:credential");
            } else if (RELATIVES.contains(key) && i + 1 < n) {
                relative(t, i, taken, out);
            } else if (RELATIVES.contains(beforeHyphen(key)) && relativeName(afterHyphen(key))) {
                // "DAUGHTER-KRISSY": the relation and the name written as one word
                out.add(new PhiSpan(t.start(i) + key.indexOf('-') + 1, t.end(i), PhiType.NAME, PRIORITY, "cue:relative"));
                taken[i] = true;
            } else if (contactCue(t, i) && i + 1 < n && t.gapOnly(i, ":") && t.isWord(i + 1) && !taken[i + 1]
                    && strongName(t, i + 1)) {
                int last = extendName(t, i + 1);
                mark(t, i + 1, last, taken, out, PhiType.NAME, "cue:contact");
            } else if (i > 0 && institutionHead(key)) {
                institutionBefore(t, i, taken, out);
            } else if (i > 1 && headStart(t, i) < i) {
                institutionBefore(t, headStart(t, i), taken, out);
            }
            if (!taken[i] && saint(t, i)) {
                mark(t, i, i + 1, taken, out, PhiType.LOCATION, "cue:institution");
            } else if (!taken[i] && initialAndSurname(t, i)) {
                mark(t, i, i + 1, taken, out, PhiType.NAME, "cue:initial");
            } else if (!taken[i] && i + 1 < n && PERSON_VERBS.contains(t.key(i + 1)) && t.joined(i) && lexicon.isFirstName(key)
                    && !FUNCTION.contains(key) && !safe.isClinical(key) && !safe.isNeverNoun(key) && !RELATIVES.contains(key)) {
                mark(t, i, i, taken, out, PhiType.NAME, "cue:person-verb");
            }
            if (PLACE_PREPOSITIONS.contains(key) && i + 1 < n && t.gapOnly(i, "(") && t.isWord(i + 1) && !taken[i + 1]) {
                placeAfter(t, i, taken, out);
            }
        }
        gazetteer(t, taken, out);
    }

    /**
     * Words of the name and place lists that are no safe word, anywhere ("Vasquez", "Baltimore"): not languages
     * ("Cantonese"), misspellings or eponyms before a clinical word ("Glasgow coma scale").
     */
    private void gazetteer(Tokens t, boolean[] taken, List<PhiSpan> out) {
        int n = t.size();
        for (int i = 0; i < n; i++) {
            if (!taken[i] && t.isWord(i) && t.length(i) >= 3) {
                String key = t.letters(i);
                if (safeWord(key) || FUNCTION.contains(key) || lexicon.isStopWord(key) || TITLES.contains(key)
                        || key.endsWith("ese") || key.endsWith("ish")) {
                    continue; // languages and nationalities ("Cantonese") are no PHI
                }
                if (!lexicon.isPlace(key) && !lexicon.isAnyName(key) && !safe.isProperNounListed(key) || misspelt(key)) {
                    continue;
                }
                if (eponym(t, i)) {
                    continue; // an eponym: "Glasgow coma scale", "Swan catheter"
                }
                if (t.style() == Tokens.CaseStyle.MIXED && !Character.isUpperCase(t.text().charAt(t.start(i)))) {
                    continue; // in mixed case, a name without a cue is capitalised ("camila 28 day pack" is a drug)
                }
                if (lexicon.isPlace(key)) {
                    mark(t, i, i, taken, out, PhiType.LOCATION, "gazetteer:place");
                } else if (lexicon.isPersonName(key) || safe.isProperNoun(key)
                        || lexicon.isOtherName(key) && key.length() > 4) {
                    mark(t, i, i, taken, out, PhiType.NAME, "gazetteer:name");
                }
            }
        }
    }

    /** "St. Agnes", "St A.", "Saint Joseph's" in mixed-case text: not "ST" (sinus tachycardia), not "19 Clover St." */
    private boolean saint(Tokens t, int i) {
        if (!SAINTS.contains(t.key(i)) || !t.isCapitalised(i) || t.style() != Tokens.CaseStyle.MIXED || i + 1 >= t.size()
                || !t.isWord(i + 1) || !t.gapOnly(i, ".") || t.gap(i).contains("\n")) {
            return false;
        }
        if (i > 0 && (t.isCapitalised(i - 1) || t.isNumber(i - 1)) && t.joined(i - 1)) {
            return false; // a street: "Clover St. in Lansdowne"
        }
        String next = possessive(t.letters(i + 1));
        return Character.isUpperCase(t.text().charAt(t.start(i + 1))) && !FUNCTION.contains(next)
                && (next.length() == 1 || lexicon.isAnyName(next) || !safeWord(next));
    }

    /** "W. Marotta", "d. renna", "j. o'brien": an initial with a full stop before a word in no list or a listed surname. */
    private boolean initialAndSurname(Tokens t, int i) {
        if (t.length(i) != 1 || !t.isWord(i) || i + 1 >= t.size() || !t.gap(i).equals(". ") || !t.isWord(i + 1)) {
            return false;
        }
        char before = t.before(i);
        if (before == '/' || before == '&' || i > 0 && t.end(i - 1) == t.start(i) || t.key(i).equals("a") || t.key(i).equals("i")) {
            return false;
        }
        String key = possessive(t.letters(i + 1));
        return key.length() > 2 && (!safeWord(key) && !misspelt(key) || lexicon.isLastName(key) && !safe.isFrequentEnglish(key));
    }

    private static boolean contactCue(Tokens t, int i) {
        String key = t.key(i);
        return CONTACT_WORDS.contains(key) || CONTACT_PREPOSITIONS.contains(key) && i > 0 && t.gapOnly(i - 1, "")
                && CONTACT_VERBS.contains(t.key(i - 1));
    }

    private static boolean titleGap(Tokens t, int i) {
        String gap = t.gap(i);
        return gap.equals(" ") || gap.equals(". ") || gap.equals(".") || gap.equals("  ") || gap.equals(".  ");
    }

    private boolean acceptsAfterTitle(Tokens t, int i) {
        String key = t.key(i);
        if (FUNCTION.contains(key) || TITLES.contains(key) || CREDENTIALS.contains(key) && !t.joined(i)) {
            return false;
        }
        if (key.length() == 1) {
            return t.joined(i); // "Dr. J. Smith", "dr o rourke"
        }
        String word = possessive(t.letters(i));
        if (PREFIX_CREDENTIALS.contains(t.key(i - 1))) {
            return (lexicon.isFirstName(word) || lexicon.isLastName(word) || !safeWord(word) && !misspelt(word))
                    && !safe.isAbbreviation(word) && !safe.isNeverNoun(word);
        }
        if (COURTESY.contains(t.key(i - 1))) {
            return !safe.isNeverNoun(word) && !safe.isAbbreviation(word);
        }
        // "Dr. Powell", "dr healey", "DR. KING", "Dr. Bean"; not "dr changes", "DR AWARE"
        return !safeWord(word) || lexicon.isPersonName(word) || lexicon.isAnyName(word) && !safe.isNeverNoun(word)
                || !safe.isFrequentEnglish(word) && !safe.isAbbreviation(word)
                || t.style() == Tokens.CaseStyle.MIXED && t.isCapitalised(i) && !safe.isNeverNoun(word);
    }

    /** A listed word before a clinical word, over one initial: "Glasgow coma scale", "Miami J collar". */
    private boolean eponym(Tokens t, int i) {
        for (int k = i + 1; k < Math.min(t.size(), i + 3) && t.joined(k - 1) && t.isWord(k); k++) {
            String next = t.letters(k);
            if (FUNCTION.contains(next)) {
                return false;
            }
            if (safe.isClinical(next) && !safe.isAbbreviation(next) && !CREDENTIALS.contains(next)
                    || NameFinder.EPONYM_HEADS.contains(next)) {
                return true;
            }
            if (next.length() > 1) {
                return false;
            }
        }
        return false;
    }

    /** A word that, right after a relation, is the relative's name: a first name that is no clinical word. */
    private boolean relativeName(String key) {
        return (lexicon.isFirstName(key) || lexicon.isOtherFirstName(key)) && !safe.isNeverNoun(key)
                && !safe.isClinical(key) && key.length() > 1;
    }

    private static String afterHyphen(String key) {
        int hyphen = key.lastIndexOf('-');
        return hyphen < 0 ? "" : key.substring(hyphen + 1);
    }

    private static String beforeHyphen(String key) {
        int hyphen = key.indexOf('-');
        return hyphen < 0 ? "" : key.substring(0, hyphen);
    }

    /** "white" of "white's". */
    private static String possessive(String key) {
        return key.endsWith("'s") && key.length() > 3 ? key.substring(0, key.length() - 2) : key;
    }

    /** The last token of a name starting at {@code first}: one more name word (or an initial and a word). */
    private int extendName(Tokens t, int first) {
        int last = first;
        if (t.length(first) == 1 && t.joined(first) && t.isWord(first + 1)) {
            return first + 1; // "o rourke", "J. Smith"
        }
        if (t.joined(last) && t.isWord(last + 1) && nameWord(t, last + 1, true)) {
            last++;
            if (t.length(last) == 1 && t.joined(last) && t.isWord(last + 1) && nameWord(t, last + 1, true)) {
                last++; // "Carol A. Smith"
            }
        }
        return last;
    }

    /** "dr camarda and clifford", "Drs. Smith, Jones": listed or unknown words coordinated with a cued name. */
    private void coordinate(Tokens t, int last, boolean[] taken, List<PhiSpan> out) {
        int i = last + 1;
        while (i + 1 < t.size() && (t.key(i).equals("and") && t.gapOnly(last, "") || t.gapOnly(last, ",&"))) {
            int next = t.key(i).equals("and") ? i + 1 : i;
            if (next == i && !t.gap(last).contains(",") && !t.gap(last).contains("&")) {
                return;
            }
            if (next >= t.size() || !t.isWord(next) || !strongName(t, next)) {
                return;
            }
            if (next == i + 1 && !t.gapOnly(i, "")) {
                return;
            }
            int end = extendName(t, next);
            mark(t, next, end, taken, out, PhiType.NAME, "cue:coordination");
            last = end;
            i = last + 1;
        }
    }

    private boolean credentialBefore(Tokens t, int i) {
        int prev = i - 1;
        String gap = t.gap(prev);
        if (!(gap.equals(" ") || gap.equals(", ") || gap.equals(",") || gap.equals("  "))) {
            return false;
        }
        if (!t.isWord(prev) || FUNCTION.contains(t.key(prev)) || CREDENTIALS.contains(t.key(prev))) {
            return false;
        }
        // "MD" and "PA" are also nouns and abbreviations ("the MD", "PA line"): the word before must look like a name
        return credentialName(t, prev) && (t.length(prev) > 1 || prev > 0 && credentialName(t, prev - 1));
    }

    /** A word before a credential: an initial, a word in no list, or a listed English name that is no clinical word. */
    private boolean credentialName(Tokens t, int i) {
        if (!t.isWord(i)) {
            return false;
        }
        String key = t.letters(i);
        if (key.length() == 1) {
            return Character.isUpperCase(t.text().charAt(t.start(i))) || t.after(i) == '.';
        }
        if (FUNCTION.contains(key) || TITLES.contains(key) || RELATIVES.contains(key) || safe.isNeverNoun(key)) {
            return false;
        }
        if (!safe.isFrequentEnglish(key) && !safe.isAbbreviation(key) && !safe.isClinical(key)) {
            return true; // "lander rrt": a rare word before a credential
        }
        return !safeWord(key) && !misspelt(key) || (lexicon.isFirstName(key) || lexicon.isLastName(key)) && !safe.isAbbreviation(key)
                || !safe.isFrequentEnglish(key) && !safe.isAbbreviation(key) && lexicon.isAnyName(key);
    }

    private void relative(Tokens t, int i, boolean[] taken, List<PhiSpan> out) {
        int j = i + 1;
        // "daughter, Mary", "husband - bill", "son: David", "niece is Patricia", "daughter named Grace"
        if (!t.gapOnly(i, ",:-()'")) {
            return;
        }
        if (j < t.size() && (t.key(j).equals("is") || t.key(j).equals("named") || t.key(j).equals("s"))
                && t.gapOnly(j, ",:")) {
            j++;
        }
        if (j >= t.size() || !t.isWord(j) || taken[j]) {
            return;
        }
        String key = t.letters(j);
        boolean first = relativeName(key);
        // "husband Rich Martino": a first name that is also an English word, before a surname
        first |= lexicon.isFirstName(key) && j + 1 < t.size() && t.joined(j) && t.isWord(j + 1)
                && !safeWord(t.letters(j + 1)) && !misspelt(t.letters(j + 1));
        // "son rich is hcp": a first name that is also an adjective, before a verb
        boolean beforeVerb = j + 1 < t.size() && t.joined(j) && (PERSON_VERBS.contains(t.key(j + 1))
                || Set.of("is", "was", "will", "here", "at").contains(t.key(j + 1)));
        first |= beforeVerb && lexicon.isFirstName(key) && !FUNCTION.contains(key) && !safe.isAbbreviation(key);
        if (!(first && !FUNCTION.contains(key) && !RELATIVES.contains(key) || !safeWord(key) && !misspelt(key) && key.length() > 2)) {
            return;
        }
        int last = extendName(t, j);
        mark(t, j, last, taken, out, PhiType.NAME, "cue:relative");
        coordinate(t, last, taken, out);
    }

    private boolean institutionHead(String key) {
        // "hospital", "hosp", and misspellings such as "hospiatal" (not "hospitalization")
        return INSTITUTION_HEADS.contains(key) || key.length() >= 7 && key.length() <= 9 && key.startsWith("hosp")
                && !key.startsWith("hospitali");
    }

    /** The first token of a two-word hospital word ("nursing home", "rehab center") ending at i, or i. */
    private static int headStart(Tokens t, int i) {
        String key = t.key(i);
        if (i > 0 && t.joined(i - 1) && (key.equals("home") || key.equals("facility") || key.equals("center"))
                && Set.of("nursing", "rehab", "care", "medical", "health").contains(t.key(i - 1))) {
            return i - 1;
        }
        return i;
    }

    /** Words before a hospital word: "kernan hosp", "Baltimore Rehab", "GH ER", "Sacred Heart Hospital". */
    private void institutionBefore(Tokens t, int head, boolean[] taken, List<PhiSpan> out) {
        int first = head;
        for (int k = head - 1; k >= Math.max(0, head - 3) && t.joined(k); k--) {
            if (!t.isWord(k) || GENERIC_BEFORE_HEAD.contains(t.key(k)) || FUNCTION.contains(t.key(k))
                    || INSTITUTION_HEADS.contains(t.key(k)) && k != head - 1) {
                break;
            }
            String word = t.letters(k);
            boolean named = lexicon.isAnyName(word) || lexicon.isPlace(word) || !safeWord(word)
                    || t.style() == Tokens.CaseStyle.MIXED && (t.isCapitalised(k) || t.isUpper(k))
                    || t.isUpper(k) && !safe.isAbbreviation(word) && (t.style() == Tokens.CaseStyle.MIXED
                            || word.length() <= 4 && !safe.isFrequentEnglish(word)) || SAINTS.contains(word)
                    || strongHead(t.key(head)) && !safe.isAbbreviation(word); // "sacred heart hospital"
            if (!named) {
                break;
            }
            first = k;
        }
        if (first < head) {
            // "Laurel Regional", "Sacred Heart Memorial": these heads are part of the name
            int last = NAME_HEADS.contains(t.key(head)) ? head : head - 1;
            mark(t, first, last, taken, out, PhiType.LOCATION, "cue:institution");
        }
    }

    /** A head word that makes the words before it a hospital's name whatever they are. */
    private boolean strongHead(String key) {
        return NAME_HEADS.contains(key) || key.startsWith("hosp");
    }

    /**
     * After "to", "from", "at" (i): "St. Agnes", "St Mary's"; after a verb of moving ("transferred to GH",
     * "followed at gh", "came from Harbor", "to quartermain2") an acronym that is no abbreviation of notes, a
     * listed name or place, or a word in no list.
     */
    private void placeAfter(Tokens t, int i, boolean[] taken, List<PhiSpan> out) {
        int j = i + 1;
        String key = t.letters(j);
        if (SAINTS.contains(key) && j + 1 < t.size() && t.isWord(j + 1) && t.gapOnly(j, ".") && !FUNCTION.contains(t.key(j + 1))
                && (lexicon.isAnyName(t.letters(j + 1)) || !safeWord(t.letters(j + 1)))) {
            mark(t, j, j + 1, taken, out, PhiType.LOCATION, "cue:institution");
            return;
        }
        boolean moved = false;
        boolean residence = false;
        for (int k = i - 1; k >= Math.max(0, i - 3) && !moved; k--) {
            moved = MOVES.contains(t.key(k));
            residence = RESIDENCE.contains(t.key(k));
        }
        if (key.length() < 2 || FUNCTION.contains(key) || RELATIVES.contains(key) || TITLES.contains(key) || lexicon.isPlace(key) && eponym(t, j)) {
            return; // "placed in Miami J collar"
        }
        if (!moved) {
            if (t.isUpper(j) && key.length() <= 5 && !safeWord(key) && !safe.isAbbreviation(key)
                    && (t.key(i).equals("at") || t.key(i).equals("@"))) {
                mark(t, j, j, taken, out, PhiType.LOCATION, "cue:institution"); // "at WCH": an acronym in no list
            }
            return;
        }
        boolean acronym = t.isUpper(j) && key.length() <= 5 && !safe.isAbbreviation(key)
                && (t.style() == Tokens.CaseStyle.MIXED || !safeWord(key));
        boolean mixed = t.style() == Tokens.CaseStyle.MIXED;
        boolean named = !safeWord(key) && (!misspelt(key) || t.isUpper(j) || t.isCapitalised(j)) || lexicon.isPlace(key)
                || lexicon.isPersonName(key) && !safe.isFrequentEnglish(key) && !safe.isClinical(key) && (t.isCapitalised(j) || !mixed)
                // "went to Harbor", "go to Sacred Heart": a capitalised word in mixed case
                || mixed && t.isCapitalised(j) && !safe.isAbbreviation(key) && !GENERIC_BEFORE_HEAD.contains(key)
                // "sent to gh": a short word of lower- or upper-case notes that is no abbreviation or English word
                || !mixed && key.length() <= 4 && !safe.isAbbreviation(key) && !safe.isFrequentEnglish(key);
        if (acronym || named || t.hasDigits(j) && !safeWord(key)) {
            int last = j;
            while (last + 1 < t.size() && last - j < 2 && t.joined(last) && t.isWord(last + 1)
                    && (NAME_HEADS.contains(t.key(last + 1)) || !INSTITUTION_HEADS.contains(t.key(last + 1)) && mixed
                    && t.isCapitalised(last + 1) && !safe.isAbbreviation(t.key(last + 1)) && !FUNCTION.contains(t.key(last + 1)))) {
                last++;
            }
            mark(t, j, last, taken, out, PhiType.LOCATION, residence ? "cue:town" : "cue:institution");
        }
    }

    /** A listed name or place, or a word in no list at all. */
    private boolean strongName(Tokens t, int i) {
        String key = t.letters(i);
        if (key.length() < 2 || FUNCTION.contains(key) || RELATIVES.contains(key) || TITLES.contains(key)) {
            return false;
        }
        return !safeWord(key) && !misspelt(key) || lexicon.isPersonName(key) && !lexicon.isStopWord(key);
    }

    /**
     * A word that may be part of a name next to a cue: an initial, a listed name, or a word in no list;
     * {@code afterName}: a capitalised ordinary word also counts ("Carole Hayes").
     */
    private boolean nameWord(Tokens t, int i, boolean afterName) {
        if (!t.isWord(i)) {
            return false;
        }
        String key = t.letters(i);
        if (FUNCTION.contains(key) || TITLES.contains(key) || RELATIVES.contains(key)) {
            return false;
        }
        if (key.length() == 1) {
            return true;
        }
        if (lexicon.isAnyName(key) || !safeWord(key)) {
            return true;
        }
        return afterName && t.style() == Tokens.CaseStyle.MIXED && t.isCapitalised(i) && !safe.isClinical(key);
    }

    /**
     * A safe word, also when hyphenated from safe words ("a-fib", "post-op") or a unit name ending in "icu" or
     * "ccu" ("tsicu").
     */
    private boolean safeWord(String key) {
        if (safe.isSafe(key) || lexicon.isCommonWord(key) || key.endsWith("icu") || key.endsWith("ccu")) {
            return true;
        }
        int hyphen = key.indexOf('-');
        if (hyphen < 0) {
            return false;
        }
        if (safe.isSafe(key.replace("-", ""))) {
            return true;
        }
        for (String part : key.split("-")) {
            if (!part.isEmpty() && !safe.isSafe(part) && !lexicon.isCommonWord(part) && part.length() > 1) {
                return false;
            }
        }
        return true;
    }

    /** A word in no list that is one edit away from a safe word ("recieve", "excercise"): a misspelling. */
    private boolean misspelt(String key) {
        return key.length() >= 5 && !lexicon.isAnyName(key) && safe.isOneEditFromSafe(key);
    }

    private static void mark(Tokens t, int from, int to, boolean[] taken, List<PhiSpan> out, PhiType type, String rule) {
        for (int k = from; k <= to; k++) {
            taken[k] = true;
        }
        out.add(new PhiSpan(t.start(from), t.end(to), type, PRIORITY, rule));
    }
}
