package io.annota.server.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExportQueryTest {

    @Test
    void defaultsLeaveRejectedOutAndUseTheConfiguredK() {
        ExportQuery query = ExportQuery.of(Map.of(), 5);
        assertThat(query.reviewStates()).isEqualTo(ExportQuery.DEFAULT_STATES).doesNotContain("rejected");
        assertThat(query.format()).isEqualTo(ExportFormat.JSONL);
        assertThat(query.k()).isEqualTo(5);
        assertThat(query.suppress()).isFalse();
        assertThat(query.fullyReviewed()).isFalse();
    }

    @Test
    void argumentsAreRead() {
        ExportQuery query = ExportQuery.of(Map.of(
                "document", List.of("DocumentReference/12", "DiagnosticReport/3/_history/2"),
                "patient", List.of("a1b2"),
                "date", List.of("ge2025-01-01", "lt2026-01-01"),
                "review-state", List.of("accepted", "corrected"),
                "include-rejected", List.of("true"),
                "format", List.of("BioC"),
                "k", List.of("3"),
                "suppress", List.of("true")), 5);
        assertThat(query.documents()).containsExactly("DocumentReference/12", "DiagnosticReport/3");
        assertThat(query.patient()).isEqualTo("Patient/a1b2");
        assertThat(query.reviewStates()).containsExactlyInAnyOrder("accepted", "corrected", "rejected");
        assertThat(query.format()).isEqualTo(ExportFormat.BIOC);
        assertThat(query.k()).isEqualTo(3);
        assertThat(query.suppress()).isTrue();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("format", List.of("csv")),
                Arguments.of("document", List.of("Patient/1")),
                Arguments.of("document", List.of("12")),
                Arguments.of("review-state", List.of("approved")),
                Arguments.of("k", List.of("0")),
                Arguments.of("k", List.of("five")),
                Arguments.of("suppress", List.of("yes")),
                Arguments.of("patient", List.of("Patient/1", "Patient/2")),
                Arguments.of("date", List.of("ge2025", "le2026", "ne2025-06")));
    }

    @ParameterizedTest
    @MethodSource("invalid")
    void malformedArgumentsAreRefused(String name, List<String> values) {
        assertThatThrownBy(() -> ExportQuery.of(Map.of(name, values), 5)).isInstanceOf(InvalidRequestException.class);
    }
}
