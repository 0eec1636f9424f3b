package io.annota.deid.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Person and place names in free text without knowing the patient: Datafaker's name and place lists
 * ({@link Lexicon}), word shape (capitalised, upper case, initials) and context cues.
 * <ul>
 *   <li><b>cues</b>: a title (Dr., Mr., Mrs., Ms., Miss, Prof.) or a phrase ("seen by", "referred by", "signed
 *       by", "dictated by", "cc:", "patient name:", "my name is", "dear", a relative: "daughter", "son", "wife",
 *       "neighbor"...) makes the next capitalised words a name, dictionary or not;</li>
 *   <li><b>dictionary</b>: a capitalised first or last name that is not a stop word ("May", "Will", "Brown"...)
 *       and not an ordinary English or clinical word, or is one but stands next to another name word;</li>
 *   <li><b>extension</b>: a name grows over adjacent capitalised words that are not ordinary words, and over
 *       initials ("Vanessa P. Hertzog"); "Lastname, Firstname" is one name;</li>
 *   <li><b>generated names</b>: two adjacent capitalised words with digits appended ("Word123 Word45", as
 *       synthetic-data generators write names) are a name;</li>
 *   <li><b>places</b>: countries, US states, capitals and large cities (whole phrases, capitalised or upper
 *       case; a place that is also an ordinary word needs a cue), a town-like word (-ville, -ton, -burgh...)
 *       after "in", "from", "at", "near", and any capitalised words after "lives in", "born in", "moved to"...;
 *       "City, ST" before a state abbreviation.</li>
 * </ul>
 * Thread-safe.
 */
public final class NameFinder {

    static final int CUED = 50;
    static final int DICTIONARY = 35;
    static final int UNKNOWN = 30;
    private static final Set<String> PARTICLES = Set.of("van", "von", "de", "der", "den", "ten", "ter", "du", "da",
            "di", "del", "della", "dos", "das", "le", "la", "bin", "ibn", "al", "el", "y", "zu", "af");
    /** Endings of generic drug names (USAN stems) and of common clinical words, never of a person's name. */
    private static final Pattern DRUG_STEM = Pattern.compile("(?:pril|prilat|sartan|olol|alol|statin|formin|gliptin|glitazone"
            + "|glinide|mab|nib|tinib|zumab|ximab|azole|conazole|cillin|mycin|micin|cycline|oxacin|floxacin|prazole|dipine"
            + "|tidine|navir|ciclovir|clovir|previr|buvir|tegravir|fovir|zepam|azepam|azolam|triptan|parin|sone|olone|semide|thiazide|tadine|setron"
            + "|afil|lukast|terol|tropium|dronate|gabalin|pentin|oxetine|pramine|triptyline|peridol|apine|idone|barbital"
            + "|caine|profen|fenac|coxib|morphone|codone|phylline|vastatin|itis|osis|emia|ectomy|otomy|oscopy|plasty"
            + "|algia|ology|ologist|ography|opathy|cyte|cytes|uria)$");
    private static final Set<String> PERSON_VERBS = Set.of("said", "says", "told", "asked", "shouted", "replied",
            "called", "wrote", "thinks", "thought", "feels", "felt", "lives", "lived", "works", "worked", "wants",
            "wanted", "loves", "loved", "likes", "liked", "married", "visited", "came", "went", "arrived", "left",
            "reported", "states", "stated", "denies", "denied", "complains", "complained", "presents", "presented",
            "is", "was", "has", "had", "began", "begins", "will", "sings", "sang");
    /**
     * Clinical nouns that, written right after a capitalised word, make it an eponym ("Crohn disease", "Romberg
     * negative", "Nissen fundoplication", "Bell's palsy"), not a person.
     */
    static final Set<String> EPONYM_HEADS = Set.of("collar", "boots", "mattress", "stockings", "splint", "brace", "disease", "diseases", "syndrome", "syndromes", "sign",
            "signs", "test", "tests", "testing", "maneuver", "manoeuvre", "procedure", "operation", "repair",
            "phenomenon", "tumor", "tumour", "sarcoma", "lymphoma", "palsy", "paralysis", "score", "scores", "scale",
            "classification", "criteria", "stage", "staging", "grade", "esophagus", "oesophagus", "ulcer", "triad",
            "reflex", "fracture", "node", "nodes", "cyst", "catheter", "monitor", "monitoring", "fundoplication",
            "negative", "positive", "tremor", "disorder", "anomaly", "malformation", "tear", "contracture",
            "deformity", "cell", "cells", "body", "bodies", "duct", "gland", "glands", "ligament", "nerve",
            "canal", "space", "pouch", "diverticulum", "encephalopathy", "dementia", "aneurysm", "block",
            "stain", "staining", "solution", "tube", "shunt", "valve", "respiration", "breathing", "murmur", "lesion",
            "lesions", "spots", "nodules", "reaction", "index", "formula", "equation", "method", "technique",
            "incision", "approach", "position", "virus", "infection", "fever", "toxin", "bacillus");
    private static final Pattern CLINICAL_ENDING = Pattern.compile("(?:itis|osis|oma|omas|emia|ectomy|otomy|ostomy|oscopy"
            + "|plasty|pathy|algia|uria|plegia|paresis|trophy)$");
    /** Words that, after "Xxxx, " at a sentence start, make Xxxx someone spoken to. */
    private static final Set<String> VOCATIVE_FOLLOWERS = Set.of("can", "could", "would", "will", "please", "thanks",
            "thank", "do", "did", "are", "have", "i", "you", "we", "let", "how", "what", "where", "when");
    private static final Set<String> AUXILIARIES = Set.of("is", "was", "has", "had", "will");
    private static final Set<String> THING_PARTICIPLES = Set.of("started", "restarted", "stopped", "held", "given",
            "continued", "discontinued", "increased", "decreased", "reduced", "changed", "titrated", "tapered",
            "administered", "prescribed", "ordered", "added", "switched", "resumed", "initiated", "been", "negative",
            "positive", "normal", "abnormal", "elevated", "low", "high", "unremarkable", "pending", "done",
            "performed", "obtained", "taken", "used", "effective", "ineffective", "tolerated", "well", "not", "no");
    private static final Set<String> CONTRACTIONS = Set.of("m", "d", "re", "ve", "ll", "t", "s");
    private static final Set<String> ORGANISATION_WORDS = Set.of("inc", "corp", "corporation", "ltd", "llc", "co",
            "company", "group", "hospital", "clinic", "center", "centre", "university", "college", "institute",
            "foundation", "bank", "pharmacy", "laboratories", "labs", "lab", "health", "healthcare", "medical",
            "association", "society", "school", "church", "agency", "department", "services", "systems", "partners",
            "orchestra", "band", "club", "team", "motors", "airlines", "insurance", "trust", "fund", "gmbh", "ag", "sa");

