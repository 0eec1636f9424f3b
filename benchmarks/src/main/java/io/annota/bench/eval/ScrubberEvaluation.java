package io.annota.bench.eval;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.annota.deid.DeidentificationSettings;
import io.annota.deid.ResourceDeidentifier;
import io.annota.deid.TextScrubber;
import io.annota.deid.text.PhiSpan;
import io.annota.deid.text.PhiType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;

/**
 * Span recall and precision of the free-text scrubber ({@link TextScrubber#detect}) per PHI type, on
 * <ol>
 *   <li>presidio-research's synthetic sentences ({@code phi/presidio-research-synthetic/synth_dataset_v2.json}):
 *       patterns, dictionaries and cues only (no patient is known);</li>
 *   <li>Synthea's notes ({@code fhir-r4/synthea-bulk-ndjson-10-patients}): gold = the note's patient's name as
 *       written (given and family words, runs of them, with a title in front) and the dates; scored with the
 *       patient's fingerprints (as Annota has them after ingesting the Patient) and without;</li>
 *   <li>the PhysioNet deid development notes ({@code phi/physionet-deid-dev}: real ICU nursing notes, PHI marked by
 *       hand): scored as that set's README defines it ({@link SpanScore}), beside the deid.pl baseline, with per-rule
 *       counts, and on request the clinical damage ({@link ClinicalDamage}); see {@link PhysionetSection}.</li>
 * </ol>
 * In the first two sets a gold span counts as found under <b>overlap</b> if at least half of its letters and digits
 * were replaced, and under <b>full</b> if all of them were; <b>typed</b> additionally needs the replacement covering
 * most of it to carry the gold span's type. A replaced span counts as correct (precision) if it overlaps a scored gold span of
 * any type; one that overlaps only an unscored gold span (ORGANIZATION, NRP, TITLE, an age up to 89) is left out
 * of precision; every other one is a false positive. Also measures single-thread throughput of {@link
 * TextScrubber#scrub(String, Set)}.
 *
 * <pre>
 * java ... io.annota.bench.eval.ScrubberEvaluation [--data ../shared/data] [--sets presidio,synthea,physionet]
 *     [--seconds 3] [--misses] [--show-values] [--write-spans FILE]
 *     [--damage] [--damage-profile lite|full] [--damage-notes N]
 * </pre>
 * {@code --misses} prints the shapes (Xx, 9, punctuation) of missed gold spans and of false positives per type;
 * {@code --show-values} prints the values themselves (for local work on the detectors; keep them out of docs).
 * {@code --write-spans FILE} writes the PhysioNet predictions as JSONL for {@code score_phi_spans.py};
 * {@code --damage} measures the clinical damage on the PhysioNet notes (lite profile unless
 * {@code --damage-profile full}; {@code --damage-notes N}: an evenly spaced sample, 0 = all).
 */
public final class ScrubberEvaluation {

    /** presidio-research entity type to Annota's; absent = not scored. */
    private static final Map<String, PhiType> PRESIDIO_TYPES = Map.ofEntries(
            Map.entry("PERSON", PhiType.NAME), Map.entry("DATE_TIME", PhiType.DATE),
            Map.entry("PHONE_NUMBER", PhiType.PHONE), Map.entry("US_SSN", PhiType.SSN),
            Map.entry("EMAIL_ADDRESS", PhiType.EMAIL), Map.entry("STREET_ADDRESS", PhiType.ADDRESS),
            Map.entry("GPE", PhiType.LOCATION), Map.entry("ZIP_CODE", PhiType.ZIP),
            Map.entry("IP_ADDRESS", PhiType.IP), Map.entry("DOMAIN_NAME", PhiType.URL),
            Map.entry("CREDIT_CARD", PhiType.ID), Map.entry("IBAN_CODE", PhiType.ID),
            Map.entry("US_DRIVER_LICENSE", PhiType.ID), Map.entry("AGE", PhiType.AGE));

    private static final Pattern GOLD_DATE = Pattern.compile(
            "\\b\\d{4}-\\d{2}-\\d{2}(?:T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?(?:Z|[+-]\\d{2}:\\d{2})?)?(?!\\d)"
            + "|\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b"
            + "|\\b(?:January|February|March|April|May|June|July|August|September|October|November|December)"
            + "\\s+\\d{1,2},?\\s+\\d{4}\\b");

