package io.annota.deid.text;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Regular-expression detectors, one table row each: e-mail, URL and bare web domain, SSN, IPv4/IPv6, phone
 * and fax numbers (US, international, grouped digits, after a cue word, with extensions), identifiers after
 * a cue word (MRN, account, licence, policy, member, DEA, NPI, card...), IBANs, card-like and long digit
 * runs, upper-case codes mixing letters and 4+ digits, street addresses (US and common European forms),
 * apartment/suite/PO box, ZIP codes after a state or with a cue, and ages over 89. Dates are
 * {@link DateFinder}'s. Thread-safe (patterns are compiled once).
 */
public final class PatternFinder {

    /** Priorities: a span with more specific evidence wins the type of an overlap. */
    static final int STRONG = 80;
    static final int CUED = 75;
    static final int SHAPE = 60;
    static final int WEAK = 45;

    static final String STATE_ABBR = "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS"
            + "|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI|AS|MP";
    private static final String STREET = "Street|St|Avenue|Ave|Av|Road|Rd|Drive|Dr|Lane|Ln|Boulevard|Blvd|Court|Ct"
            + "|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Alley|Aly|Crescent"
            + "|Cres|Row|Loop|Path|Pike|Plaza|Plz|Point|Pt|Ridge|Run|Walk|Crossing|Xing|Green|Heights|Hts|Garden|Gardens"
            + "|Grove|Hill|Hills|Park|Meadow|Meadows|Creek|Brook|Center|Ctr|Commons|Cove|Estates|Expressway|Freeway"
            + "|Junction|Landing|Manor|Mews|Mill|Mills|Orchard|Pass|Port|Ramp|Ranch|Route|Rte|Shore|Shores|Springs"
            + "|Station|Summit|Turnpike|Tpke|Valley|Via|View|Village|Vista|Wells|Woods";
    private static final String FOREIGN_STREET_SUFFIX = "katu|tie|kuja|polku|vägen|väg|gatan|gata|gränd|gade|vej|veien"
            + "|vei|gata|straße|strasse|str\\.|weg|laan|straat|gasse|plein|steeg|kade|dreef|singel|utca|út|tér"
            + "|sokak|caddesi|ulica|allee|ring|platz|damm|ufer|gasse";
    private static final String FOREIGN_STREET_PREFIX = "Rue|Avenue|Av\\.|Avda\\.?|Avenida|Via|Viale|Vicolo|Corso|Calle"
            + "|Carrer|Rua|Travessa|Praça|Piazza|Plaza|Paseo|ul\\.|ulica|Boulevard|Bd|Chemin|Route|Allée|Impasse|Quai"
            + "|Strada|Str\\.|Aleja|Al\\.|Calea|Bulevardul|Odos|Leoforos";

    /** A pattern, what it finds, and where its matches can start ({@link Anchors}: digit runs unless said). */
    private record Rule(String name, Pattern pattern, String group, PhiType type, int priority, Predicate<String> check,
            Anchors.Kind kind, Set<String> keys, int minDigits) {
        Rule(String name, String regex, PhiType type, int priority) {
            this(name, Pattern.compile(regex), null, type, priority, s -> true, Anchors.Kind.DIGIT, Set.of(), 0);
        }

        Rule(String name, String regex, String group, PhiType type, int priority, Predicate<String> check) {
            this(name, Pattern.compile(regex), group, type, priority, check, Anchors.Kind.DIGIT, Set.of(), 0);
        }

        Rule(String name, Pattern pattern, String group, PhiType type, int priority, Predicate<String> check) {
            this(name, pattern, group, type, priority, check, Anchors.Kind.DIGIT, Set.of(), 0);
        }

        /** The same rule, starting at offsets of {@code at} ({@code keys}: words, endings or marker, "|"-separated). */
        Rule at(Anchors.Kind at, String keyList) {
            return new Rule(name, pattern, group, type, priority, check, at, Anchors.keys(keyList), minDigits);
        }

        /** The same rule, tried only where {@code count} digits lie within {@link Anchors#WINDOW} characters. */
        Rule digits(int count) {
            return new Rule(name, pattern, group, type, priority, check, kind, keys, count);
        }
    }