    private static final Pattern TOKEN = Pattern.compile(
            "\\p{L}[\\p{L}\\p{M}]*(?:['\u2019-]\\p{L}[\\p{L}\\p{M}]*)*\\p{N}{0,4}(?![\\p{L}\\p{N}])");
    private static final Pattern TITLE_GAP = Pattern.compile("\\.?[ \\t]+");
    private static final Pattern STATE = Pattern.compile("(?:" + PatternFinder.STATE_ABBR + ")");

    private static final Set<String> TITLES = Set.of("dr", "mr", "mrs", "ms", "miss", "mx", "prof", "professor",
            "doctor", "mister", "madam", "madame", "sir", "dame", "rev", "reverend", "fr", "sister", "nurse", "mme", "mlle",
            "herr", "frau", "sr", "sra", "srta", "dott", "sig", "sgt", "capt", "lt", "col", "judge");
    private static final Set<String> RELATIVES = Set.of("daughter", "son", "wife", "husband", "mother", "father",
            "sister", "brother", "friend", "neighbor", "neighbour", "partner", "spouse", "aunt", "uncle", "cousin",
            "grandson", "granddaughter", "grandmother", "grandfather", "niece", "nephew", "caregiver", "guardian",
            "fiance", "fiancee", "boyfriend", "girlfriend", "mom", "dad", "stepson", "stepdaughter", "roommate",
            "sibling", "child", "grandchild", "colleague", "boss", "landlord", "pcp", "physician", "surgeon", "provider");
    /** Single words that, right before a capitalised word, make it a name. */
    private static final Set<String> NAME_CUE_WORDS = Set.of("cc", "attending", "dear", "hi", "hello", "hey",
            "thanks", "regards", "sincerely", "named", "signed", "dictated", "transcribed", "pt");
    /** Words that, before "by", make the next capitalised words a name ("seen by", "referred by"...). */
    private static final Set<String> BY_CUES = Set.of("seen", "referred", "signed", "dictated", "transcribed",
            "examined", "evaluated", "reviewed", "written", "authored", "directed", "treated", "attended", "visited",
            "accompanied", "performed", "approved", "interpreted", "read", "verified", "countersigned", "consulted");
    private static final Set<String> PLACE_CUE_VERBS = Set.of("lives", "living", "live", "lived", "resides", "residing",
            "reside", "born", "moved", "relocated", "resident", "native", "visiting", "traveled", "travelled", "returned",
            "city", "town", "village", "county", "hometown", "raised", "grew");
    private static final Set<String> PLACE_PREPOSITIONS = Set.of("in", "from", "at", "near", "to", "of", "outside",
            "around", "via");
    private static final Set<String> CONNECTORS = Set.of("of", "and", "the", "da", "de", "del", "la", "le", "es",
            "di", "du", "des", "al", "el", "upon", "on", "am", "an", "der", "sur");
    private static final Set<String> CALENDAR = Set.of("january", "february", "march", "april", "may", "june", "july",
            "august", "september", "october", "november", "december", "monday", "tuesday", "wednesday", "thursday",
            "friday", "saturday", "sunday", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
            "dec", "mon", "tue", "wed", "thu", "fri", "sat", "sun");

