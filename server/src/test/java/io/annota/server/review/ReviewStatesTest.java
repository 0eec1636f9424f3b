package io.annota.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReviewStatesTest {

    /** Decisions as "reviewer:outcome", an adjudication as "reviewer:!outcome". */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("one reviewer accepts", List.of("r1:accepted"), "accepted"),
                Arguments.of("one reviewer rejects", List.of("r1:rejected"), "rejected"),
                Arguments.of("one reviewer corrects", List.of("r1:corrected"), "corrected"),
                Arguments.of("two reviewers agree", List.of("r1:accepted", "r2:accepted"), "accepted"),
                Arguments.of("two reviewers disagree", List.of("r1:accepted", "r2:rejected"), "disputed"),
                Arguments.of("a reviewer changes their mind", List.of("r1:accepted", "r1:rejected"), "rejected"),
                Arguments.of("a dissenter comes round", List.of("r1:accepted", "r2:rejected", "r2:accepted"),
                        "accepted"),
                Arguments.of("adjudicated", List.of("r1:accepted", "r2:rejected", "r3:!rejected"), "rejected"),
                Arguments.of("adjudicated to a correction", List.of("r1:accepted", "r2:corrected", "r3:!corrected"),
                        "corrected"),
                Arguments.of("agreeing with the adjudication", List.of("r1:accepted", "r2:rejected", "r3:!rejected",
                        "r4:rejected"), "rejected"),
                Arguments.of("disputing the adjudication", List.of("r1:accepted", "r2:rejected", "r3:!rejected",
                        "r1:accepted"), "disputed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stateAfterDecisions(String name, List<String> decisions, String expected) {
        List<ReviewStates.Vote> votes = decisions.stream().map(d -> d.split(":"))
                .map(p -> new ReviewStates.Vote(p[0], p[1].replace("!", ""), p[1].startsWith("!")))
                .toList();
        assertThat(ReviewStates.after(votes)).isEqualTo(expected);
    }

    @Test
    void decisionsByCode() {
        assertThat(Arrays.stream(ReviewStates.Decision.values()).map(ReviewStates.Decision::code))
                .containsExactly("accept", "reject", "correct", "adjudicate");
        assertThat(ReviewStates.Decision.of("approve")).isNull();
        assertThat(ReviewStates.Decision.of("correct").outcome()).isEqualTo("corrected");
    }
}
