package io.annota.server.quality;

import static io.annota.nlp.SemanticGroup.DISORDER;
import static io.annota.nlp.SemanticGroup.MEDICATION;
import static io.annota.nlp.SemanticGroup.SIGN_SYMPTOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.annota.nlp.Assertion;
import io.annota.nlp.SemanticGroup;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExtractionScoresTest {

    static final Assertion AFFIRMED = new Assertion(false, false, false, false, false, "patient");

    /*
     * One text; gold g, machine m:
     *   g1 [0,10)  A disorder     m1 [0,10)  A disorder     same span, same code
     *   g2 [20,25) B sign-symptom m2 [18,25) B sign-symptom overlapping span, same code
     *   g3 [30,40) C disorder     m3 [30,40) X disorder     same span, other code
     *                             m4 [50,55) D medication   nothing there
     */
    static final List<Mention> GOLD = List.of(
            mention(0, 10, DISORDER, "A"), mention(20, 25, SIGN_SYMPTOM, "B"), mention(30, 40, DISORDER, "C"));
    static final List<Mention> MACHINE = List.of(
            mention(0, 10, DISORDER, "A"), mention(18, 25, SIGN_SYMPTOM, "B"), mention(30, 40, DISORDER, "X"),
            mention(50, 55, MEDICATION, "D"));

    static Stream<Arguments> rules() {
        return Stream.of(
                // g1-m1, g3-m3: P 2/4, R 2/3, F1 4/7
                Arguments.of(MatchRule.EXACT, 2, 2, 1, 0.5, 2.0 / 3, 4.0 / 7),
                // g1-m1: P 1/4, R 1/3, F1 2/7
                Arguments.of(MatchRule.EXACT_CODE, 1, 3, 2, 0.25, 1.0 / 3, 2.0 / 7),
                // g1-m1, g2-m2, g3-m3: P 3/4, R 1, F1 6/7
                Arguments.of(MatchRule.OVERLAP, 3, 1, 0, 0.75, 1.0, 6.0 / 7),
                // g1-m1, g2-m2
                Arguments.of(MatchRule.OVERLAP_CODE, 2, 2, 1, 0.5, 2.0 / 3, 4.0 / 7));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void overAllGroups(MatchRule rule, int tp, int fp, int fn, double precision, double recall, double f1) {
        Counts counts = score(rule, Optional.empty());
        assertThat(counts).isEqualTo(new Counts(tp, fp, fn));
        assertThat(counts.precision()).hasValue(precision);
        assertThat(counts.recall()).hasValue(recall);
        assertThat(counts.f1().getAsDouble()).isEqualTo(f1, within(1e-12));
    }

    @Test
    void perGroupOnlyTheGroupsPresent() {
        assertThat(score(MatchRule.OVERLAP, Optional.of(DISORDER))).isEqualTo(new Counts(2, 0, 0));
        assertThat(score(MatchRule.OVERLAP, Optional.of(SIGN_SYMPTOM))).isEqualTo(new Counts(1, 0, 0));
        Counts medication = score(MatchRule.OVERLAP, Optional.of(MEDICATION));
        assertThat(medication).isEqualTo(new Counts(0, 1, 0));
        // no gold medication: recall undefined; precision and F1 are 0
        assertThat(medication.precision()).hasValue(0.0);
        assertThat(medication.recall()).isEmpty();
        assertThat(medication.f1()).hasValue(0.0);
        assertThat(ExtractionScores.of(GOLD, MACHINE)).extracting(ExtractionScores.Score::group)
                .doesNotContain(Optional.of(SemanticGroup.PROCEDURE), Optional.of(SemanticGroup.LAB),
                        Optional.of(SemanticGroup.ANATOMY))
                .hasSize(MatchRule.values().length * 4);
    }

    /** A wrong group is a false positive in the machine's group and a false negative in the gold one. */
    @Test
    void aWrongGroupCountsInBothGroups() {
        List<Mention> gold = List.of(mention(0, 5, DISORDER, "A"));
        List<Mention> machine = List.of(mention(0, 5, SIGN_SYMPTOM, "A"));
        assertThat(ExtractionScores.counts(gold, machine, MatchRule.EXACT_CODE)).isEqualTo(new Counts(1, 0, 0));
        List<ExtractionScores.Score> scores = ExtractionScores.of(gold, machine);
        assertThat(scores).filteredOn(s -> s.rule() == MatchRule.EXACT && s.group().isPresent())
                .extracting(ExtractionScores.Score::counts)
                .containsExactly(new Counts(0, 0, 1), new Counts(0, 1, 0));
    }

    /**
     * Gold a [0,10) and b [8,9); machine x [7,9) overlaps both, y [9,10) only a. Pairing a with x first (its longer
     * overlap) would leave b unpaired; the maximum matching pairs a-y and b-x.
     */
    @Test
    void overlapMatchingFindsTheMostPairs() {
        List<Mention> gold = List.of(mention(0, 10, DISORDER, "A"), mention(8, 9, DISORDER, "B"));
        List<Mention> machine = List.of(mention(7, 9, DISORDER, "B"), mention(9, 10, DISORDER, "A"));
        List<Matching.Pair> pairs = Matching.pairs(gold, machine, MatchRule.OVERLAP);
        assertThat(pairs).containsExactlyInAnyOrder(new Matching.Pair(gold.get(0), machine.get(1)),
                new Matching.Pair(gold.get(1), machine.get(0)));
    }

    /** Of two candidates, the one with the same span is paired, whatever the order. */
    @Test
    void theSameSpanIsPreferred() {
        List<Mention> gold = List.of(mention(5, 10, DISORDER, "A"));
        List<Mention> machine = List.of(mention(0, 12, DISORDER, "A"), mention(5, 10, DISORDER, "A"));
        assertThat(Matching.pairs(gold, machine, MatchRule.OVERLAP))
                .containsExactly(new Matching.Pair(gold.get(0), machine.get(1)));
    }

    @Test
    void mentionsInDifferentTextsNeverMatch() {
        Mention gold = mention(0, 5, DISORDER, "A");
        Mention machine = new Mention("DocumentReference/2/_history/1 path", 0, 5, DISORDER, Set.of("s|A"), AFFIRMED);
        assertThat(ExtractionScores.counts(List.of(gold), List.of(machine), MatchRule.OVERLAP))
                .isEqualTo(new Counts(0, 1, 1));
    }

    /** The machine's cross-references do not stop a match with a reviewer's single code. */
    @Test
    void codesMatchOnAnySharedCoding() {
        Mention gold = new Mention(TEXT, 0, 5, DISORDER, Set.of("icd|E11"), AFFIRMED);
        Mention machine = new Mention(TEXT, 0, 5, DISORDER, Set.of("doid|DOID:9352", "icd|E11"), AFFIRMED);
        assertThat(MatchRule.EXACT_CODE.matches(gold, machine)).isTrue();
    }

    @Test
    void nothingAtAllLeavesEveryRatioUndefined() {
        Counts counts = ExtractionScores.counts(List.of(), List.of(), MatchRule.EXACT);
        assertThat(counts.precision()).isEmpty();
        assertThat(counts.recall()).isEmpty();
        assertThat(counts.f1()).isEmpty();
    }

    static final String TEXT = "DocumentReference/1/_history/1 DocumentReference.content[0].attachment";

    static Mention mention(int begin, int end, SemanticGroup group, String code) {
        return new Mention(TEXT, begin, end, group, Set.of("s|" + code), AFFIRMED);
    }

    private static Counts score(MatchRule rule, Optional<SemanticGroup> group) {
        return ExtractionScores.of(GOLD, MACHINE).stream()
                .filter(s -> s.rule() == rule && s.group().equals(group))
                .findFirst().orElseThrow().counts();
    }
}