    private static final List<Rule> RULES = List.of(
            new Rule("email", "(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)+", PhiType.EMAIL, STRONG)
                    .at(Anchors.Kind.MARKER, "@"),
            new Rule("url", "(?i)\\b(?:https?://|ftp://|www\\.)[^\\s<>\"']*[^\\s<>\"'.,;:!?)\\]]", PhiType.URL, STRONG)
                    .at(Anchors.Kind.KEY, "http|https|ftp|www"),
            new Rule("domain", Pattern.compile("(?i)(?<![\\w@.-])(?:[a-z0-9-]+\\.)+(?:com|org|net|edu|gov|info|biz|io|co|us|uk|de|fr|it"
                    + "|es|nl|ca|au|ch|se|no|dk|fi|be|at|pl|cz|hu|pt|gr|ie|ru|jp|cn|in|br|mx|za|nz|cy|il|tr|ro|bg|sk)"
                    + "(?:/[^\\s<>\"']*[^\\s<>\"'.,;:!?)\\]])?(?![\\w@-])"), null, PhiType.URL, WEAK, PatternFinder::domainLike)
                    .at(Anchors.Kind.DOMAIN, ""),
            new Rule("ssn", "(?<![\\w-])\\d{3}([- ])\\d{2}\\1\\d{4}(?![\\w-])", PhiType.SSN, STRONG).digits(9),
            new Rule("ssn-cue", "(?i)\\b(?:SSN|SS#|social\\s+security(?:\\s+(?:number|no\\.?|#))?)\\s*(?:[:#]|is)?\\s*"
                    + "(?<v>\\d{3}[\\s.-]?\\d{2}[\\s.-]?\\d{4})\\b", "v", PhiType.SSN, STRONG + 5, s -> true)
                    .at(Anchors.Kind.KEY, "ssn|ss|social").digits(9),
            new Rule("ipv4", "(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
                    + "(?![\\w]|\\.\\d)", PhiType.IP, STRONG).digits(4),
            new Rule("ipv6", "(?i)(?<![\\w:])(?:(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}|(?:[0-9a-f]{1,4}:){1,6}:(?:[0-9a-f]{1,4}"
                    + "(?::[0-9a-f]{1,4}){0,5})?)(?![\\w:])", PhiType.IP, STRONG)
                    .at(Anchors.Kind.HEX_COLON, ""),
            new Rule("phone-us", "(?<![\\w-])(?:\\+?1[\\s.-]?)?(?:\\(\\d{3}\\)\\s*|\\d{3}[\\s.-])\\d{3}[\\s.-]\\d{4}"
                    + "(?:\\s*(?:x|ext\\.?|extension)\\s*\\d{1,6})?(?!\\w|-\\d)", PhiType.PHONE, SHAPE + 5).digits(10),
            new Rule("phone-7", "(?<![\\w.-])\\d{3}[.-]\\d{4}(?![\\w-]|\\.\\d)", PhiType.PHONE, SHAPE).digits(7),
            new Rule("phone-intl", "(?<![\\w+])\\+\\d{1,3}(?:[\\s.-]?(?:\\(0\\)|\\(\\d{1,4}\\)|\\d{1,5})){2,7}"
                    + "(?:\\s*(?:x|ext\\.?)\\s*\\d{1,6})?(?![\\w])", null, PhiType.PHONE, SHAPE + 5,
                    s -> digitCount(s) >= 8 && digitCount(s) <= 15).digits(8),
            new Rule("phone-grouped", "(?<![\\w./:+-])(?<!\\d,)(?:\\(0?\\d{1,4}\\)\\s?)?\\d{2,8}(?:[\\s.-]\\d{2,8}){1,4}(?![\\w/:]|[.,-]\\d)",
                    null, PhiType.PHONE, WEAK, PatternFinder::groupedPhone).digits(8),
            // "668 5702", "99 668472": 7-8 digits in two groups (short then long), not a measure with its unit
            new Rule("phone-two-groups", "(?<![\\w./:+-])(?<!\\d[,\\s])\\d{2,3} \\d{4,6}(?![\\w/:]|[.,-]\\d|\\s*(?:[%/]"
                    + "|(?i:mg|mcg|ug|g|kg|lbs?|ml|l|units?|iu|mm|cm|mmhg|cells|copies|times|x|hours?|hrs?|days?|weeks?|months?"
                    + "|years?|mins?|minutes?|seconds?|bpm|mmol|meq|ng|pg)\\b))", null, PhiType.PHONE, WEAK,
                    s -> digitCount(s) >= 7 && digitCount(s) <= 8).digits(7),
            new Rule("phone-cue", "(?i)\\b(?:phone|ph|tel|telephone|cell|mobile|fax|pager|beeper|contact(?:\\s+number)?"
                    + "|call(?:\\s+(?:me|us|him|her))?(?:\\s+(?:at|on))?)\\b\\s*(?:#|no\\.?|number)?\\s*[:.]?\\s*"
                    + "(?<v>\\+?\\(?\\d[\\d\\s().-]{5,}\\d)(?:\\s*(?:x|ext\\.?)\\s*\\d{1,6})?", "v", PhiType.PHONE, CUED,
                    s -> digitCount(s) >= 7)
                    .at(Anchors.Kind.KEY, "phone|ph|tel|telephone|cell|mobile|fax|pager|beeper|contact|call").digits(7),
            new Rule("pager", "(?i)\\b(?:pager|pgr|pg|beeper|bpr|page)[\\s:.#]*(?:no\\.?|number)?[\\s:.#]*(?<v>\\d{4,6})"
                    + "(?![\\w/-]|\\.\\d)", "v", PhiType.PHONE, CUED, s -> true)
                    .at(Anchors.Kind.KEY, "pager|pgr|pg|beeper|bpr|page").digits(4),
            new Rule("id-cue", "(?i)\\b(?:MRN|MR\\s*#|ref(?:erence)?\\s*#|confirmation\\s*#|med(?:ical)?\\.?\\s+rec(?:ord)?\\.?|acct|account|member|policy"
                    + "|subscriber|insurance|licen[cs]e|DL|driver'?s\\s+licen[cs]e|passport|DEA|NPI|UPI|certificate"
                    + "|serial|identifier|ID|claim|card|badge|employee|accession|routing|iban|swift|TIN|EIN|VIN)"
                    + "(?:\\s*(?:#|no\\.?|num(?:ber)?|id|code))?\\s*(?:[:#=]|is)?\\s*"
                    + "(?<v>[A-Z0-9][A-Z0-9-]{2,}(?:\\s[0-9]{2,}){0,4})", "v", PhiType.ID, CUED, PatternFinder::idLike)
                    .at(Anchors.Kind.KEY, "mrn|mr|med|medical|acct|account|member|policy|subscriber|insurance|licence|license|dl|driver|passport|dea|npi|upi|certificate|serial|identifier|id|claim|card|badge|employee|accession|routing|iban|swift|tin|ein|vin|ref|reference|confirmation").digits(3),
            new Rule("iban", "\\b[A-Z]{2}\\d{2}(?:\\s?[A-Z0-9]{4}){2,7}(?:\\s?[A-Z0-9]{1,4})?\\b", null, PhiType.ID, SHAPE,
                    s -> digitCount(s) >= 8)
                    .at(Anchors.Kind.CODE, "").digits(8),
            new Rule("card", "(?<![\\w-])\\d{4}([\\s-])\\d{4,6}\\1\\d{4,5}(?:\\1\\d{1,7})?(?![\\w-])", PhiType.ID, SHAPE).digits(12),
            new Rule("long-digits", "(?<![\\w.-])(?<!\\d,)\\d{9,24}(?!\\w|[.,-]\\d)", PhiType.ID, SHAPE).digits(9),
            new Rule("code", "(?<![\\w-])(?=[A-Z0-9-]*[A-Z])(?:[A-Z0-9]+-)*[A-Z0-9]*\\d[A-Z0-9]*(?:-[A-Z0-9]+)*(?![\\w-])",
                    null, PhiType.ID, WEAK, s -> digitCount(s) >= 4 && s.length() >= 6 && !measurement(s) && !wordsAndNumbers(s))
                    .at(Anchors.Kind.CODE, "").digits(4),
            new Rule("street", "\\b\\d{1,6}[A-Za-z]?(?:-\\d{1,4})?\\s+(?:[NSEW]\\.?\\s+)?(?:[\\p{Lu}\\d][\\p{L}\\d'.-]*\\s+){0,3}"
                    + "(?:" + STREET + ")\\b\\.?", null, PhiType.ADDRESS, SHAPE, PatternFinder::streetLine),
            new Rule("street-foreign-suffix", "(?:\\b\\d{1,6}\\s+)?\\b\\p{Lu}[\\p{L}-]*(?i:" + FOREIGN_STREET_SUFFIX
                    + ")(?:\\s+\\d{1,5}[A-Za-z]?)?(?![\\p{L}])", null, PhiType.ADDRESS, WEAK, PatternFinder::foreignStreet)
                    .at(Anchors.Kind.SUFFIX, "katu|tie|kuja|polku|vägen|väg|gatan|gata|gränd|gade|vej|veien|vei|straße|strasse|str|weg|laan|straat|gasse|plein|steeg|kade|dreef|singel|utca|út|tér|sokak|caddesi|ulica|allee|ring|platz|damm|ufer"),
            new Rule("street-foreign-prefix", "(?:\\b\\d{1,6},?\\s+)?(?<![\\p{L}])(?:" + FOREIGN_STREET_PREFIX + ")\\s+"
                    + "(?:(?:de|du|des|la|le|les|da|di|del|della|dos|das|do|van|von|der|den)\\s+)*\\p{Lu}[\\p{L}'.-]+"
                    + "(?:\\s+\\p{Lu}[\\p{L}'.-]+){0,3}(?:,?\\s+\\d{1,5}[A-Za-z]?\\b)?", PhiType.ADDRESS, WEAK)
                    .at(Anchors.Kind.SUFFIX, "rue|avenue|av|avda|avenida|via|viale|vicolo|corso|calle|carrer|rua|travessa|praça|piazza|plaza|paseo|ul|ulica|boulevard|bd|chemin|route|allée|impasse|quai|strada|str|aleja|al|calea|bulevardul|odos|leoforos"),
            new Rule("number-street-number", "(?<![\\w.,-])\\d{1,6}\\s+\\p{Lu}[\\p{L}\\p{M}'.-]+(?:\\s+\\p{L}[\\p{L}\\p{M}'.-]*){0,3}"
                    + "\\s+\\d{1,5}[A-Za-z]?\\.?(?![\\w])", null, PhiType.ADDRESS, WEAK, PatternFinder::streetWords).digits(2),
            new Rule("unit", "(?i)\\b(?:apt|apartment|suite|ste|unit|flat|bldg|building)\\.?\\s*#?\\s*[A-Z]?\\d{1,5}[A-Z]?\\b",
                    PhiType.ADDRESS, SHAPE)
                    .at(Anchors.Kind.KEY, "apt|apartment|suite|ste|unit|flat|bldg|building"),
            new Rule("po-box", "(?i)\\b(?:P\\.?\\s?O\\.?\\s*Box|Post\\s+Office\\s+Box|PSC|CMR|Unit)\\s+\\d{1,6}"
                    + "(?:,?\\s+Box\\s+\\d{1,6})?\\b", PhiType.ADDRESS, SHAPE)
                    .at(Anchors.Kind.KEY, "p|po|post|psc|cmr|unit"),
            new Rule("apo", "\\b(?:APO|FPO|DPO)\\s+(?:AA|AE|AP)\\s+\\d{5}\\b", PhiType.ADDRESS, SHAPE)
                    .at(Anchors.Kind.KEY, "apo|fpo|dpo"),
            new Rule("state-zip", "\\b(?:" + STATE_ABBR + ")\\.?,?\\s+(?<v>\\d{5}(?:-\\d{4})?)(?![\\w-])", "v", PhiType.ZIP,
                    SHAPE + 5, s -> true)
                    .at(Anchors.Kind.KEY, "AL|AK|AZ|AR|CA|CO|CT|DE|DC|FL|GA|HI|ID|IL|IN|IA|KS|KY|LA|ME|MD|MA|MI|MN|MS|MO|MT|NE|NV|NH|NJ|NM|NY|NC|ND|OH|OK|OR|PA|RI|SC|SD|TN|TX|UT|VT|VA|WA|WV|WI|WY|PR|GU|VI|AS|MP").digits(5),
            new Rule("zip-cue", "(?i)\\b(?:zip|postal|post)\\s*(?:code)?\\s*(?:[:#]|is)?\\s*(?<v>\\d{3,6}(?:-\\d{3,4})?|[A-Z]\\d[A-Z]\\s?\\d[A-Z]\\d"
                    + "|[A-Z]{1,2}\\d[A-Z\\d]?\\s?\\d[A-Z]{2})\\b", "v", PhiType.ZIP, CUED, s -> true)
                    .at(Anchors.Kind.KEY, "zip|postal|post").digits(3),
            new Rule("zip9", "(?<![\\w-])\\d{5}-\\d{4}(?![\\w-])", PhiType.ZIP, SHAPE).digits(9),
            new Rule("age-years", "(?i)\\b(?<v>\\d{2,3})(?:\\s*|-)(?:years?|yrs?|y/?o|yo)\\b(?:[\\s-]*old)?", "v", PhiType.AGE,
                    SHAPE, PatternFinder::over89).digits(2),
            new Rule("age-cue", "(?i)\\b(?:aged?|age:|age\\s+of|at\\s+age)\\s*:?\\s*(?<v>\\d{2,3})\\b", "v", PhiType.AGE, SHAPE,
                    PatternFinder::over89)
                    .at(Anchors.Kind.KEY, "age|aged|at").digits(2),
            new Rule("age-turn", "(?i)\\b(?:turn(?:ed|s)?|turning)\\s+(?<v>\\d{2,3})\\b", "v", PhiType.AGE, SHAPE,
                    PatternFinder::over89)
                    .at(Anchors.Kind.KEY, "turn|turned|turns|turning").digits(2));

