package io.annota.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class NursingNoteTest {

    /** PHI types the other generators write (nursing notes add HOSPITAL, AGE and YEAR). */
    static final Set<PhiType> NOT_NURSING_ONLY =
            EnumSet.complementOf(EnumSet.of(PhiType.HOSPITAL, PhiType.AGE, PhiType.YEAR));

    private static final int NOTES = 400;
    private static List<SyntheticNote> notes;

    @BeforeAll
    static void generate() {
        notes = new SyntheticFeed(2024).nursingNotes(NOTES);
    }

    @Test
    void sameSeedGivesTheSameNotesAndGold() {
        List<SyntheticNote> a = new SyntheticFeed(17).nursingNotes(40);
        List<SyntheticNote> b = new SyntheticFeed(17).nursingNotes(40);
        assertThat(a).isEqualTo(b);
        assertThat(new SyntheticFeed(18).nursingNotes(40)).isNotEqualTo(a);
        // successive calls continue the stream; other streams do not disturb it
        SyntheticFeed split = new SyntheticFeed(17);
        List<SyntheticNote> parts = new ArrayList<>(split.nursingNotes(15));
        split.note();
        split.hl7Feed(2);
        parts.addAll(split.nursingNotes(25));
        assertThat(parts).isEqualTo(a);
    }

    @Test
    void everyGoldSpanPointsExactlyAtItsValue() {
        for (SyntheticNote note : notes) {
            for (PhiSpan span : note.phi()) {
                assertThat(span.path()).isEqualTo("NOTE");
                assertThat(note.text().substring(span.begin(), span.end())).as("%s", span).isEqualTo(span.value());
                assertThat(span.value()).as("%s", span).isEqualTo(span.value().strip()).isNotEmpty()
                        .doesNotContain("\n").doesNotContain("{").doesNotContain("[");
            }
            assertThat(note.text()).doesNotEndWith("\n").doesNotContain("  ").doesNotContain("{").doesNotContain("}")
                    .doesNotContain("[").doesNotContain("]").doesNotContain("|").doesNotContain("null");
        }
    }

    @Test
    void spansDoNotOverlapEachOtherOrClinicalMentions() {
        for (SyntheticNote note : notes) {
            boolean[] used = new boolean[note.text().length()];
            for (PhiSpan span : note.phi()) {
                for (int i = span.begin(); i < span.end(); i++) {
                    assertThat(used[i]).as("overlap at %d: %s", i, span).isFalse();
                    used[i] = true;
                }
            }
            for (ClinicalMention mention : note.clinical()) {
                assertThat(note.text().substring(mention.begin(), mention.end())).isEqualTo(mention.text());
                for (int i = mention.begin(); i < mention.end(); i++) {
                    assertThat(used[i]).as("mention %s overlaps PHI", mention).isFalse();
                }
            }
        }
    }

    /** Minimum number of notes (of {@value #NOTES}) with at least one span of the type. */
    @ParameterizedTest(name = "{0} in at least {1} notes")
    @CsvSource({
        "PATIENT_NAME, 30", "RELATIVE_NAME, 80", "CLINICIAN_NAME, 150", "DATE, 80", "YEAR, 30", "PHONE, 40",
        "HOSPITAL, 60", "CITY, 30", "AGE, 8", "MRN, 5"})
    void everyTypeOccurs(PhiType type, int minimum) {
        long with = notes.stream().filter(n -> n.phi().stream().anyMatch(s -> s.type() == type)).count();
        assertThat(with).as("notes with %s", type).isGreaterThanOrEqualTo(minimum);
    }

    @Test
    void onlyTheNursingTypesAndTheUsualNameAndNumberTypesOccur() {
        Set<PhiType> types = EnumSet.noneOf(PhiType.class);
        notes.forEach(n -> n.phi().forEach(s -> types.add(s.type())));
        assertThat(types).containsExactlyInAnyOrder(PhiType.PATIENT_NAME, PhiType.RELATIVE_NAME,
                PhiType.CLINICIAN_NAME, PhiType.DATE, PhiType.YEAR, PhiType.PHONE, PhiType.HOSPITAL, PhiType.CITY,
                PhiType.AGE, PhiType.MRN);
    }

    static Stream<Arguments> caseStyles() {
        Predicate<String> upper = t -> t.equals(t.toUpperCase(Locale.ROOT));
        Predicate<String> lower = t -> t.equals(t.toLowerCase(Locale.ROOT));
        return Stream.of(
                Arguments.of("all capitals", upper),
                Arguments.of("all lower case", lower),
                Arguments.of("mixed", upper.negate().and(lower.negate())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("caseStyles")
    void eachCaseStyleIsAtLeastAFifthOfTheNotes(String style, Predicate<String> is) {
        long count = notes.stream().map(SyntheticNote::text).filter(is).count();
        assertThat(count).as(style).isGreaterThan(NOTES / 5);
    }

    @Test
    void someMixedCaseNotesWriteNamesInLowerCase() {
        long lowerNames = notes.stream()
                .filter(n -> !n.text().equals(n.text().toLowerCase(Locale.ROOT))
                        && !n.text().equals(n.text().toUpperCase(Locale.ROOT)))
                .flatMap(n -> n.phi().stream())
                .filter(s -> s.type() == PhiType.CLINICIAN_NAME && s.value().equals(s.value().toLowerCase(Locale.ROOT)))
                .count();
        assertThat(lowerNames).isGreaterThan(20);
    }

    /** Text that must occur outside the gold somewhere in the corpus (clinical shorthand, traps). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "S/P|shorthand", "R/O|shorthand", "A&OX3|shorthand", "c/o|shorthand", "w/|shorthand", "d/c|shorthand",
        "OOB|shorthand", "NPO|shorthand", "HR 80s|shorthand", "PIV|shorthand", "SBP|shorthand", "dtr|relation",
        "LS|shorthand", "PRN|shorthand", "BS|shorthand",
        "walker|English word that is also a name", "rose|English word that is also a name",
        "frank|English word that is also a name", "brown|English word that is also a name",
        "will|English word that is also a name", "Foley|eponym", "Swan-Ganz|eponym", "Miami J|eponym",
        "Bell's palsy|eponym", "5/5|date look-alike",
        "110/60|date look-alike", "7a-7p|shift"})
    void clinicalShorthandAndTrapsOccurOutsideTheGold(String text, String why) {
        Pattern word = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(text) + "(?![\\p{L}\\p{N}])",
                Pattern.CASE_INSENSITIVE);
        long outside = 0;
        for (SyntheticNote note : notes) {
            Matcher m = word.matcher(note.text());
            while (m.find()) {
                if (!covered(note, m.start(), m.end())) {
                    outside++;
                }
            }
        }
        assertThat(outside).as("%s (%s) outside the gold", text, why).isGreaterThan(3);
    }

    @Test
    void roleWordsStandWhereANameCouldAndAreNotGold() {
        Pattern role = Pattern.compile("(?i)\\b(?:" + String.join("|", NursingNoteGenerator.ROLE_WORDS) + ") (?:RN|MD)\\b");
        long outside = 0;
        for (SyntheticNote note : notes) {
            Matcher m = role.matcher(note.text());
            while (m.find()) {
                assertThat(covered(note, m.start(), m.end())).as(m.group()).isFalse();
                outside++;
            }
        }
        assertThat(outside).isGreaterThan(10);
    }

    @Test
    void namesThatAreEnglishWordsAreGoldInNamePositions() {
        Set<String> words = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        words.addAll(NursingNoteGenerator.WORD_GIVEN_FEMALE);
        words.addAll(NursingNoteGenerator.WORD_GIVEN_MALE);
        words.addAll(NursingNoteGenerator.WORD_FAMILY);
        Map<PhiType, Integer> asGold = new EnumMap<>(PhiType.class);
        for (SyntheticNote note : notes) {
            for (PhiSpan span : note.phi()) {
                for (String part : span.value().split(" ")) {
                    if (words.contains(part)) {
                        asGold.merge(span.type(), 1, Integer::sum);
                    }
                }
            }
        }
        assertThat(asGold.getOrDefault(PhiType.RELATIVE_NAME, 0)).isGreaterThan(20);
        assertThat(asGold.getOrDefault(PhiType.CLINICIAN_NAME, 0)).isGreaterThan(20);
        assertThat(asGold.getOrDefault(PhiType.PATIENT_NAME, 0)).isGreaterThan(3);
    }

    @Test
    void timesAndYoungerAgesAreNotGold() {
        Pattern time = Pattern.compile("(?<![\\d/:.-])(?:[01]\\d|2[0-3])[0-5]\\d(?![\\d/])|\\d{1,2}:\\d{2}\\s?(?:am|pm)",
                Pattern.CASE_INSENSITIVE);
        Pattern age = Pattern.compile("(?<!\\d)(\\d{2,3}) (?:yo|y/o|yr old|year old)", Pattern.CASE_INSENSITIVE);
        int times = 0;
        int youngAges = 0;
        for (SyntheticNote note : notes) {
            Matcher m = time.matcher(note.text());
            while (m.find()) {
                assertThat(coveredBy(note, m.start(), PhiType.DATE)).as("time %s", m.group()).isFalse();
                if (!covered(note, m.start(), m.end())) {
                    times++;
                }
            }
            Matcher a = age.matcher(note.text());
            while (a.find()) {
                int years = Integer.parseInt(a.group(1));
                assertThat(coveredBy(note, a.start(1), PhiType.AGE)).as("age %d", years).isEqualTo(years > 89);
                if (years <= 89) {
                    youngAges++;
                }
            }
        }
        assertThat(times).isGreaterThan(100);
        assertThat(youngAges).isGreaterThan(50);
        notes.forEach(n -> n.phi().stream().filter(s -> s.type() == PhiType.AGE)
                .forEach(s -> assertThat(Integer.parseInt(s.value())).isGreaterThan(89)));
    }

    @Test
    void dateFormatsVary() {
        Map<String, Integer> shapes = new java.util.TreeMap<>();
        for (SyntheticNote note : notes) {
            for (PhiSpan span : note.phi()) {
                if (span.type() == PhiType.DATE) {
                    shapes.merge(span.value().replaceAll("\\d", "9").replaceAll("(?i)[a-z]+", "a"), 1, Integer::sum);
                }
            }
        }
        assertThat(shapes.keySet()).contains("9/99", "9-99", "9/99/99", "99/99/9999", "99-a", "a 99a", "99a");
    }

    @Test
    void clinicalMentionsAreRecorded() {
        Set<String> groups = new TreeSet<>();
        notes.forEach(n -> n.clinical().forEach(m -> groups.add(m.group())));
        assertThat(groups).containsExactlyInAnyOrder(ClinicalMention.DISORDER, ClinicalMention.SIGN_SYMPTOM,
                ClinicalMention.MEDICATION, ClinicalMention.PROCEDURE);
        assertThat(notes.stream().flatMap(n -> n.clinical().stream())).anyMatch(ClinicalMention::negated);
    }

    @Test
    void aQuarterOfTheNotesOrSoHaveLittleOrNoPhi() {
        long without = notes.stream().filter(n -> n.phi().isEmpty()).count();
        assertThat(without).isBetween((long) NOTES / 20, (long) NOTES / 3);
    }

    @Test
    void theCommandWritesTheCorpusAsJsonLines(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/nursing.jsonl");
        assertThat(GenerateCommand.run(new String[] {"nursing-notes", "25", file.toString(), "--seed", "9"})).isZero();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(25);
        List<SyntheticNote> expected = new SyntheticFeed(9).nursingNotes(25);
        ObjectMapper json = new ObjectMapper();
        for (int i = 0; i < lines.size(); i++) {
            JsonNode line = json.readTree(lines.get(i));
            assertThat(line.get("id").asText()).isEqualTo(String.format(Locale.ROOT, "nursing-%06d", i + 1));
            assertThat(line.get("text").asText()).isEqualTo(expected.get(i).text());
            List<PhiSpan> gold = expected.get(i).phi();
            assertThat(line.get("spans")).hasSize(gold.size());
            for (int s = 0; s < gold.size(); s++) {
                JsonNode span = line.get("spans").get(s);
                assertThat(span.get("start").asInt()).isEqualTo(gold.get(s).begin());
                assertThat(span.get("end").asInt()).isEqualTo(gold.get(s).end());
                assertThat(span.get("type").asText()).isEqualTo(gold.get(s).type().name());
            }
        }
        Path again = dir.resolve("again.jsonl");
        GenerateCommand.run(new String[] {"nursing-notes", "25", again.toString(), "--seed", "9"});
        assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(file));
    }

    private static boolean covered(SyntheticNote note, int start, int end) {
        return note.phi().stream().anyMatch(s -> s.begin() < end && start < s.end());
    }

    private static boolean coveredBy(SyntheticNote note, int at, PhiType type) {
        return note.phi().stream().anyMatch(s -> s.type() == type && s.begin() <= at && at < s.end());
    }
}
