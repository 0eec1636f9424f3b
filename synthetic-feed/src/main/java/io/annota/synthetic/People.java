package io.annota.synthetic;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import net.datafaker.Faker;

/**
 * Makes synthetic people (patients, relatives, clinicians) from Datafaker. All draws come from one seeded
 * {@link Random}; the Fakers use fixed locales (en-US for everything, es and de only for accented names).
 */
final class People {

    /** A person's name; {@code middle} may be null. */
    record PersonName(String given, String middle, String family) {
        String full() {
            return given + " " + family;
        }
    }

    /** A ten-digit North American phone number. */
    record Phone(String area, String exchange, String line) {
        /** (919) 531-0876 */
        String paren() {
            return "(" + area + ") " + exchange + "-" + line;
        }

        /** (919)531-0876, the classic HL7 XTN-1 format */
        String hl7() {
            return "(" + area + ")" + exchange + "-" + line;
        }

        String dashed() {
            return area + "-" + exchange + "-" + line;
        }

        String dotted() {
            return area + "." + exchange + "." + line;
        }

        /** 5310876 (XTN-7) */
        String local() {
            return exchange + line;
        }

        /** +19195310876 */
        String e164() {
            return "+1" + area + exchange + line;
        }
    }

    /** A US postal address; {@code secondary} (apartment, suite) may be null. */
    record PostalAddress(String street, String secondary, String city, String state, String zip) {
    }

    /** A clinician; {@code degree} MD, DO, NP or PA. */
    record Clinician(PersonName name, String degree, String npi) {
        boolean doctor() {
            return degree.equals("MD") || degree.equals("DO");
        }
    }

    /** How a relative relates to the patient. */
    record Relation(String word, String hl7Code, String hl7Text, char sex) {
    }

    /** A relative (next of kin). */
    record Relative(PersonName name, Relation relation, Phone phone, PostalAddress address) {
    }

    /** A family history item: which relative had which disorder, and at what age (0: not stated). */
    record FamilyHistory(Relation relation, String disorder, int age, boolean negative) {
    }

    /** The clinical story of a patient, consistent across notes, HL7 results and FHIR resources. */
    record ClinicalProfile(List<ClinicalTerms.Problem> problems, ClinicalTerms.Acute acute, List<String> negatives,
            List<String> pastProcedures, List<FamilyHistory> family) {
    }

    /** A synthetic patient with all identifiers. */
    record Patient(PersonName name, char sex, LocalDate birthDate, PostalAddress address, Phone home, Phone mobile,
            Phone work, String email, String ssn, String mrn, String enterpriseId, String mothersMaidenName,
            Relative relative, Clinician pcp, String portalUrl, boolean accented, ClinicalProfile clinical) {

        boolean female() {
            return sex == 'F';
        }

        String he() {
            return female() ? "she" : "he";
        }

        String his() {
            return female() ? "her" : "his";
        }

        String honorific() {
            return female() ? "Ms." : "Mr.";
        }

        /** HL7 table 0002: married when the next of kin is the spouse. */
        String maritalStatus() {
            return relative.relation().hl7Code().equals("SPO") ? "M" : "S";
        }

        int age(LocalDate on) {
            return java.time.Period.between(birthDate, on).getYears();
        }
    }

    static final Relation MOTHER = new Relation("mother", "MTH", "Mother", 'F');
    static final Relation FATHER = new Relation("father", "FTH", "Father", 'M');
    static final Relation WIFE = new Relation("wife", "SPO", "Spouse", 'F');
    static final Relation HUSBAND = new Relation("husband", "SPO", "Spouse", 'M');
    static final Relation DAUGHTER = new Relation("daughter", "CHD", "Child", 'F');
    static final Relation SON = new Relation("son", "CHD", "Child", 'M');
    static final Relation SISTER = new Relation("sister", "SIS", "Sister", 'F');
    static final Relation BROTHER = new Relation("brother", "BRO", "Brother", 'M');
    static final Relation GRANDMOTHER = new Relation("maternal grandmother", "GRP", "Grandparent", 'F');
    static final List<Relation> FAMILY_HISTORY_RELATIONS = List.of(MOTHER, FATHER, SISTER, BROTHER, GRANDMOTHER);

    private static final String[] DEGREES = {"MD", "MD", "MD", "DO", "NP", "PA"};

    private final Random random;
    private final Faker faker;
    private final Faker spanish;
    private final Faker german;
    private final char idPrefix;
    private final Set<String> issued = new HashSet<>();
    private final List<Clinician> staff = new ArrayList<>();

