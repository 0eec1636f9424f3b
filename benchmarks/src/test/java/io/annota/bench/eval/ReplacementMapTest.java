package io.annota.bench.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.annota.bench.eval.ReplacementMap.Replacement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Placing original spans in a text with replacements (the clinical damage figure's offset map). */
class ReplacementMapTest {

    //                                       0         1         2         3
    //                                       0123456789012345678901234567890
    private static final String ORIGINAL = "Dr. Ann Lee gave Lasix on 7/22.";
    //                                       0         1         2         3
    //                                       01234567890123456789012345678901
    private static final String SCRUBBED = "Dr. [NAME] gave Lasix on [DATE].";

    private static final ReplacementMap MAP = ReplacementMap.apply(ORIGINAL,
            List.of(new Replacement(4, 11, "[NAME]"), new Replacement(26, 30, "[DATE]")));

    @Test
    void appliesTheReplacements() {
        assertThat(MAP.text()).isEqualTo(SCRUBBED);
    }

    @ParameterizedTest(name = "{0}: [{1},{2}) -> [{3},{4})")
    @CsvSource(delimiter = '|', textBlock = """
            before any replacement             | 0  | 3  | 0  | 3
            between, shifted by the first      | 17 | 22 | 16 | 21
            after both                         | 30 | 31 | 31 | 32
            inside a replacement: all of it    | 8  | 11 | 4  | 10
            ending inside a replacement        | 0  | 7  | 0  | 10
            starting inside a replacement      | 8  | 16 | 4  | 15
            starting where one ends            | 11 | 16 | 10 | 15
            ending where one starts            | 23 | 26 | 22 | 25
            the whole text                     | 0  | 31 | 0  | 32
            """)
    void mapsOriginalSpans(String label, int begin, int end, int newBegin, int newEnd) {
        assertThat(MAP.map(begin, end)).containsExactly(newBegin, newEnd);
        if (label.startsWith("before") || label.startsWith("between") || label.startsWith("after")) {
            assertThat(SCRUBBED.substring(newBegin, newEnd)).isEqualTo(ORIGINAL.substring(begin, end));
        }
    }

    @ParameterizedTest(name = "[{0},{1}) overlaps {2} replacement(s)")
    @CsvSource({"8, 16, 1", "11, 26, 0", "0, 31, 2", "29, 30, 1", "30, 31, 0"})
    void findsTheReplacementsASpanOverlaps(int begin, int end, int count) {
        assertThat(MAP.overlapping(begin, end)).hasSize(count);
    }

    @Test
    void noReplacementsLeaveTheTextAndOffsetsAlone() {
        ReplacementMap none = ReplacementMap.apply(ORIGINAL, List.of());
        assertThat(none.text()).isEqualTo(ORIGINAL);
        assertThat(none.map(4, 11)).containsExactly(4, 11);
    }

    @Test
    void refusesOverlappingOrUnorderedReplacements() {
        assertThatThrownBy(() -> ReplacementMap.apply(ORIGINAL,
                List.of(new Replacement(4, 11, "[NAME]"), new Replacement(8, 12, "[NAME]"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ReplacementMap.apply(ORIGINAL,
                List.of(new Replacement(26, 30, "[DATE]"), new Replacement(4, 11, "[NAME]"))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