    private static final Pattern YEAR_OR_WEEKDAY = Pattern.compile(
            "(?i)(?:in\\s+|the\\s+)?(?:\\d{4}s?|'\\d{2}s?|(?:mon|tues|wednes|thurs|fri|satur|sun)day)");

    /** A gold span: type null = present in the data but not scored. */
    record Gold(int start, int end, PhiType type, String label) {
    }

    /** A text, its gold spans, its patient's fingerprints; {@code scored}: the predicted types scored (null: all). */
    record Doc(String text, List<Gold> gold, Set<String> fingerprints, int invalidGold, Set<PhiType> scored) {
        boolean scoresType(PhiType type) {
            return scored == null || scored.contains(type);
        }
    }

    /** Counts per type. */
    static final class Tally {
        final Map<PhiType, int[]> recall = new TreeMap<>(); // gold, overlap, full, typed
        final Map<PhiType, int[]> precision = new TreeMap<>(); // predicted, correct, ignored
        final Map<String, Integer> missShapes = new HashMap<>();
        final Map<String, Integer> fpShapes = new HashMap<>();
        final Map<String, Integer> missValues = new HashMap<>();
        final Map<String, Integer> fpValues = new HashMap<>();
        final Map<String, Integer> unscored = new TreeMap<>();
        int invalidGold;
    }

    private final boolean misses;
    private final boolean showValues;
    private final double seconds;

    private ScrubberEvaluation(boolean misses, boolean showValues, double seconds) {
        this.misses = misses;
        this.showValues = showValues;
        this.seconds = seconds;
    }

    private static final String USAGE = "usage: ScrubberEvaluation [--data DIR] [--sets presidio,synthea,physionet] "
            + "[--seconds S] [--misses] [--show-values] [--write-spans FILE] [--damage] [--damage-profile lite|full] "
            + "[--damage-notes N]";

