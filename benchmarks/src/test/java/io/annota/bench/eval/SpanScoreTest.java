package io.annota.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.annota.bench.eval.SpanScore.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The scoring arithmetic on hand-made texts; gold and predicted spans are written as [start,end). */
class SpanScoreTest {

    //                                   0         1         2         3         4
    //                                   0123456789012345678901234567890123456789012345
    private static final String TEXT = "seen by Dr. Ann Lee on 7/22, home in Boston 1999";

    private static Span gold(int start, int end, String type) {
        return new Span(start, end, type, null);
    }

    private static Span pred(int start, int end) {
        return new Span(start, end, "NAME", "test:rule");
    }

    /** gold, predicted, expected {overlap, full, exact} recall counts and {correct} predictions. */
    static Stream<Arguments> cases() {
        Span name = gold(12, 19, "HCPName"); // "Ann Lee"
        return Stream.of(
                Arguments.of("exact", List.of(name), List.of(pred(12, 19)), 1, 1, 1, 1),
                Arguments.of("wider: full, not exact", List.of(name), List.of(pred(8, 19)), 1, 1, 0, 1),
                Arguments.of("one word of two: overlap only", List.of(name), List.of(pred(16, 19)), 1, 0, 0, 1),
                Arguments.of("two predictions cover it (not the space between): full", List.of(name), List.of(pred(12, 15), pred(16, 19)),
                        1, 1, 0, 2),
                Arguments.of("full needs the letters and digits only", List.of(gold(23, 28, "Date")),
                        List.of(pred(23, 27)), 1, 1, 0, 1),
                Arguments.of("touching is not overlapping", List.of(name), List.of(pred(19, 22), pred(8, 12)),
                        0, 0, 0, 0),
                Arguments.of("one prediction over two gold spans", List.of(name, gold(23, 27, "Date")),
                        List.of(pred(12, 27)), 2, 2, 0, 1),
                Arguments.of("nothing predicted", List.of(name), List.of(), 0, 0, 0, 0),
                Arguments.of("only false positives", List.of(name), List.of(pred(0, 4), pred(37, 43)), 0, 0, 0, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void spanFigures(String label, List<Span> gold, List<Span> predicted, int overlap, int full, int exact,
            int correct) {
        SpanScore score = new SpanScore(Set.of());
        score.add(TEXT, gold, predicted);
        assertThat(score.all.gold).isEqualTo(gold.size());
        assertThat(score.all.overlap).as("overlap").isEqualTo(overlap);
        assertThat(score.all.full).as("full").isEqualTo(full);
        assertThat(score.all.exact).as("exact").isEqualTo(exact);
        assertThat(score.all.predicted).isEqualTo(predicted.size());
        assertThat(score.all.correct).as("correct predictions").isEqualTo(correct);
        assertThat(score.byRule.getOrDefault("test:rule", new SpanScore.RuleCount()).falsePositives)
                .isEqualTo(predicted.size() - correct);
    }

    @Test
    void charactersAreCountedOnceWhereSpansOverlap() {
        SpanScore score = new SpanScore(Set.of());
        // gold "Ann Lee" (7 chars) and "7/22" (4); predicted "Dr. Ann" (8..15) twice over and "7/2" (23..26)
        score.add(TEXT, List.of(gold(12, 19, "HCPName"), gold(23, 27, "Date")),
                List.of(pred(8, 15), pred(8, 15), pred(23, 26)));
        assertThat(score.all.goldChars).isEqualTo(11);
        assertThat(score.all.predictedChars).isEqualTo(10);
        assertThat(score.all.commonChars).isEqualTo(3 + 3);
        assertThat(score.all.charRecall()).isCloseTo(6 / 11.0, within(1e-9));
        assertThat(score.all.charPrecision()).isCloseTo(0.6, within(1e-9));
    }

    @Test
    void setApartGoldIsScoredInAllAndLeftOutOfTheOtherView() {
        SpanScore score = new SpanScore(Set.of("DateYear"));
        List<Span> gold = List.of(gold(12, 19, "HCPName"), gold(44, 48, "DateYear"));
        // one prediction on the name, one on the year only, one false positive
        score.add(TEXT, gold, List.of(pred(12, 19), pred(44, 48), pred(37, 43)));

        assertThat(score.all.gold).isEqualTo(2);
        assertThat(score.all.overlap).isEqualTo(2);
        assertThat(score.all.correct).isEqualTo(2);
        assertThat(score.all.precision()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(score.all.goldChars).isEqualTo(11);
        assertThat(score.all.predictedChars).isEqualTo(7 + 4 + 6);

        assertThat(score.withoutSetApart.gold).isEqualTo(1);
        assertThat(score.withoutSetApart.leftOut).isEqualTo(1);
        assertThat(score.withoutSetApart.precision()).isCloseTo(0.5, within(1e-9));
        assertThat(score.withoutSetApart.goldChars).isEqualTo(7);
        assertThat(score.withoutSetApart.predictedChars).isEqualTo(7 + 6);
        assertThat(score.withoutSetApart.commonChars).isEqualTo(7);

        assertThat(score.byType.get("DateYear").overlap).isEqualTo(1);
        assertThat(score.byRule.get("test:rule").onlySetApart).isEqualTo(1);
        assertThat(score.byRule.get("test:rule").falsePositives).isEqualTo(1);
    }

    @Test
    void missesAndFalsePositivesAreRecordedByShape() {
        SpanScore score = new SpanScore(Set.of());
        score.add(TEXT, List.of(gold(12, 19, "HCPName"), gold(23, 27, "Date"), gold(37, 43, "Location")),
                List.of(pred(16, 19), pred(44, 48), pred(37, 43)));
        assertThat(score.missedShapes).containsOnlyKeys("Date 9/9");
        assertThat(score.partialShapes).containsOnlyKeys("HCPName Xx Xx");
        assertThat(score.falsePositiveShapes).containsOnlyKeys("NAME test:rule 9");
        assertThat(score.byType.get("Location").foundAs).containsEntry("NAME", 1);
    }

    @Test
    void recallByTypeAddsUpToTheTotal() {
        SpanScore score = new SpanScore(Set.of());
        List<Span> gold = new ArrayList<>(List.of(gold(12, 19, "HCPName"), gold(23, 27, "Date"),
                gold(37, 43, "Location")));
        score.add(TEXT, gold, List.of(pred(12, 19), pred(37, 43)));
        score.add("no phi here", List.of(), List.of(pred(0, 2)));
        assertThat(score.byType.values().stream().mapToInt(t -> t.gold).sum()).isEqualTo(score.all.gold);
        assertThat(score.byType.values().stream().mapToInt(t -> t.overlap).sum()).isEqualTo(2);
        assertThat(score.all.recall()).isCloseTo(2 / 3.0, within(1e-9));
        assertThat(score.all.precision()).isCloseTo(2 / 3.0, within(1e-9));
    }
}
