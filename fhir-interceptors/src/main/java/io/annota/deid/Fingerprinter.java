package io.annota.deid;

import ca.uhn.fhir.model.api.TemporalPrecisionEnum;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.BaseDateTimeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.StringType;

/**
 * Keyed fingerprints of identifying values: {@code pseudonymizer.pseudonym("fingerprint", kind + normalised)}.
 * A fingerprint reveals nothing without the key, yet lets {@link TextScrubber} recognise the same value in
 * free text (after the same normalisation). The kind prefix tells the scrubber which placeholder to use.
 */
public final class Fingerprinter {

    /** The pseudonymisation domain of all fingerprints. */
    public static final String DOMAIN = "fingerprint";
    /** Identifier values shorter than this (compact form) are not fingerprinted: too many false hits. */
    static final int MIN_ID_LENGTH = 4;
    /** Phone numbers need at least this many digits. */
    static final int MIN_PHONE_DIGITS = 7;
    private static final String START_PREFIX = "start:";
    /** Name fingerprints of initials written with full stops ("J.S.", "J. R. S.") carry this prefix. */
    static final String INITIALS_PREFIX = "initials:";

    /** What a fingerprint stands for, and the placeholder that replaces a match in text. */
    public enum Kind {
        NAME("name:", "[NAME]"),
        ADDRESS("address:", "[ADDRESS]"),
        PHONE("phone:", "[PHONE]"),
        ID("id:", "[ID]"),
        DATE("date:", "[DATE]");

        private final String prefix;
        private final String placeholder;

        Kind(String prefix, String placeholder) {
            this.prefix = prefix;
            this.placeholder = placeholder;
        }

        public String placeholder() {
            return placeholder;
        }
    }

    private final Pseudonymizer pseudonymizer;

    public Fingerprinter(Pseudonymizer pseudonymizer) {
        this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    }

    Pseudonymizer pseudonymizer() {
        return pseudonymizer;
    }

    /** The fingerprint of an already normalised form (see {@link TextForms}). */
    public String fingerprint(Kind kind, String normalisedForm) {
        return pseudonymizer.pseudonym(DOMAIN, kind.prefix + normalisedForm);
    }

    /**
     * The fingerprint saying "some name or address phrase starts with this word": lets the scrubber skip
     * the phrase look-ups at every other word (one hash per word instead of one per phrase length).
     */
    String startFingerprint(String firstWord) {
        return pseudonymizer.pseudonym(DOMAIN, START_PREFIX + firstWord);
    }

    /** Present in every set that carries start fingerprints. */
    String startIndexMarker() {
        return startFingerprint("");
    }

    private void addStart(String firstWord, Set<String> out) {
        out.add(startFingerprint(firstWord));
        out.add(startIndexMarker());
    }

    /**
     * Each given/family/text word of at least two letters, and the full-name phrases: given family, family given
     * ("Family, Given" in text), first given with family, the first initial with family ("J. Smith", "Smith J"),
     * and the initials with full stops ("J.S.", "J.R.S.").
     */
    public void addName(HumanName name, Set<String> out) {
        List<String> given = new ArrayList<>();
        for (StringType g : name.getGiven()) {
            given.addAll(TextForms.words(g.getValue()));
        }
        List<String> family = TextForms.words(name.getFamily());
        List<String> text = TextForms.words(name.getText());
        for (List<String> part : List.of(given, family, text)) {
            for (String w : part) {
                addNameWord(w, out);
            }
        }
        addNamePhrase(given, out);
        addNamePhrase(family, out);
        addNamePhrase(concat(given, family), out);
        addNamePhrase(concat(family, given), out);
        if (given.size() > 1) {
            addNamePhrase(concat(given.subList(0, 1), family), out);
            addNamePhrase(concat(family, given.subList(0, 1)), out);
        }
        addNamePhrase(text, out);
        if (!given.isEmpty() && !family.isEmpty() && TextForms.letterCount(family.get(0)) >= 2) {
            String initial = given.get(0).substring(0, 1);
            if (Character.isLetter(initial.charAt(0))) {
                addNamePhrase(concat(List.of(initial), family), out);
                addNamePhrase(concat(family, List.of(initial)), out);
                StringBuilder initials = new StringBuilder();
                for (String g : given.subList(0, Math.min(2, given.size()))) {
                    initials.append(g.charAt(0));
                }
                initials.append(family.get(0).charAt(0));
                out.add(fingerprint(Kind.NAME, INITIALS_PREFIX + initials));
                if (given.size() > 1) {
                    out.add(fingerprint(Kind.NAME, INITIALS_PREFIX + given.get(0).charAt(0) + family.get(0).charAt(0)));
                }
            }
        }
    }