    private record Tok(int start, int end, String text, String key, boolean cap, boolean upper, boolean initial,
            boolean digits) {
    }

    private final Lexicon lexicon;

    public NameFinder(Lexicon lexicon) {
        this.lexicon = lexicon;
    }

    public NameFinder() {
        this(Lexicon.get());
    }

    /** Adds {@link PhiType#NAME} and {@link PhiType#LOCATION} spans. */
    public void find(String text, List<PhiSpan> out) {
        List<Tok> toks = tokens(text);
        int n = toks.size();
        if (n == 0) {
            return;
        }
        int[] name = new int[n]; // 0 none, else priority
        boolean[] place = new boolean[n];
        findPlaces(text, toks, place, out);
        for (int i = 0; i < n; i++) {
            Tok t = toks.get(i);
            if (!place[i] && !(t.cap || t.upper) && introduced(toks, i, text)) {
                // "my name is adam k smith": lower-case words right after an introduction
                for (int j = i; j < Math.min(n, i + 3); j++) {
                    Tok w = toks.get(j);
                    boolean letter = w.key.length() == 1;
                    if (j > i && !joined(text, toks.get(j - 1), w) && !(toks.get(j - 1).key.length() == 1
                            && text.substring(toks.get(j - 1).end, w.start).equals(". "))) {
                        break;
                    }
                    if (!(letter && j > i) && (lexicon.isCommonWord(w.key) || lexicon.isStopWord(w.key)) && !lexicon.isPersonName(w.key)) {
                        break;
                    }
                    name[j] = CUED;
                }
                continue;
            }
            if (place[i] || !(t.cap || t.upper || t.initial)) {
                continue;
            }
            int cue = cueBefore(text, toks, i);
            if (cue == 2 && t.cap && !isCalendar(t) && !TITLES.contains(t.key)) {
                name[i] = CUED; // after a title anything capitalised is a name
            } else if (cue == 1 && t.cap && nameLike(t, true)) {
                name[i] = CUED;
            } else if (dictionaryName(text, toks, i)) {
                name[i] = DICTIONARY;
            } else if (t.digits && t.cap && (neighbourDigits(text, toks, i - 1) || neighbourDigits(text, toks, i + 1))) {
                name[i] = DICTIONARY;
            } else if (t.cap && !t.digits && unknownWord(t) && !beforeOrganisation(text, toks, i)
                    && (!sentenceStart(text, toks, i) || beforePersonVerb(text, toks, i) || beforeInitialAndName(text, toks, i))) {
                name[i] = UNKNOWN;
            }
        }
        lowerCaseNames(text, toks, name, place);
        for (int i = 0; i < n; i++) {
            if (name[i] > 0 && name[i] < CUED && eponym(text, toks, i)) {
                name[i] = 0;
            }
        }
        boolean[] commaJoin = new boolean[n];
        lastnameFirstname(text, toks, name, place, commaJoin);
        extend(text, toks, name, place);
        for (int i = 0; i < n; i++) {
            if (name[i] > 0) {
                int j = i;
                int priority = name[i];
                while (j + 1 < n && name[j + 1] > 0 && (joined(text, toks.get(j), toks.get(j + 1)) || commaJoin[j])) {
                    j++;
                    priority = Math.max(priority, name[j]);
                }
                int end = toks.get(j).end;
                if (toks.get(j).initial && end < text.length() && text.charAt(end) == '.') {
                    end++;
                }
                out.add(new PhiSpan(toks.get(i).start, end, PhiType.NAME, priority, "name:" + priority));
                i = j;
            }
        }
    }

