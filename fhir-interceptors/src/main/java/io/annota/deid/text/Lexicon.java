package io.annota.deid.text;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Word lists for the free-text scrubber: person and place names from Datafaker's bundled English data
 * (the maintained library; its {@code en/*.yml} resources are read once, on first use), common English
 * words and clinical terms from the same data, and Annota's own stop list
 * ({@code io/annota/deid/text/stop-words.txt}) of words that are also names. All entries are held in the
 * {@link #key} form (lower case, accents stripped). Immutable and thread-safe; {@link #get()} loads lazily.
 */
public final class Lexicon {

    private static final Pattern KEY_LINE = Pattern.compile("^( +)([a-z_]+):\\s*$");
    private static final Pattern ITEM_LINE = Pattern.compile("^ +- \"(.*)\"\\s*$");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}]+");

    private final Set<String> firstNames;
    private final Set<String> lastNames;
    private final Set<String> otherFirstNames;
    private final Set<String> otherLastNames;
    private final Set<String> places;
    private final Set<String> placeWords;
    private final Set<String> streetSuffixes;
    private final Set<String> citySuffixes;
    private final Set<String> commonWords;
    private final Set<String> stopWords;
    private final Set<String> vocabulary;
    private final List<String> firstNameList;
    private final List<String> lastNameList;
    private final List<String> streetSuffixList;

    private static final class Holder {
        static final Lexicon INSTANCE = load();
    }

    private Lexicon(Map<String, List<String>> name, Map<String, List<String>> address, Map<String, List<String>> words,
            Map<String, List<String>> medical, List<String> capitals, Set<String> stop, Set<String> extraPlaces,
            Set<String> vocabulary, Set<String> otherFirst, Set<String> otherLast, SafeWords safe) {
        firstNameList = List.copyOf(concat(name.get("female_first_name"), name.get("male_first_name")));
        lastNameList = List.copyOf(name.getOrDefault("last_name", List.of()));
        streetSuffixList = List.copyOf(address.getOrDefault("street_suffix", List.of()));
        firstNames = keys(firstNameList);
        lastNames = keys(lastNameList);
        otherFirstNames = Collections.unmodifiableSet(otherFirst);
        otherLastNames = Collections.unmodifiableSet(otherLast);
        Set<String> p = new HashSet<>();
        for (String key : List.of("country", "state")) {
            for (String place : address.getOrDefault(key, List.of())) {
                p.add(key(place.replaceAll("\\s*\\(.*\\)", "")));
            }
        }
        for (String c : capitals) {
            p.add(key(c));
        }
        p.addAll(extraPlaces);
        p.removeIf(String::isBlank);
        places = Collections.unmodifiableSet(p);
        Set<String> pw = new HashSet<>();
        for (String place : places) {
            for (String w : place.split(" ")) {
                pw.add(w);
            }
        }
        placeWords = Collections.unmodifiableSet(pw);
        streetSuffixes = keys(streetSuffixList);
        citySuffixes = keys(address.getOrDefault("city_suffix", List.of()));
        Set<String> common = new HashSet<>();
        for (List<String> list : words.values()) {
            addWords(list, common);
        }
        for (String key : List.of("medicine_name", "disease_name", "symptoms", "medical_professions")) {
            addWords(medical.getOrDefault(key, List.of()), common);
        }
        for (String w : vocabulary) {
            if (!firstNames.contains(w) && !lastNames.contains(w)) {
                common.add(w);
            }
        }
        // the clinical safe list: dictionary words unless a name of any list (eponyms: "Pearson syndrome"), and
        // abbreviations; English words stay out (a capitalised rare word in prose is as often a surname: "Bowman")
        for (String w : safe.dictionaryTerms()) {
            if (!firstNames.contains(w) && !lastNames.contains(w) && !otherFirst.contains(w) && !otherLast.contains(w)
                    && !safe.isProperNounListed(w)) {
                common.add(w);
            }
        }
        common.addAll(safe.abbreviations());
        commonWords = Collections.unmodifiableSet(common);
        stopWords = Collections.unmodifiableSet(stop);
        this.vocabulary = Collections.unmodifiableSet(vocabulary);
    }

    /** The shared instance, loaded on first use. */
    public static Lexicon get() {
        return Holder.INSTANCE;
    }

    /** Lower case without accents: the form every look-up uses. */
    public static String key(String word) {
        boolean plain = true;
        for (int i = 0; i < word.length() && plain; i++) {
            char c = word.charAt(i);
            plain = c < 128 && c != ' ';
        }
        if (plain) {
            return word.toLowerCase(Locale.ROOT);
        }
        String w = MARKS.matcher(Normalizer.normalize(word, Normalizer.Form.NFD)).replaceAll("");
        return w.toLowerCase(Locale.ROOT).replace('\u2019', '\'').trim();
    }

    public boolean isFirstName(String key) {
        return firstNames.contains(key);
    }

    public boolean isLastName(String key) {
        return lastNames.contains(key);
    }

    public boolean isPersonName(String key) {
        return firstNames.contains(key) || lastNames.contains(key);
    }

    /**
     * A first name from one of Datafaker's other locales (Finnish, Hungarian, Polish, Dutch, Russian, Indian...)
     * that is not in the English lists.
     */
    public boolean isOtherFirstName(String key) {
        return otherFirstNames.contains(key) && !firstNames.contains(key) && !lastNames.contains(key);
    }

    /** A name word of some other locale that is not in the English lists: a weaker signal than an English name. */
    public boolean isOtherName(String key) {
        return (otherFirstNames.contains(key) || otherLastNames.contains(key)) && !firstNames.contains(key)
                && !lastNames.contains(key);
    }

    /** In any of the name lists, English or other locales. */
    public boolean isAnyName(String key) {
        return isPersonName(key) || otherFirstNames.contains(key) || otherLastNames.contains(key);
    }

    /** A country, US state or capital city (a whole phrase in key form, words separated by one space). */
    public boolean isPlace(String keyPhrase) {
        return places.contains(keyPhrase);
    }

    /** A word that occurs in some known place name (to extend a place phrase to its full length). */
    public boolean isPlaceWord(String key) {
        return placeWords.contains(key);
    }

    public boolean isStreetSuffix(String key) {
        return streetSuffixes.contains(key);
    }

    /** Whether the word ends like a town name (-ville, -ton, -burgh...) and has a stem of 3+ letters. */
    public boolean hasCitySuffix(String key) {
        for (String suffix : citySuffixes) {
            if (key.length() >= suffix.length() + 3 && key.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An ordinary English word or a clinical term (drug, disease, symptom, profession), also as a plural or an
     * -ed, -ing or -ly form.
     */
    public boolean isCommonWord(String key) {
        if (commonWords.contains(key)) {
            return true;
        }
        int n = key.length();
        if (n < 5) {
            return false;
        }
        if (key.endsWith("ies") && commonWords.contains(key.substring(0, n - 3) + "y")) {
            return true;
        }
        if (key.endsWith("s") && (commonWords.contains(key.substring(0, n - 1))
                || key.endsWith("es") && commonWords.contains(key.substring(0, n - 2)))) {
            return true;
        }
        if (key.endsWith("ed") && (commonWords.contains(key.substring(0, n - 2)) || commonWords.contains(key.substring(0, n - 1)))) {
            return true;
        }
        if (key.endsWith("ing") && (commonWords.contains(key.substring(0, n - 3)) || commonWords.contains(key.substring(0, n - 3) + "e"))) {
            return true;
        }
        return key.endsWith("ly") && commonWords.contains(key.substring(0, n - 2));
    }

    /**
     * Written in lower case somewhere in Datafaker's English text (its quotes, titles, descriptions...), names
     * included ("block", "song"): a word of running text as well.
     */
    public boolean isLowerCaseWord(String key) {
        return vocabulary.contains(key);
    }

    /** A word that is also a name but too common to be taken for one without a context cue. */
    public boolean isStopWord(String key) {
        return stopWords.contains(key);
    }

    public List<String> firstNameList() {
        return firstNameList;
    }

    public List<String> lastNameList() {
        return lastNameList;
    }

    public List<String> streetSuffixList() {
        return streetSuffixList;
    }

    private static Lexicon load() {
        Map<String, List<String>> name = yaml("/en/name.yml");
        Map<String, List<String>> address = yaml("/en/address.yml");
        Map<String, List<String>> words = yaml("/en/words.yml");
        Map<String, List<String>> medical = yaml("/en/medical.yml");
        List<String> capitals = new ArrayList<>(yaml("/en/nation.yml").getOrDefault("capital_city", List.of()));
        capitals.addAll(yaml("/en/country.yml").getOrDefault("capital", List.of()));
        Set<String> stop = new HashSet<>();
        Set<String> extraPlaces = new HashSet<>();
        for (String line : lines("/io/annota/deid/text/stop-words.txt")) {
            stop.add(key(line));
        }
        for (String line : lines("/io/annota/deid/text/places.txt")) {
            extraPlaces.add(key(line));
        }
        Set<String> otherFirst = new HashSet<>();
        Set<String> otherLast = new HashSet<>();
        for (String resource : localeResources()) {
            localeNames(rawLines(resource), otherFirst, otherLast);
        }
        return new Lexicon(name, address, words, medical, capitals, stop, extraPlaces, lowerCaseVocabulary(),
                otherFirst, otherLast, SafeWords.get());
    }

    /**
     * Every word of three or more letters that Datafaker's English data writes in lower case somewhere (in its
     * quotes, titles, descriptions, product and food names...): words in running text, not proper names.
     */
    private static Set<String> lowerCaseVocabulary() {
        Set<String> out = new HashSet<>();
        for (String resource : englishResources()) {
            for (String line : rawLines(resource)) {
                String l = line.strip();
                if (l.startsWith("- \"") && l.endsWith("\"") && l.length() > 3) {
                    addLowerCaseWords(l.substring(3, l.length() - 1), out);
                }
            }
        }
        return out;
    }

    /**
     * The lower-case words of 3+ letters in running text: not part of an e-mail address, a path, an identifier or a
     * mixed-case word (a hand-written scan: this runs over some 100,000 lines at start-up).
     */
    static void addLowerCaseWords(String text, Set<String> out) {
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (c < 'a' || c > 'z') {
                i++;
                continue;
            }
            int start = i;
            while (i < n && text.charAt(i) >= 'a' && text.charAt(i) <= 'z') {
                i++;
            }
            char before = start > 0 ? text.charAt(start - 1) : ' ';
            char after = i < n ? text.charAt(i) : ' ';
            boolean free = !Character.isLetter(before) && "'@./_-".indexOf(before) < 0
                    && !Character.isLetter(after) && after != '@' && after != '_';
            if (free && i - start >= 3) {
                out.add(text.substring(start, i));
            }
            while (i < n && Character.isLetter(text.charAt(i))) {
                i++; // the rest of a mixed-case word
            }
        }
    }

    /**
     * The first and last names of one of Datafaker's locale files ({@code pl.yml}, {@code fi-FI.yml}...): the
     * lists under its {@code name:} section whose key ends in {@code first_name} or {@code last_name}
     * ({@code male_last_name}, {@code woman_last_name}...), written inline ({@code [A, B]}) or one per line.
     * Words of two letters or fewer and template entries are left out; each word of a multi-word entry is kept.
     */
    static void localeNames(List<String> lines, Set<String> first, Set<String> last) {
        boolean inName = false;
        Set<String> target = null;
        StringBuilder inline = null;
        for (String line : lines) {
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            String l = line.substring(indent).stripTrailing();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            if (inline != null) {
                inline.append(' ').append(l);
                if (l.endsWith("]")) {
                    addNameItems(inline.toString(), target);
                    inline = null;
                }
                continue;
            }
            if (indent <= 4) {
                inName = indent == 4 && l.equals("name:");
                target = null;
                continue;
            }
            if (!inName) {
                continue;
            }
            if (indent == 6) {
                target = null;
                int colon = l.indexOf(':');
                if (colon <= 0) {
                    continue;
                }
                String k = l.substring(0, colon);
                if (k.contains("middle")) {
                    continue;
                }
                if (k.endsWith("first_name")) {
                    target = first;
                } else if (k.endsWith("last_name")) {
                    target = last;
                } else {
                    continue;
                }
                String rest = l.substring(colon + 1).strip();
                if (rest.startsWith("[")) {
                    if (rest.endsWith("]")) {
                        addNameItems(rest, target);
                    } else {
                        inline = new StringBuilder(rest);
                    }
                }
            } else if (target != null && l.startsWith("- ")) {
                addNameItems(l.substring(2), target);
            }
        }
    }

    private static void addNameItems(String items, Set<String> out) {
        String body = items.strip();
        if (body.startsWith("[")) {
            body = body.substring(1, body.endsWith("]") ? body.length() - 1 : body.length());
        }
        for (String item : body.split(",")) {
            String v = item.strip();
            if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
                v = v.substring(1, v.length() - 1);
            }
            if (v.contains("#") || v.contains("{")) {
                continue;
            }
            for (String w : v.split("[\\s.]+")) {
                if (w.length() >= 3 && Character.isUpperCase(w.charAt(0))) {
                    out.add(key(w));
                }
            }
        }
    }

    /** The locale files ({@code pl.yml}, {@code fi-FI.yml}...) next to Datafaker's {@code en/} directory. */
    private static List<String> localeResources() {
        return datafakerResources("");
    }

    /** The {@code /en/*.yml} resources of Datafaker. */
    private static List<String> englishResources() {
        return datafakerResources("en/");
    }

    /**
     * The {@code .yml} resources directly in {@code directory} ("" or "en/") of the Datafaker jar (or class
     * directory) that holds {@code /en/name.yml}, as class-path resource names.
     */
    private static List<String> datafakerResources(String directory) {
        URL anchor = Lexicon.class.getResource("/en/name.yml");
        if (anchor == null) {
            throw new IllegalStateException("missing class-path resource /en/name.yml (net.datafaker:datafaker)");
        }
        List<String> out = new ArrayList<>();
        try {
            if (anchor.getProtocol().equals("jar")) {
                JarURLConnection connection = (JarURLConnection) anchor.openConnection();
                connection.setUseCaches(false);
                try (JarFile jar = connection.getJarFile()) {
                    jar.stream().map(JarEntry::getName)
                            .filter(n -> n.startsWith(directory) && n.endsWith(".yml")
                                    && n.indexOf('/', directory.length()) < 0)
                            .sorted().forEach(n -> out.add("/" + n));
                }
            } else {
                java.nio.file.Path en = java.nio.file.Path.of(anchor.toURI()).getParent();
                java.nio.file.Path root = directory.isEmpty() ? en.getParent() : en;
                try (var files = java.nio.file.Files.list(root)) {
                    files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".yml")).sorted()
                            .forEach(n -> out.add("/" + directory + n));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** The string lists of a Datafaker YAML file, by their key (nesting flattened; the last list of a key wins). */
    static Map<String, List<String>> yaml(String resource) {
        Map<String, List<String>> lists = new LinkedHashMap<>();
        String current = null;
        for (String line : rawLines(resource)) {
            Matcher key = KEY_LINE.matcher(line);
            if (key.matches()) {
                current = key.group(2);
                lists.put(current, new ArrayList<>());
                continue;
            }
            Matcher item = ITEM_LINE.matcher(line);
            if (item.matches() && current != null) {
                String value = item.group(1);
                if (!value.contains("#{") && !value.contains("#")) {
                    lists.get(current).add(value);
                }
            }
        }
        return lists;
    }

    /** Non-empty lines of a resource without comments (#). */
    static List<String> lines(String resource) {
        List<String> out = new ArrayList<>();
        for (String line : rawLines(resource)) {
            String l = line.strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                out.add(l);
            }
        }
        return out;
    }

    private static List<String> rawLines(String resource) {
        try (InputStream in = Lexicon.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + resource
                        + " (the scrubber's dictionaries come from net.datafaker:datafaker and fhir-interceptors)");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Set<String> keys(List<String> values) {
        Set<String> out = new HashSet<>();
        for (String v : values) {
            out.add(key(v));
        }
        return Collections.unmodifiableSet(out);
    }

    private static void addWords(List<String> phrases, Set<String> out) {
        for (String phrase : phrases) {
            Matcher m = WORD.matcher(key(phrase));
            while (m.find()) {
                if (m.group().length() >= 3) {
                    out.add(m.group());
                }
            }
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a == null ? List.of() : a);
        if (b != null) {
            out.addAll(b);
        }
        return out;
    }
}
