package io.annota.deid.text;

import io.annota.deid.Pseudonymizer;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Realistic replacements, the same for the same original under the same key: each is chosen by a keyed hash
 * ({@link Pseudonymizer}, domain {@code surrogate:<type>}) of the normalised original. Names become Datafaker
 * names word by word (so "Smith" is replaced alike in "John Smith" and "Mr. Smith"), phone numbers keep their
 * layout with a 555 exchange, SSNs get a 9xx area (never issued), identifiers and ZIP codes keep their layout
 * with keyed digits and letters, e-mail and web addresses move to example.org, IP addresses to the
 * documentation ranges (192.0.2.0/24, 2001:db8::/32). Dates are not surrogated here (see {@link DateFinder#shift});
 * ages over 89 keep their tag. Thread-safe.
 */
public final class Surrogates {

    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{M}'\u2019-]*\\p{N}*|\\p{N}+");
    private static final String[] TOWN_SUFFIXES = {"ville", "ton", "field", "burg", "port", "wood", "dale", "ford"};
    private static final String HEX_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ";

    private final Pseudonymizer pseudonymizer;
    private final Lexicon lexicon;

    public Surrogates(Pseudonymizer pseudonymizer, Lexicon lexicon) {
        this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
        this.lexicon = Objects.requireNonNull(lexicon, "lexicon");
    }

    /** The replacement of {@code original}, found as {@code type}. */
    public String surrogate(PhiType type, String original) {
        return switch (type) {
            case NAME -> words(original, true);
            case LOCATION -> town(original);
            case ADDRESS -> words(original, false);
            case PHONE -> phone(original);
            case SSN -> ssn(original);
            case ID, ZIP -> layout(type, original);
            case EMAIL -> "user." + hash(type, original).substring(0, 8) + "@example.org";
            case URL -> original.matches("(?i)^(?:https?|ftp)://.*|^www\\..*")
                    ? "https://example.org/" + hash(type, original).substring(0, 8)
                    : "example-" + hash(type, original).substring(0, 6) + ".org";
            case IP -> original.contains(":") ? "2001:db8::" + hash(type, original).substring(0, 4)
                    : "192.0.2." + (1 + Integer.parseInt(hash(type, original).substring(0, 4), 16) % 254);
            case DATE, AGE -> type.tag();
        };
    }

    /** Word by word: names from the name lists, street words kept, numbers replaced digit by digit. */
    private String words(String original, boolean person) {
        StringBuilder out = new StringBuilder();
        Matcher m = WORD.matcher(original);
        int pos = 0;
        while (m.find()) {
            out.append(original, pos, m.start());
            String w = m.group();
            String possessive = "";
            if (w.length() > 3 && (w.endsWith("'s") || w.endsWith("\u2019s"))) {
                possessive = w.substring(w.length() - 2);
                w = w.substring(0, w.length() - 2);
            }
            String key = Lexicon.key(w.replaceAll("\\p{N}+$", ""));
            if (Character.isDigit(w.charAt(0))) {
                out.append(layout(PhiType.ADDRESS, w));
            } else if (!person && (lexicon.isStreetSuffix(key) || key.matches("apt|suite|ste|unit|po|box|n|s|e|w"))) {
                out.append(w);
            } else if (w.length() == 1) {
                out.append(HEX_LETTERS.charAt(index(PhiType.NAME, key, HEX_LETTERS.length())));
            } else {
                List<String> list = person && lexicon.isFirstName(key) ? lexicon.firstNameList() : lexicon.lastNameList();
                String pick = list.get(index(PhiType.NAME, key, list.size()));
                out.append(DateFinder.sameCase(pick, w));
            }
            out.append(possessive);
            pos = m.end();
        }
        out.append(original.substring(pos));
        return out.toString();
    }

    private String town(String original) {
        String key = Lexicon.key(original);
        List<String> names = lexicon.lastNameList();
        String town = names.get(index(PhiType.LOCATION, key, names.size()))
                + TOWN_SUFFIXES[index(PhiType.LOCATION, key + "|suffix", TOWN_SUFFIXES.length)];
        return DateFinder.sameCase(town, original);
    }

    private String phone(String original) {
        String replaced = layout(PhiType.PHONE, original);
        char[] c = replaced.toCharArray();
        int digits = PatternFinder.digitCount(replaced);
        // the exchange: the three digits before the last four
        int fromEnd = 0;
        for (int i = c.length - 1; i >= 0; i--) {
            if (Character.isDigit(c[i])) {
                fromEnd++;
                if (digits >= 7 && fromEnd >= 5 && fromEnd <= 7) {
                    c[i] = '5';
                }
            }
        }
        return new String(c);
    }

    private String ssn(String original) {
        String replaced = layout(PhiType.SSN, original);
        int first = 0;
        while (first < replaced.length() && !Character.isDigit(replaced.charAt(first))) {
            first++;
        }
        return first < replaced.length() ? replaced.substring(0, first) + '9' + replaced.substring(first + 1) : replaced;
    }

    /** Digits replaced by keyed digits, letters by keyed letters, separators kept. */
    private String layout(PhiType type, String original) {
        String h = hash(type, Lexicon.key(original).replaceAll("[^\\p{L}\\p{N}]", ""));
        StringBuilder out = new StringBuilder(original.length());
        int k = 0;
        for (int i = 0; i < original.length(); i++) {
            char c = original.charAt(i);
            if (k >= h.length() - 2) {
                h = h + hash(type, h);
            }
            int v = Character.digit(h.charAt(k++), 16);
            if (Character.isDigit(c)) {
                out.append((char) ('0' + v % 10));
            } else if (Character.isLetter(c)) {
                char l = HEX_LETTERS.charAt((v * 16 + Character.digit(h.charAt(k++), 16)) % HEX_LETTERS.length());
                out.append(Character.isLowerCase(c) ? Character.toLowerCase(l) : l);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private int index(PhiType type, String key, int size) {
        return (int) (Long.parseLong(hash(type, key).substring(0, 12), 16) % size);
    }

    private String hash(PhiType type, String value) {
        return pseudonymizer.pseudonym("surrogate:" + type.name().toLowerCase(Locale.ROOT), value);
    }
}