    /**
     * @param idPrefix first digit of every identifier made here, so that streams of one generator never collide
     */
    People(Random random, char idPrefix) {
        this.random = random;
        this.faker = new Faker(Locale.US, random);
        this.spanish = new Faker(Locale.forLanguageTag("es"), random);
        this.german = new Faker(Locale.GERMAN, random);
        this.idPrefix = idPrefix;
    }

    Faker faker() {
        return faker;
    }

    Random random() {
        return random;
    }

    /** A new patient as of {@code today}; {@code accented}: name from a Spanish or German locale (ISO-8859-1). */
    Patient patient(LocalDate today, boolean accented) {
        char sex = random.nextBoolean() ? 'F' : 'M';
        PersonName name = accented ? accentedName(sex) : usName(sex, Numbers.chance(random, 0.4));
        int age = age();
        LocalDate birth = today.minusYears(age).minusDays(1 + random.nextInt(364));
        PostalAddress address = address();
        Phone home = phone();
        Phone mobile = phone();
        Phone work = Numbers.chance(random, 0.4) ? phone() : null;
        String email = faker.internet().emailAddress(emailLocalPart(name));
        String ssn = ssn();
        String mrn = identifier(8);
        String enterprise = "E" + identifier(9);
        String maiden = Numbers.chance(random, 0.3) ? faker.name().lastName() : null;
        Relative relative = relative(name, age, address);
        Clinician pcp = clinician();
        String portal = "https://portal." + faker.internet().domainName() + "/chart/" + identifier(7);
        return new Patient(name, sex, birth, address, home, mobile, work, email, ssn, mrn, enterprise, maiden, relative,
                pcp, portal, accented, clinical(sex, age));
    }

    /** One of a pool of clinicians (new ones are added while the pool is small), so names recur in a feed. */
    Clinician clinician() {
        if (staff.size() < 12 || Numbers.chance(random, 0.05)) {
            PersonName name = new PersonName(faker.name().firstName(), null, faker.name().lastName());
            Clinician clinician = new Clinician(name, DEGREES[random.nextInt(DEGREES.length)], npi());
            staff.add(clinician);
            return clinician;
        }
        return staff.get(random.nextInt(staff.size()));
    }

    /** A physician (MD or DO) from the pool. */
    Clinician doctor() {
        for (int i = 0; i < 50; i++) {
            Clinician clinician = clinician();
            if (clinician.doctor()) {
                return clinician;
            }
        }
        PersonName name = new PersonName(faker.name().firstName(), null, faker.name().lastName());
        Clinician clinician = new Clinician(name, "MD", npi());
        staff.add(clinician);
        return clinician;
    }

    /** A nurse (not in the pool). */
    PersonName nurse() {
        return new PersonName(faker.name().firstName(), null, faker.name().lastName());
    }

    /** A unique identifier of {@code digits} digits starting with this stream's prefix. */
    String identifier(int digits) {
        while (true) {
            String id = idPrefix + Numbers.digits(random, digits - 1);
            if (issued.add(id)) {
                return id;
            }
        }
    }

    Phone phone() {
        while (true) {
            String digits = faker.phoneNumber().cellPhone().replaceAll("[^0-9]", "");
            if (digits.length() == 11 && digits.charAt(0) == '1') {
                digits = digits.substring(1);
            }
            if (digits.length() == 10 && digits.charAt(0) >= '2' && digits.charAt(3) >= '2') {
                return new Phone(digits.substring(0, 3), digits.substring(3, 6), digits.substring(6));
            }
        }
    }

    PostalAddress address() {
        String street = faker.address().streetAddress();
        String secondary = Numbers.chance(random, 0.3) ? faker.address().secondaryAddress() : null;
        String city = faker.address().city();
        String state = faker.address().stateAbbr();
        String zip = faker.address().zipCode();
        if (zip.length() > 5) {
            zip = zip.substring(0, 5);
        }
        return new PostalAddress(street, secondary, city, state, zip);
    }

    private PersonName usName(char sex, boolean middle) {
        String given = sex == 'F' ? faker.name().femaleFirstName() : faker.name().maleFirstName();
        String middleName = middle ? (sex == 'F' ? faker.name().femaleFirstName() : faker.name().maleFirstName())
                : null;
        return new PersonName(given, middleName, faker.name().lastName());
    }