    private static List<Tok> tokens(String text) {
        List<Tok> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            String s = m.group();
            int letters = s.length();
            while (letters > 0 && Character.isDigit(s.charAt(letters - 1))) {
                letters--;
            }
            String word = s.substring(0, letters);
            int end = m.end();
            if (word.length() > 3 && letters == s.length() && (word.endsWith("'s") || word.endsWith("\u2019s"))) {
                word = word.substring(0, word.length() - 2);
                s = word;
                letters = word.length();
                end -= 2; // the possessive stays outside the span: "[NAME]'s"
            }
            boolean hasLower = false;
            boolean hasUpper = false;
            for (int k = 0; k < word.length(); k++) {
                char c = word.charAt(k);
                hasLower |= Character.isLowerCase(c);
                hasUpper |= Character.isUpperCase(c);
            }
            boolean first = Character.isUpperCase(word.charAt(0));
            // "S/P", "R/O", "A&O": letters of a clinical abbreviation, not initials of a name
            boolean abbreviation = m.start() > 0 && "/&".indexOf(text.charAt(m.start() - 1)) >= 0
                    || end < text.length() && "/&".indexOf(text.charAt(end)) >= 0;
            boolean initial = word.length() == 1 && first && letters == s.length() && !abbreviation;
            // "PaCO2", "CaCl", "BariAir": a capital after a small letter writes a chemical or a product, not a name
            // (except Mc-, Mac-, De-, La-, Van-, O'-: "McDonald", "DeGiorgio")
            boolean cap = first && hasLower && !camelCase(word) && !abbreviationPrefixed(word);
            boolean upper = hasUpper && !hasLower && word.length() >= 2;
            out.add(new Tok(m.start(), end, s, Lexicon.key(word), cap, upper, initial, letters < s.length()
                    && letters >= 2));
        }
        return out;
    }

    private static final Pattern NAME_PREFIX = Pattern.compile("(?i)(?:mc|mac|de|la|le|van|von|di|da|o')\\p{Lu}.*");

    /** "PAline", "EPstudy", "TOmid": two capitals before small letters write an abbreviation joined to a word. */
    private static boolean abbreviationPrefixed(String word) {
        return word.length() > 3 && Character.isUpperCase(word.charAt(1)) && Character.isLowerCase(word.charAt(word.length() - 1));
    }

    private static boolean camelCase(String word) {
        for (int k = 1; k < word.length(); k++) {
            if (Character.isUpperCase(word.charAt(k)) && Character.isLowerCase(word.charAt(k - 1))) {
                return !NAME_PREFIX.matcher(word).matches();
            }
        }
        return false;
    }

    /** 2 after a title, 1 after another name cue, 0 otherwise. */
    private int cueBefore(String text, List<Tok> toks, int i) {
        if (i == 0) {
            return 0;
        }
        Tok prev = toks.get(i - 1);
        String gap = text.substring(prev.end, toks.get(i).start);
        if (gap.contains("\n\n") || gap.length() > 4) {
            return 0;
        }
        if (TITLES.contains(prev.key) && (prev.cap || prev.upper) && TITLE_GAP.matcher(gap).matches()) {
            return 2;
        }
        if (!only(gap, " \t\n\r:,.?")) {
            return 0;
        }
        if (gap.contains("?") && !prev.key.equals("name")) {
            return 0; // "Last name? X"
        }
        if (RELATIVES.contains(prev.key) || NAME_CUE_WORDS.contains(prev.key)) {
            return 1;
        }
        if (gap.contains(":") && (prev.key.equals("patient") || prev.key.equals("pt") || prev.key.equals("attending")
                || prev.key.equals("physician") || prev.key.equals("provider") || prev.key.equals("by")
                || prev.key.equals("contact") || prev.key.equals("guardian") || prev.key.equals("from") || prev.key.equals("to"))) {
            return 1; // "Patient: X", "Dictated by: X", "From: X"
        }
        if (prev.key.equals("name") || prev.key.equals("names")) {
            return 1; // "Name: X", "patient name X"
        }
        if (i >= 2) {
            Tok before = toks.get(i - 2);
            String pair = before.key + " " + prev.key;
            if (prev.key.equals("by") && BY_CUES.contains(before.key)) {
                return 1;
            }
            if (pair.equals("name is") || pair.equals("calls me") || pair.equals("call me") || pair.equals("known as")
                    || pair.equals("thank you") || pair.equals("speak to") || pair.equals("spoke with")
                    || pair.equals("spoke to") || pair.equals("contact person") || pair.equals("next of")
                    || pair.equals("emergency contact") || pair.equals("is called") || pair.equals("was called")) {
                return 1;
            }
            if (prev.key.equals("is") && i >= 3 && toks.get(i - 3).key.equals("name") && before.key.equals("name")) {
                return 1;
            }
        }
        return 0;
    }

    /** Right after "my name is", "name:", "calls me", "I am" + cue. */
    private static boolean introduced(List<Tok> toks, int i, String text) {
        if (i < 2) {
            return false;
        }
        String gap = text.substring(toks.get(i - 1).end, toks.get(i).start);
        if (!gap.equals(" ") && !gap.equals(": ")) {
            return false;
        }
        String a = toks.get(i - 2).key;
        String b = toks.get(i - 1).key;
        return a.equals("name") && b.equals("is") || a.equals("calls") && b.equals("me")
                || b.equals("name") && gap.equals(": ") || a.equals("name") && b.equals("was");
    }

    /** A capitalised word that may be part of a name: not an ordinary word unless a listed name (or cued). */
    private boolean nameLike(Tok t, boolean cued) {
        if (isCalendar(t) || TITLES.contains(t.key) || t.key.length() < 2 && !t.initial) {
            return false;
        }
        if (t.initial) {
            return true;
        }
        if (lexicon.isPersonName(t.key)) {
            return cued || !lexicon.isStopWord(t.key) || !lexicon.isCommonWord(t.key);
        }
        return !lexicon.isCommonWord(t.key) && !lexicon.isStopWord(t.key) && !lexicon.isStreetSuffix(t.key);
    }

    /**
     * A capitalised word inside a sentence that is in no word list (not English, not clinical, not a place):
     * most such words in notes are names. Upper-case words (acronyms) are not taken.
     */
    private boolean unknownWord(Tok t) {
        int apostrophe = t.key.indexOf('\'');
        if (apostrophe >= 0 && CONTRACTIONS.contains(t.key.substring(apostrophe + 1))) {
            return false; // I'm, you're, don't
        }
        if (t.key.indexOf('-') > 0) {
            for (String part : t.key.split("-")) {
                if (part.length() < 2 || lexicon.isCommonWord(part) || lexicon.isStopWord(part)) {
                    return false; // X-ray, Follow-up, Non-Hodgkin
                }
            }
        }
        SafeWords safe = SafeWords.get();
        return t.key.length() >= 3 && !DRUG_STEM.matcher(t.key).find() && !lexicon.isCommonWord(t.key) && !lexicon.isStopWord(t.key) && !isCalendar(t)
                && !safe.isAbbreviation(t.key) && !plural(t.key, safe) && !t.key.endsWith("ese")
                && !TITLES.contains(t.key) && !RELATIVES.contains(t.key) && !lexicon.isPlaceWord(t.key)
                && !lexicon.isStreetSuffix(t.key) && !ORGANISATION_WORDS.contains(t.key);
    }

    /** "PACs", "IVs", "RBCs": the plural of an abbreviation. */
    private static boolean plural(String key, SafeWords safe) {
        return key.length() >= 3 && key.endsWith("s") && safe.isAbbreviation(key.substring(0, key.length() - 1));
    }

    /**
     * Names written in lower case: a lower-case word in some name list (English or another locale) that is no
     * ordinary or clinical word is a name when the whole text is in lower case (so case says nothing), when it
     * stands next to another such word or to a one-letter initial ("adam k smith"), or when it is listed with
     * others ("silvana, adam and chad"). The name then grows over an initial and one more unlisted word.
     */
    private void lowerCaseNames(String text, List<Tok> toks, int[] name, boolean[] place) {
        int n = toks.size();
        boolean caseless = true;
        for (int k = 0; k < text.length() && caseless; k++) {
            caseless = !Character.isUpperCase(text.charAt(k));
        }
        boolean[] listed = new boolean[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            listed[i] = lowerName(toks.get(i));
            any |= listed[i];
        }
        if (!any) {
            return;
        }
        for (int i = 0; i < n; i++) {
            if (!listed[i] || name[i] > 0 || place[i]) {
                continue;
            }
            boolean paired = false;
            for (int j : new int[] {i - 1, i + 1}) {
                if (j < 0 || j >= n) {
                    continue;
                }
                Tok a = toks.get(Math.min(i, j));
                Tok b = toks.get(Math.max(i, j));
                if (listed[j] && (joined(text, a, b) || coordinated(text, a, b))) {
                    paired = true;
                }
            }
            if (caseless || paired) {
                name[i] = Math.max(name[i], UNKNOWN);
            }
        }
        // grow: "benjamin a seiler", "eric g. samoylova", "aksel kristensen"
        for (int i = 0; i < n; i++) {
            if (name[i] == 0 || toks.get(i).cap || toks.get(i).upper) {
                continue;
            }
            int j = i + 1;
            if (j < n && toks.get(j).key.length() == 1 && !toks.get(j).cap && name[j] == 0) {
                String gap = text.substring(toks.get(i).end, toks.get(j).start);
                int k = j + 1;
                if (gap.equals(" ") && k < n) {
                    String gap2 = text.substring(toks.get(j).end, toks.get(k).start);
                    if ((gap2.equals(" ") || gap2.equals(". ")) && lowerNameLike(toks.get(k))) {
                        name[j] = name[i];
                        name[k] = Math.max(name[k], name[i]);
                        continue;
                    }
                }
            }
            if (j < n && name[j] == 0 && text.substring(toks.get(i).end, toks.get(j).start).equals(" ")
                    && lowerNameLike(toks.get(j)) && (i == 0 || name[i - 1] == 0)) {
                name[j] = name[i];
            }
        }
    }

    /** A lower-case word in a name list that is no ordinary, clinical or stop word. */
    private boolean lowerName(Tok t) {
        if (t.cap || t.upper || t.digits || t.key.length() < 3 || !t.text.equals(t.key) && !caseInsensitiveSame(t)) {
            return false;
        }
        return lexicon.isAnyName(t.key) && !lexicon.isCommonWord(t.key) && !lexicon.isStopWord(t.key)
                && !lexicon.isLowerCaseWord(t.key) && !(lexicon.isOtherName(t.key) && t.key.length() <= 3) && !isCalendar(t) && !TITLES.contains(t.key) && !RELATIVES.contains(t.key)
                && !DRUG_STEM.matcher(t.key).find() && !lexicon.isPlaceWord(t.key);
    }

    private static boolean caseInsensitiveSame(Tok t) {
        for (int k = 0; k < t.text.length(); k++) {
            if (Character.isUpperCase(t.text.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    /** A lower-case word that can end a lower-case name: listed, or in no word list at all. */
    private boolean lowerNameLike(Tok t) {
        if (t.cap || t.upper || t.digits || t.key.length() < 3) {
            return false;
        }
        return lowerName(t) || !lexicon.isCommonWord(t.key) && !lexicon.isStopWord(t.key) && !isCalendar(t)
                && !DRUG_STEM.matcher(t.key).find() && !lexicon.isPlaceWord(t.key) && !lexicon.isStreetSuffix(t.key)
                && !ORGANISATION_WORDS.contains(t.key) && !RELATIVES.contains(t.key) && !TITLES.contains(t.key);
    }

    /** "Mohmad R. Vizirov": an initial between two capitalised words that are no ordinary words. */
    private boolean beforeInitialAndName(String text, List<Tok> toks, int i) {
        if (i + 2 >= toks.size() || !toks.get(i + 1).initial || !joined(text, toks.get(i), toks.get(i + 1))
                || !joined(text, toks.get(i + 1), toks.get(i + 2))) {
            return false;
        }
        Tok last = toks.get(i + 2);
        return last.cap && !last.digits && (unknownWord(last) || lexicon.isAnyName(last.key) && nameLike(last, false));
    }

    /** A capitalised word before a clinical noun ("Crohn disease", "Bell's palsy", "Hashimoto thyroiditis"). */
    private static boolean eponym(String text, List<Tok> toks, int i) {
        if (i + 1 >= toks.size()) {
            return false;
        }
        Tok t = toks.get(i);
        Tok next = toks.get(i + 1);
        String gap = text.substring(t.end, next.start);
        if (!gap.equals(" ") && !gap.equals("'s ") && !gap.equals("’s ") && !gap.equals("-")) {
            return false;
        }
        if (next.cap && !gap.equals("-") && i + 2 < toks.size() && text.substring(next.end, toks.get(i + 2).start).equals(" ")) {
            // "Guillain Barre syndrome": two capitalised words before the noun
            Tok third = toks.get(i + 2);
            if (!third.cap && !third.upper && (EPONYM_HEADS.contains(third.key) || CLINICAL_ENDING.matcher(third.key).find())) {
                return true;
            }
        }
        if (next.upper || next.digits || next.key.length() < 3) {
            return false;
        }
        return EPONYM_HEADS.contains(next.key) || CLINICAL_ENDING.matcher(next.key).find() && !next.cap;
    }

    /** "Aniela is very reliable", "Zak shouted at": a sentence opening with a word followed by a verb of people. */
    private static boolean beforePersonVerb(String text, List<Tok> toks, int i) {
        if (i + 1 >= toks.size()) {
            return false;
        }
        String gap = text.substring(toks.get(i).end, toks.get(i + 1).start);
        if (gap.equals(", ") && VOCATIVE_FOLLOWERS.contains(toks.get(i + 1).key)) {
            return true; // "Aloisia, can I speak to your boss?"
        }
        if (!gap.equals(" ")) {
            return false;
        }
        String verb = toks.get(i + 1).key;
        if (!PERSON_VERBS.contains(verb)) {
            return false;
        }
        if (AUXILIARIES.contains(verb) && i + 2 < toks.size()) {
            // "Xarelto was held", "Eliquis is continued": what is done to a drug or found in a test
            return !THING_PARTICIPLES.contains(toks.get(i + 2).key);
        }
        return true;
    }

    private static boolean beforeOrganisation(String text, List<Tok> toks, int i) {
        for (int j = i + 1; j < Math.min(toks.size(), i + 3); j++) {
            if (!joined(text, toks.get(j - 1), toks.get(j)) || !toks.get(j).cap && !toks.get(j).upper) {
                return false;
            }
            if (ORGANISATION_WORDS.contains(toks.get(j).key)) {
                return true;
            }
        }
        return false;
    }

    private boolean dictionaryName(String text, List<Tok> toks, int i) {
        Tok t = toks.get(i);
        if (!(t.cap || t.upper) || !lexicon.isAnyName(t.key) || isCalendar(t) || lexicon.isStopWord(t.key)) {
            return false;
        }
        if (TITLES.contains(t.key) || RELATIVES.contains(t.key) || SafeWords.get().isAbbreviation(t.key)) {
            return false;
        }
        // a name of another locale only: short ones ("Bot", "Ley") collide with English words and abbreviations
        boolean common = lexicon.isCommonWord(t.key) || lexicon.isOtherName(t.key) && t.key.length() <= 3;
        boolean supported = supportedBy(text, toks, i - 1, t) || supportedBy(text, toks, i + 1, t);
        if (t.upper) {
            return !common && supported; // upper-case headings are common
        }
        if (common) {
            return supported;
        }
        return true;
    }

    /** Whether toks[j] is a name word adjacent (same line) to {@code t}. */
    private boolean supportedBy(String text, List<Tok> toks, int j, Tok t) {
        if (j < 0 || j >= toks.size()) {
            return false;
        }
        Tok o = toks.get(j);
        Tok first = o.start < t.start ? o : t;
        Tok second = o.start < t.start ? t : o;
        if (!joined(text, first, second) || (t.upper != o.upper && !o.initial)) {
            return false;
        }
        return o.initial || (lexicon.isAnyName(o.key) && !lexicon.isStopWord(o.key) && !lexicon.isCommonWord(o.key));
    }

    private static boolean neighbourDigits(String text, List<Tok> toks, int j) {
        if (j < 0 || j >= toks.size()) {
            return false;
        }
        return false || toks.get(j).digits && toks.get(j).cap && adjacentAny(text, toks, j);
    }

    private static boolean adjacentAny(String text, List<Tok> toks, int j) {
        return (j > 0 && joined(text, toks.get(j - 1), toks.get(j))) || (j + 1 < toks.size() && joined(text, toks.get(j), toks.get(j + 1)));
    }

    /** Separated only by blanks (no line break), or by ". " after an initial. */
    private static boolean joined(String text, Tok a, Tok b) {
        String gap = text.substring(a.end, b.start);
        if (gap.equals(" ") || gap.equals("\t")) {
            return true;
        }
        return (a.initial && (gap.equals(". ") || gap.equals("."))) || gap.equals("  ");
    }

    /** Tokens from..to each joined to the next. */
    private static boolean chain(String text, List<Tok> toks, int from, int to) {
        for (int m = from; m < to; m++) {
            if (!joined(text, toks.get(m), toks.get(m + 1))) {
                return false;
            }
        }
        return true;
    }

    /** "A and B", "A, B", "A & B": names listed together. */
    private static boolean coordinated(String text, Tok a, Tok b) {
        String gap = text.substring(a.end, b.start);
        return gap.equals(" and ") || gap.equals(", ") || gap.equals(" & ") || gap.equals(", and ");
    }

    private void lastnameFirstname(String text, List<Tok> toks, int[] name, boolean[] place, boolean[] commaJoin) {
        for (int i = 0; i + 1 < toks.size(); i++) {
            Tok a = toks.get(i);
            Tok b = toks.get(i + 1);
            if (place[i] || place[i + 1] || !a.cap || !b.cap || !text.substring(a.end, b.start).equals(", ")) {
                continue;
            }
            if ((lexicon.isFirstName(b.key) || lexicon.isOtherFirstName(b.key)) && !lexicon.isStopWord(b.key) && nameLike(a, false)
                    && (lexicon.isLastName(a.key) || name[i] > 0)) {
                name[i] = Math.max(name[i], DICTIONARY);
                name[i + 1] = Math.max(name[i + 1], DICTIONARY);
                commaJoin[i] = true;
            }
        }
    }

    /** Grows names over adjacent name-like words and initials, up to 4 words. */
    private void extend(String text, List<Tok> toks, int[] name, boolean[] place) {
        boolean changed = true;
        int rounds = 0;
        while (changed && rounds++ < 3) {
            changed = false;
            for (int i = 0; i < toks.size(); i++) {
                if (name[i] == 0) {
                    continue;
                }
                for (int j : new int[] {i - 1, i + 1}) {
                    if (j < 0 || j >= toks.size() || name[j] > 0 || place[j]) {
                        continue;
                    }
                    Tok o = toks.get(j);
                    Tok t = toks.get(i);
                    boolean shape = o.cap || o.initial || (o.upper && t.upper);
                    int step = j - i;
                    int k = j;
                    while (k >= 0 && k < toks.size() && PARTICLES.contains(toks.get(k).key) && !toks.get(k).cap
                            && Math.abs(k - j) < 3) {
                        k += step;
                    }
                    if (k != j && k >= 0 && k < toks.size() && toks.get(k).cap && nameLike(toks.get(k), false)
                            && chain(text, toks, Math.min(i, k), Math.max(i, k))) {
                        for (int m = Math.min(j, k); m <= Math.max(j, k); m++) {
                            name[m] = Math.max(name[m], name[i]);
                        }
                        changed = true;
                        continue;
                    }
                    if (name[i] >= DICTIONARY && (o.cap) && coordinated(text, j < i ? o : t, j < i ? t : o)
                            && (lexicon.isAnyName(o.key) || unknownWord(o)) && !isCalendar(o)) {
                        name[j] = UNKNOWN;
                        changed = true;
                        continue;
                    }
                    int far = j + step;
                    if (name[i] >= DICTIONARY && o.key.equals("and") && !o.cap && far >= 0 && far < toks.size()
                            && name[far] == 0 && !place[far] && toks.get(far).cap && !toks.get(far).digits
                            && joined(text, toks.get(Math.min(i, far)), toks.get(Math.min(i, far) + 1))
                            && joined(text, toks.get(Math.max(i, far) - 1), toks.get(Math.max(i, far)))
                            && (lexicon.isAnyName(toks.get(far).key) && !lexicon.isStopWord(toks.get(far).key)
                                || unknownWord(toks.get(far))) && !isCalendar(toks.get(far))) {
                        name[far] = UNKNOWN; // "Abramovich and Wilson"
                        changed = true;
                        continue;
                    }
                    boolean startOfSentence = j < i && sentenceStart(text, toks, j);
                    if (shape && joined(text, j < i ? o : t, j < i ? t : o) && nameLike(o, false)
                            && (!startOfSentence || lexicon.isAnyName(o.key) && !lexicon.isStopWord(o.key)
                                || o.cap && !o.digits && unknownWord(o))) {
                        name[j] = name[i];
                        changed = true;
                    }
                }
            }
        }
    }

    private static boolean sentenceStart(String text, List<Tok> toks, int i) {
        if (i == 0) {
            return true;
        }
        String gap = text.substring(toks.get(i - 1).end, toks.get(i).start);
        for (int k = 0; k < gap.length(); k++) {
            if (".!?:;\"([#*>-\n|".indexOf(gap.charAt(k)) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static boolean only(String s, String allowed) {
        for (int k = 0; k < s.length(); k++) {
            if (allowed.indexOf(s.charAt(k)) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean isCalendar(Tok t) {
        return CALENDAR.contains(t.key);
    }

    private void findPlaces(String text, List<Tok> toks, boolean[] place, List<PhiSpan> out) {
        int n = toks.size();
        for (int i = 0; i < n; i++) {
            Tok t = toks.get(i);
            if (!(t.cap || t.upper)) {
                continue;
            }
            boolean cued = placeCue(text, toks, i);
            // the longest listed place phrase starting here
            int best = -1;
            StringBuilder phrase = new StringBuilder();
            for (int j = i; j < Math.min(n, i + 5); j++) {
                Tok w = toks.get(j);
                if (j > i) {
                    String gap = text.substring(toks.get(j - 1).end, w.start);
                    if (!gap.equals(" ") && !gap.equals("-") && !gap.equals(". ") && !gap.equals(".")) {
                        break;
                    }
                    phrase.append(' ');
                }
                phrase.append(w.key);
                boolean lastOk = w.cap || w.upper;
                if (lastOk && lexicon.isPlace(phrase.toString())) {
                    best = j;
                }
                if (!(w.cap || w.upper || CONNECTORS.contains(w.key))) {
                    break;
                }
            }
            if (best >= 0) {
                boolean single = best == i;
                // "Brazil", "Turkey": a listed place is a place; one that is also a stop-listed name ("Georgia",
                // "Jordan", "Florence") or a lower-case word written at a sentence start needs a cue
                boolean ordinaryWord = single && (lexicon.isStopWord(t.key)
                        || lexicon.isCommonWord(t.key) && sentenceStart(text, toks, i) && !t.upper);
                boolean personLike = single && lexicon.isPersonName(t.key) && cueBefore(text, toks, i) > 0;
                if ((!ordinaryWord || cued) && !personLike) {
                    mark(toks, i, best, place, out, cued ? CUED - 5 : DICTIONARY);
                    i = best;
                    continue;
                }
            }
            if (t.cap && !lexicon.isCommonWord(t.key) && !lexicon.isStopWord(t.key)) {
                boolean cityState = i + 1 < n && text.substring(t.end, toks.get(i + 1).start).equals(", ")
                        && STATE.matcher(toks.get(i + 1).text).matches() && toks.get(i + 1).upper;
                boolean town = lexicon.hasCitySuffix(t.key) && cued;
                if (cityState || town || (cued && strongPlaceCue(text, toks, i))) {
                    int j = i;
                    while (j + 1 < n && toks.get(j + 1).cap && text.substring(toks.get(j).end, toks.get(j + 1).start).equals(" ")
                            && !lexicon.isCommonWord(toks.get(j + 1).key) && j - i < 2) {
                        j++;
                    }
                    mark(toks, i, j, place, out, cued ? CUED - 5 : DICTIONARY);
                    i = j;
                }
            }
        }
    }

    private static void mark(List<Tok> toks, int from, int to, boolean[] place, List<PhiSpan> out, int priority) {
        for (int k = from; k <= to; k++) {
            place[k] = true;
        }
        out.add(new PhiSpan(toks.get(from).start, toks.get(to).end, PhiType.LOCATION, priority, "place:" + priority));
    }

    /** "in", "from", "at"... right before, or a place verb ("lives in"). */
    private static boolean placeCue(String text, List<Tok> toks, int i) {
        if (i == 0) {
            return false;
        }
        Tok prev = toks.get(i - 1);
        String gap = text.substring(prev.end, toks.get(i).start);
        if (gap.isEmpty() || gap.length() > 2 || !only(gap, " ,:")) {
            return false;
        }
        return PLACE_PREPOSITIONS.contains(prev.key) || PLACE_CUE_VERBS.contains(prev.key);
    }

    /** "lives in", "born in", "moved to"...: a place verb one or two words before. */
    private static boolean strongPlaceCue(String text, List<Tok> toks, int i) {
        for (int k = Math.max(0, i - 2); k < i; k++) {
            if (PLACE_CUE_VERBS.contains(toks.get(k).key)) {
                return true;
            }
        }
        return false;
    }
}