    public static void main(String[] args) throws IOException {
        long started = System.nanoTime();
        Path data = Path.of("../shared/data");
        Set<String> sets = Set.of("presidio", "synthea", "physionet");
        boolean misses = false;
        boolean values = false;
        double seconds = 3;
        Path writeSpans = null;
        String damageProfile = null;
        int damageNotes = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(args[++i]);
                case "--sets" -> sets = Set.of(args[++i].split(","));
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--misses" -> misses = true;
                case "--show-values" -> {
                    misses = true;
                    values = true;
                    showAll = true;
                }
                case "--write-spans" -> writeSpans = Path.of(args[++i]);
                case "--damage" -> damageProfile = damageProfile == null ? "lite" : damageProfile;
                case "--damage-profile" -> damageProfile = args[++i];
                case "--damage-notes" -> damageNotes = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println(USAGE);
                    System.exit(2);
                }
            }
        }
        if (!Set.of("presidio", "synthea", "physionet").containsAll(sets)) {
            System.err.println(USAGE);
            System.exit(2);
        }
        byte[] key = new byte[32];
        Arrays.fill(key, (byte) 0x5a); // an evaluation key: fingerprints only need to be consistent within the run
        ResourceDeidentifier deidentifier =
                new ResourceDeidentifier(FhirContext.forR4Cached(), DeidentificationSettings.withKey(key));
        TextScrubber scrubber = deidentifier.textScrubber();
        ScrubberEvaluation evaluation = new ScrubberEvaluation(misses, values, seconds);

        System.out.println("# Text scrubber evaluation");
        System.out.println();
        System.out.println("Data: " + data.toAbsolutePath().normalize());
        System.out.println();

        if (sets.contains("presidio")) {
            List<Doc> presidio = presidio(data.resolve("phi/presidio-research-synthetic/synth_dataset_v2.json"));
            evaluation.report("presidio-research synthetic sentences (patterns, dictionaries, cues)", presidio, scrubber,
                    false);
        }
        if (sets.contains("synthea")) {
            List<Doc> synthea = synthea(data.resolve("fhir-r4/synthea-bulk-ndjson-10-patients"), deidentifier);
            evaluation.report("Synthea notes, with the patient's fingerprints", synthea, scrubber, true);
            evaluation.report("Synthea notes, without fingerprints (patterns, dictionaries, cues)", synthea, scrubber,
                    false);
        }
        if (sets.contains("physionet")) {
            PhysionetSection.run(data.resolve(PhysionetDeidSet.FOLDER), scrubber, new PhysionetSection.Options(misses,
                    values, seconds, writeSpans, damageProfile, damageNotes));
        }
        System.out.printf(Locale.ROOT, "Evaluation took %.0f s.%n", (System.nanoTime() - started) / 1e9);
    }

    private void report(String title, List<Doc> docs, TextScrubber scrubber, boolean useFingerprints) {
        Tally tally = new Tally();
        long chars = 0;
        for (Doc doc : docs) {
            Set<String> fps = useFingerprints ? doc.fingerprints() : Set.of();
            score(doc, scrubber.detect(doc.text(), fps), tally);
            tally.invalidGold += doc.invalidGold();
            chars += doc.text().length();
        }
        System.out.println("## " + title);
        System.out.println();
        System.out.printf(Locale.ROOT, "%d texts, %d characters; gold spans not matching the text (skipped): %d%n%n",
                docs.size(), chars, tally.invalidGold);
        System.out.println("| type | gold | recall (overlap) | recall (full) | recall (typed) | predicted | precision "
                + "| predicted, not scored |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        int[] all = new int[4];
        int[] allP = new int[3];
        Set<PhiType> types = new java.util.TreeSet<>(tally.recall.keySet());
        types.addAll(tally.precision.keySet());
        for (PhiType type : types) {
            int[] r = tally.recall.getOrDefault(type, new int[4]);
            int[] p = tally.precision.getOrDefault(type, new int[3]);
            for (int k = 0; k < 4; k++) {
                all[k] += r[k];
            }
            for (int k = 0; k < 3; k++) {
                allP[k] += p[k];
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %d | %s | %d |%n", type, r[0], ratio(r[1], r[0]),
                    ratio(r[2], r[0]), ratio(r[3], r[0]), p[0] - p[2], ratio(p[1], p[0] - p[2]), p[2]);
        }
        System.out.printf(Locale.ROOT, "| **all** | %d | %s | %s | %s | %d | %s | %d |%n", all[0], ratio(all[1], all[0]),
                ratio(all[2], all[0]), ratio(all[3], all[0]), allP[0] - allP[2], ratio(allP[1], allP[0] - allP[2]), allP[2]);
        System.out.println();
        if (!tally.unscored.isEmpty()) {
            System.out.println("Not scored (gold spans present, out of scope): " + tally.unscored);
            System.out.println();
        }
        throughput(docs, Doc::text, d -> scrubber.scrub(d.text(), useFingerprints ? d.fingerprints() : Set.of()),
                seconds);
        if (misses) {
            printTop("Missed gold spans (type shape)", tally.missShapes);
            printTop("False positives (type shape)", tally.fpShapes);
            if (showValues) {
                printTop("Missed gold spans (values)", tally.missValues);
                printTop("False positives (values)", tally.fpValues);
            }
        }
    }

    /** Single-thread throughput of {@code scrub} over all items, after one warm-up pass; UTF-8 bytes per second. */
    static <T> void throughput(List<T> items, Function<T, String> text, Function<T, String> scrub, double seconds) {
        long bytes = 0;
        for (T item : items) {
            bytes += text.apply(item).getBytes(StandardCharsets.UTF_8).length;
        }
        long sink = 0;
        for (T item : items) { // warm-up pass
            sink += scrub.apply(item).length();
        }
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        int passes = 0;
        do {
            for (T item : items) {
                sink += scrub.apply(item).length();
            }
            passes++;
        } while (System.nanoTime() < deadline);
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "Throughput (one thread, %d passes, %.1f s): **%.0f KB/s** (%.2f ms per text; checksum %d)%n%n",
                passes, elapsed, bytes * (double) passes / 1024 / elapsed, elapsed * 1000 / (passes * (double) items.size()),
                sink % 1000);
    }

    private void score(Doc doc, List<PhiSpan> predicted, Tally tally) {
        String text = doc.text();
        PhiType[] coveredBy = new PhiType[text.length()];
        for (PhiSpan s : predicted) {
            for (int k = s.start(); k < s.end(); k++) {
                coveredBy[k] = s.type();
            }
        }
        for (Gold g : doc.gold()) {
            if (g.type() == null) {
                tally.unscored.merge(g.label(), 1, Integer::sum);
                continue;
            }
            int alnum = 0;
            int covered = 0;
            Map<PhiType, Integer> byType = new HashMap<>();
            for (int k = g.start(); k < g.end(); k++) {
                if (Character.isLetterOrDigit(text.charAt(k))) {
                    alnum++;
                    if (coveredBy[k] != null) {
                        covered++;
                        byType.merge(coveredBy[k], 1, Integer::sum);
                    }
                }
            }
            int[] r = tally.recall.computeIfAbsent(g.type(), t -> new int[4]);
            r[0]++;
            boolean overlap = alnum > 0 && covered * 2 >= alnum;
            if (overlap) {
                r[1]++;
                PhiType main = byType.entrySet().stream().max(Map.Entry.comparingByValue()).get().getKey();
                if (sameFamily(main, g.type())) {
                    r[3]++;
                }
            } else {
                String value = text.substring(g.start(), g.end());
                tally.missShapes.merge(g.type() + " " + shape(value), 1, Integer::sum);
                tally.missValues.merge(g.type() + " " + value.replace('\n', '|'), 1, Integer::sum);
            }
            if (alnum > 0 && covered == alnum) {
                r[2]++;
            }
        }
        for (PhiSpan s : predicted) {
            int[] p = tally.precision.computeIfAbsent(s.type(), t -> new int[3]);
            p[0]++;
            boolean scored = false;
            boolean unscored = false;
            for (Gold g : doc.gold()) {
                if (g.start() < s.end() && s.start() < g.end()) {
                    if (g.type() != null) {
                        scored = true;
                    } else {
                        unscored = true;
                    }
                }
            }
            if (scored) {
                p[1]++;
            } else if (unscored || !doc.scoresType(s.type())) {
                p[2]++;
            } else {
                String value = text.substring(s.start(), s.end());
                tally.fpShapes.merge(s.type() + " " + shape(value), 1, Integer::sum);
                tally.fpValues.merge(s.type() + " " + value.replace('\n', '|'), 1, Integer::sum);
            }
        }
    }

    /** Address parts: a street, a ZIP code and a place are the same family for the typed figure. */
    private static boolean sameFamily(PhiType a, PhiType b) {
        Set<PhiType> address = Set.of(PhiType.ADDRESS, PhiType.ZIP, PhiType.LOCATION);
        return a == b || address.contains(a) && address.contains(b);
    }

    private static String ratio(int part, int whole) {
        return whole == 0 ? "-" : String.format(Locale.ROOT, "%.3f", part / (double) whole);
    }

    /** Letters as X/x, digits as 9, runs collapsed: a shape that shows the form of a value, not the value. */
    static String shape(String value) {
        StringBuilder b = new StringBuilder();
        char last = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            char s = Character.isUpperCase(c) ? 'X' : Character.isLetter(c) ? 'x' : Character.isDigit(c) ? '9'
                    : c == '\n' ? '|' : c;
            if (s != last || !(s == 'x' || s == '9' || s == 'X')) {
                b.append(s);
            }
            last = s;
        }
        return b.toString();
    }

    private static boolean showAll;

    static void printTop(String title, Map<String, Integer> counts) {
        System.out.println(title + ":");
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                .thenComparing(Map.Entry.comparingByKey())).limit(showAll ? 400 : 40)
                .forEach(e -> System.out.println("  " + e.getValue() + "  " + e.getKey()));
        System.out.println();
    }

    // ---------------------------------------------------------------- data sets

    static List<Doc> presidio(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Doc> docs = new ArrayList<>();
        for (JsonNode record : root) {
            String text = record.get("full_text").asText();
            List<Gold> gold = new ArrayList<>();
            int invalid = 0;
            for (JsonNode span : record.get("spans")) {
                int start = span.get("start_position").asInt();
                int end = span.get("end_position").asInt();
                String label = span.get("entity_type").asText();
                String value = span.get("entity_value").asText();
                if (start < 0 || end > text.length() || start >= end || !text.substring(start, end).equals(value)) {
                    invalid++;
                    continue;
                }
                PhiType type = PRESIDIO_TYPES.get(label);
                if (type == PhiType.AGE && !over89(value)) {
                    type = null;
                    label = "AGE up to 89";
                }
                if (type == PhiType.DATE && YEAR_OR_WEEKDAY.matcher(value).matches()) {
                    type = null; // Safe Harbor keeps years; a weekday alone dates nothing
                    label = "DATE_TIME year or weekday only";
                }
                gold.add(new Gold(start, end, type, label));
            }
            docs.add(new Doc(text, gold, Set.of(), invalid, null));
        }
        return docs;
    }

    private static boolean over89(String age) {
        String digits = age.replaceAll("\\D", "");
        return !digits.isEmpty() && digits.length() <= 3 && Integer.parseInt(digits) > 89;
    }

    static List<Doc> synthea(Path dir, ResourceDeidentifier deidentifier) throws IOException {
        FhirContext fhir = FhirContext.forR4Cached();
        IParser parser = fhir.newJsonParser();
        Map<String, Patient> patients = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("Patient.000.ndjson"))) {
            if (!line.isBlank()) {
                Patient p = parser.parseResource(Patient.class, line);
                patients.put(p.getIdElement().getIdPart(), p);
            }
        }
        Map<String, Set<String>> fingerprints = new HashMap<>();
        List<Doc> docs = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("DocumentReference.000.ndjson"))) {
            if (line.isBlank()) {
                continue;
            }
            DocumentReference doc = parser.parseResource(DocumentReference.class, line);
            Patient patient = patients.get(doc.getSubject().getReferenceElement().getIdPart());
            if (patient == null) {
                continue;
            }
            Set<String> fps = fingerprints.computeIfAbsent(patient.getIdElement().getIdPart(),
                    id -> deidentifier.fingerprints(patient));
            for (DocumentReference.DocumentReferenceContentComponent content : doc.getContent()) {
                if (content.getAttachment().getData() == null) {
                    continue;
                }
                String text = new String(content.getAttachment().getData(), StandardCharsets.UTF_8);
                docs.add(new Doc(text, syntheaGold(text, patient), fps, 0, Set.of(PhiType.NAME, PhiType.DATE,
                        PhiType.LOCATION, PhiType.ADDRESS, PhiType.ZIP, PhiType.PHONE, PhiType.EMAIL, PhiType.URL,
                        PhiType.IP, PhiType.SSN, PhiType.ID)));
            }
        }
        return docs;
    }

    /** The patient's name words as runs (with a title in front) and the dates, as written in the note. */
    static List<Gold> syntheaGold(String text, Patient patient) {
        List<String> parts = new ArrayList<>();
        for (HumanName name : patient.getName()) {
            for (StringType g : name.getGiven()) {
                parts.add(g.getValue());
            }
            if (name.getFamily() != null) {
                parts.add(name.getFamily());
            }
        }
        List<Gold> gold = new ArrayList<>();
        parts.removeIf(p -> p == null || p.isBlank());
        if (!parts.isEmpty()) {
            parts.sort(Comparator.comparingInt(String::length).reversed());
            StringBuilder alt = new StringBuilder();
            for (String p : parts) {
                alt.append(alt.isEmpty() ? "" : "|").append(Pattern.quote(p));
            }
            Pattern name = Pattern.compile("(?:\\b(?:Mr|Mrs|Ms|Miss|Dr)\\.?\\s+)?(?<![\\p{L}\\p{N}])(?:" + alt
                    + ")(?:[ \\t]+(?:" + alt + "))*(?![\\p{L}\\p{N}])");
            Matcher m = name.matcher(text);
            while (m.find()) {
                gold.add(new Gold(m.start(), m.end(), PhiType.NAME, "NAME"));
            }
        }
        Matcher d = GOLD_DATE.matcher(text);
        while (d.find()) {
            gold.add(new Gold(d.start(), d.end(), PhiType.DATE, "DATE"));
        }
        return gold;
    }
}