    /** A name with non-ASCII letters that ISO-8859-1 can encode (Spanish or German locale). */
    private PersonName accentedName(char sex) {
        for (int i = 0; i < 200; i++) {
            Faker source = random.nextBoolean() ? spanish : german;
            String given = sex == 'F' ? source.name().femaleFirstName() : source.name().maleFirstName();
            String family = source.name().lastName();
            String both = given + family;
            if (!both.equals(ascii(both)) && StandardCharsets.ISO_8859_1.newEncoder().canEncode(both)) {
                return new PersonName(given, null, family);
            }
        }
        throw new IllegalStateException("no accented name found");
    }

    private int age() {
        int bucket = random.nextInt(10);
        if (bucket == 0) {
            return 1 + random.nextInt(17);
        }
        return 18 + random.nextInt(70); // at most 87: ages over 89 would be PHI of their own
    }

    private Relative relative(PersonName patient, int age, PostalAddress home) {
        List<Relation> candidates = new ArrayList<>();
        if (age < 18) {
            candidates.add(MOTHER);
            candidates.add(FATHER);
        } else {
            candidates.add(WIFE);
            candidates.add(HUSBAND);
            candidates.add(SISTER);
            candidates.add(BROTHER);
            if (age < 60) {
                candidates.add(MOTHER);
            }
            if (age > 40) {
                candidates.add(DAUGHTER);
                candidates.add(SON);
            }
        }
        Relation relation = Numbers.pick(random, candidates);
        String given = relation.sex() == 'F' ? faker.name().femaleFirstName() : faker.name().maleFirstName();
        String family = Numbers.chance(random, 0.6) ? patient.family() : faker.name().lastName();
        PostalAddress address = Numbers.chance(random, 0.6) ? home : address();
        return new Relative(new PersonName(given, null, family), relation, phone(), address);
    }

    private ClinicalProfile clinical(char sex, int age) {
        List<ClinicalTerms.Problem> problems = age < 18
                ? sample(ClinicalTerms.CHILD_PROBLEMS, 1 + random.nextInt(2))
                : sample(ClinicalTerms.PROBLEMS, 2 + random.nextInt(3));
        ClinicalTerms.Acute acute = Numbers.pick(random, ClinicalTerms.ACUTE);
        List<String> others = new ArrayList<>(ClinicalTerms.SYMPTOMS);
        others.removeAll(acute.symptoms());
        List<String> negatives = sample(others, 4 + random.nextInt(3));
        List<String> procedures = new ArrayList<>(sample(age < 18 ? ClinicalTerms.CHILD_PROCEDURES
                : ClinicalTerms.PAST_PROCEDURES, random.nextInt(3)));
        procedures.remove(acute.procedure());
        List<FamilyHistory> family = new ArrayList<>();
        int items = 1 + random.nextInt(2);
        for (int i = 0; i < items; i++) {
            Relation relation = Numbers.pick(random, FAMILY_HISTORY_RELATIONS);
            int from = relation.sex() == 'F' ? 0 : ClinicalTerms.FEMALE_ONLY;
            String disorder = ClinicalTerms.FAMILY_DISORDERS.get(
                    from + random.nextInt(ClinicalTerms.FAMILY_DISORDERS.size() - from));
            int ageAt = Numbers.chance(random, 0.5) ? 45 + random.nextInt(30) : 0;
            family.add(new FamilyHistory(relation, disorder, ageAt, false));
        }
        String absent = Numbers.pick(random, List.of("colon cancer", "sudden cardiac death", "breast cancer"));
        if (family.stream().noneMatch(f -> f.disorder().equals(absent))) {
            family.add(new FamilyHistory(null, absent, 0, true));
        }
        return new ClinicalProfile(problems, acute, negatives, procedures, family);
    }

    <T> List<T> sample(List<T> from, int count) {
        List<T> pool = new ArrayList<>(from);
        List<T> out = new ArrayList<>();
        for (int i = 0; i < count && !pool.isEmpty(); i++) {
            out.add(pool.remove(random.nextInt(pool.size())));
        }
        return out;
    }

    private String ssn() {
        while (true) {
            String ssn = faker.idNumber().ssnValid();
            if (ssn.matches("\\d{3}-\\d{2}-\\d{4}") && issued.add("SSN" + ssn)) {
                return ssn;
            }
        }
    }

    private String npi() {
        return "1" + Numbers.digits(random, 9);
    }

    private String emailLocalPart(PersonName name) {
        String local = ascii(name.given() + "." + name.family()).toLowerCase(Locale.ROOT).replaceAll("[^a-z.]", "");
        return Numbers.chance(random, 0.5) ? local + (10 + random.nextInt(90)) : local;
    }

    /** Strips diacritics (é -> e, ß stays and is removed by the caller's filter). */
    static String ascii(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    }
}