    private void addNameWord(String w, Set<String> out) {
        if (TextForms.letterCount(w) < 2) {
            return;
        }
        out.add(fingerprint(Kind.NAME, w));
        addStart(w, out);
        if (w.indexOf('\'') >= 0) {
            String joined = w.replace("'", "");
            out.add(fingerprint(Kind.NAME, joined));
            addStart(joined, out);
            for (String part : w.split("'")) {
                if (TextForms.letterCount(part) >= 2) {
                    out.add(fingerprint(Kind.NAME, part));
                    addStart(part, out);
                }
            }
        }
    }

    private void addNamePhrase(List<String> words, Set<String> out) {
        if (words.size() >= 2) {
            out.add(fingerprint(Kind.NAME, TextForms.phrase(words)));
            addStart(words.get(0), out);
        }
    }

    /** The identifier value in compact form (letters and digits only), if long enough. */
    public void addIdentifier(Identifier identifier, Set<String> out) {
        if (identifier.getValue() == null) {
            return;
        }
        String compact = TextForms.compact(identifier.getValue());
        if (compact.length() >= MIN_ID_LENGTH) {
            out.add(fingerprint(Kind.ID, compact));
        }
    }

    /** Phone-like contact points: all digits, and the last 10 and last 7 digits. */
    public void addContactPoint(ContactPoint contactPoint, Set<String> out) {
        if (contactPoint.getValue() == null) {
            return;
        }
        ContactPoint.ContactPointSystem system = contactPoint.getSystem();
        if (system == ContactPoint.ContactPointSystem.EMAIL || system == ContactPoint.ContactPointSystem.URL) {
            return; // e-mail addresses and URLs are recognised by pattern, wherever they occur
        }
        String digits = TextForms.digits(contactPoint.getValue());
        if (digits.length() < MIN_PHONE_DIGITS) {
            return;
        }
        out.add(fingerprint(Kind.PHONE, digits));
        if (digits.length() > 10) {
            out.add(fingerprint(Kind.PHONE, digits.substring(digits.length() - 10)));
        }
        if (digits.length() > 7) {
            out.add(fingerprint(Kind.PHONE, digits.substring(digits.length() - 7)));
        }
    }

    /**
     * Address lines and text as phrases (and their runs of two or more words), city, district and postal code.
     */
    public void addAddress(Address address, Set<String> out) {
        List<String> phrases = new ArrayList<>();
        for (StringType line : address.getLine()) {
            phrases.add(line.getValue());
        }
        phrases.add(address.getText());
        for (String phrase : phrases) {
            List<String> words = TextForms.words(phrase);
            for (int from = 0; from < words.size(); from++) {
                for (int to = from + 2; to <= words.size(); to++) {
                    addAddressPhrase(words.subList(from, to), out);
                }
            }
            if (words.size() == 1 && TextForms.letterCount(words.get(0)) >= 3) {
                addAddressPhrase(words, out);
            }
        }
        for (String place : new String[] {address.getCity(), address.getDistrict()}) {
            List<String> words = TextForms.words(place);
            if (!words.isEmpty()) {
                addAddressPhrase(words, out);
            }
        }
        if (address.getPostalCode() != null) {
            List<String> words = TextForms.words(address.getPostalCode());
            if (!words.isEmpty()) {
                addAddressPhrase(words, out);
                addAddressPhrase(List.of(TextForms.compact(words)), out);
            }
            String digits = TextForms.digits(address.getPostalCode());
            if (digits.length() == 9) {
                addAddressPhrase(List.of(digits.substring(0, 5)), out);
            }
        }
    }

    private void addAddressPhrase(List<String> words, Set<String> out) {
        String phrase = TextForms.addressPhrase(words);
        out.add(fingerprint(Kind.ADDRESS, phrase));
        addStart(TextForms.addressPhrase(words.subList(0, 1)), out);
    }

    /** A date of at least day precision, in ISO form (yyyy-mm-dd). */
    public void addDate(BaseDateTimeType date, Set<String> out) {
        if (date == null || date.getValue() == null || date.getPrecision().ordinal() < TemporalPrecisionEnum.DAY.ordinal()) {
            return;
        }
        String asWritten = date.getValueAsString();
        if (asWritten != null && asWritten.length() >= 10) {
            out.add(fingerprint(Kind.DATE, asWritten.substring(0, 10)));
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