    private PatternFinder() {
    }

    /** Adds a span for every match of every rule, and the dates. */
    public static void find(String text, List<PhiSpan> out) {
        find(text, new Anchors(text), out);
    }

    /** As {@link #find(String, List)}, with the text's anchors already found. */
    public static void find(String text, Anchors anchors, List<PhiSpan> out) {
        DateFinder.find(text, anchors, out, SHAPE + 10);
        for (Rule rule : RULES) {
            anchors.matches(rule.pattern(), rule.kind(), rule.keys(), rule.minDigits(), m -> {
                int start = rule.group() == null ? m.start() : m.start(rule.group());
                int end = rule.group() == null ? m.end() : m.end(rule.group());
                if (start < end && rule.check().test(text.substring(start, end))) {
                    out.add(new PhiSpan(start, end, rule.type(), rule.priority(), "pattern:" + rule.name()));
                }
            });
        }
    }

    static int digitCount(String s) {
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            if (Character.isDigit(s.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    /** Groups of digits read as a phone number: 8 to 13 digits in three or more groups, or two long groups. */
    private static boolean groupedPhone(String s) {
        int digits = digitCount(s);
        String[] groups = s.split("[\\s.()-]+");
        int count = 0;
        for (String g : groups) {
            if (!g.isEmpty()) {
                count++;
            }
        }
        return digits >= 8 && digits <= 13 && (count >= 3 || (count == 2 && digits >= 9 && !s.contains(".")));
    }

    /**
     * A value after an identifier cue: at least 4 letters/digits with at least 3 digits, a digit in its first
     * word, and no measurement ("ID: Tmax 100.8", "febrile 101" after an "ID:" section heading are no identifiers).
     */
    private static boolean idLike(String s) {
        String compact = s.replaceAll("[^A-Za-z0-9]", "");
        String first = s.split("[\\s]", 2)[0];
        return compact.length() >= 4 && digitCount(compact) >= 3 && digitCount(first) > 0 && !measurement(first);
    }

    /** Letters of a value are all units or clinical abbreviations ("1300CC", "700X10", "MAP57-63"). */
    private static boolean measurement(String value) {
        Matcher letters = LETTER_RUN.matcher(value);
        boolean any = false;
        while (letters.find()) {
            any = true;
            String unit = Lexicon.key(letters.group());
            if (!UNITS.contains(unit) && !(unit.length() > 1 && SafeWords.get().isAbbreviation(unit))) {
                return false;
            }
        }
        return any;
    }

    private static final Pattern LETTER_RUN = Pattern.compile("\\p{L}+");
    private static final Set<String> UNITS = Set.of("cc", "ml", "mg", "mcg", "g", "gm", "kg", "x",
            "hr", "hrs", "h", "u", "iu", "l", "cm", "mm", "min", "sec", "meq", "mmol", "br", "bpm", "nsr", "st", "sb");

    /**
     * A house number and a street on one line with a street name: "12 Oak Street", not "4 Pt" or "20-25 Vt400-500. Pt"
     * (notes abbreviate patient as "Pt" and write numbers before it).
     */
    private static boolean streetLine(String s) {
        String[] words = s.trim().split("\\s+");
        String suffix = words[words.length - 1].toLowerCase(Locale.ROOT);
        if (!AMBIGUOUS_SUFFIXES.contains(suffix.endsWith(".") ? suffix.substring(0, suffix.length() - 1) : suffix)) {
            return true;
        }
        if (words.length == 2) {
            return words[1].equals("St."); // "61 St." ends an address; "4 Pt", "110 ST" are a note's shorthand
        }
        return s.indexOf('\n') < 0 && !s.contains(". ");
    }

    /** Street suffixes that are also clinical shorthand ("Pt" patient, "Ct" count, "Dr" doctor, "St" sinus tachycardia). */
    private static final Set<String> AMBIGUOUS_SUFFIXES = Set.of("pt", "ct", "dr", "st");

    /** A run of numbers joined to English words ("2300-REMAINS", "RATE98-100", "78-80S"): a note's shorthand, no code. */
    private static boolean wordsAndNumbers(String s) {
        Matcher letters = LETTER_RUN.matcher(s);
        while (letters.find()) {
            String word = Lexicon.key(letters.group());
            if (!UNITS.contains(word) && !SafeWords.get().isSafe(word) && !(word.length() == 1)) {
                return false;
            }
        }
        return true;
    }

    /** "example.com", but not "limits.No" or "NECESSARY.PT": a country domain that is also a word needs lower case. */
    private static boolean domainLike(String s) {
        int slash = s.indexOf('/');
        String host = slash < 0 ? s : s.substring(0, slash);
        int dot = host.lastIndexOf('.');
        String tld = host.substring(dot + 1);
        if (GENERIC_TLDS.contains(tld.toLowerCase(Locale.ROOT))) {
            return true;
        }
        String label = host.substring(host.lastIndexOf('.', dot - 1) + 1, dot);
        return tld.equals(tld.toLowerCase(Locale.ROOT)) && !Lexicon.get().isCommonWord(Lexicon.key(label))
                && !Character.isDigit(label.charAt(label.length() - 1));
    }

    private static final Set<String> GENERIC_TLDS = Set.of("com", "org", "net", "edu", "gov", "info", "biz", "io");


    /** "53772 Holmatun 45": the first word after the house number is no ordinary word ("2 Tablets 500"). */
    private static boolean streetWords(String s) {
        Matcher w = FIRST_WORD.matcher(s);
        if (s.contains(". ") || s.contains("- ")) {
            return false; // "71 AVP. BP 91": two sentences, not an address
        }
        return w.find() && !Lexicon.get().isCommonWord(Lexicon.key(w.group())) && !Lexicon.get().isStopWord(Lexicon.key(w.group()))
                && !SafeWords.get().isSafe(Lexicon.key(w.group()));
    }

    /** "Mannerheimintie 5", but not "REQUIRING" or "MONITORING" (ordinary words that end like a street). */
    private static boolean foreignStreet(String s) {
        Matcher w = FIRST_WORD.matcher(s);
        while (w.find()) {
            String key = Lexicon.key(w.group());
            if (SafeWords.get().isSafe(key) || Lexicon.get().isCommonWord(key)
                    || key.length() >= 5 && SafeWords.get().isOneEditFromSafe(key)) {
                return false;
            }
        }
        return s.length() > 6;
    }

    private static final Pattern FIRST_WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'-]*");

    private static boolean over89(String age) {
        int years = Integer.parseInt(age);
        return years > 89 && years < 130;
    }
}
