package io.annota.server.intake.upstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PullCheckpointTest {

    private static final Instant T = Instant.parse("2026-11-29T08:00:00Z");

    private static PullCheckpoint.Version v(String id, int second) {
        return new PullCheckpoint.Version(id, T.plusSeconds(second));
    }

    static Stream<Arguments> pages() {
        PullCheckpoint atTen = new PullCheckpoint(T.plusSeconds(10), Map.of("Patient/a/_history/1", T.plusSeconds(10),
                "Patient/b/_history/1", T.plusSeconds(9)));
        return Stream.of(
                Arguments.of("first page from the start", PullCheckpoint.START, List.of(v("Patient/a/_history/1", 1),
                        v("Patient/b/_history/1", 3)), Duration.ZERO,
                        new PullCheckpoint(T.plusSeconds(3), Map.of("Patient/b/_history/1", T.plusSeconds(3)))),
                Arguments.of("several at the mark are all kept", PullCheckpoint.START, List.of(
                        v("Patient/a/_history/1", 3), v("Patient/b/_history/1", 3)), Duration.ZERO,
                        new PullCheckpoint(T.plusSeconds(3), Map.of("Patient/a/_history/1", T.plusSeconds(3),
                                "Patient/b/_history/1", T.plusSeconds(3)))),
                Arguments.of("overlap keeps the window below the mark", PullCheckpoint.START, List.of(
                        v("Patient/a/_history/1", 1), v("Patient/b/_history/1", 4), v("Patient/c/_history/1", 5)),
                        Duration.ofSeconds(1), new PullCheckpoint(T.plusSeconds(5), Map.of(
                                "Patient/b/_history/1", T.plusSeconds(4), "Patient/c/_history/1", T.plusSeconds(5)))),
                Arguments.of("same mark adds to what was there", atTen, List.of(v("Patient/c/_history/1", 10)),
                        Duration.ofSeconds(1), new PullCheckpoint(T.plusSeconds(10), Map.of(
                                "Patient/a/_history/1", T.plusSeconds(10), "Patient/b/_history/1", T.plusSeconds(9),
                                "Patient/c/_history/1", T.plusSeconds(10)))),
                Arguments.of("a later mark drops what fell out of the window", atTen,
                        List.of(v("Patient/a/_history/2", 20)), Duration.ofSeconds(1), new PullCheckpoint(
                                T.plusSeconds(20), Map.of("Patient/a/_history/2", T.plusSeconds(20)))),
                Arguments.of("an empty page changes nothing", atTen, List.of(), Duration.ofSeconds(1), atTen),
                Arguments.of("a late write below the mark never lowers it", atTen,
                        List.of(v("Patient/d/_history/1", 9)), Duration.ofSeconds(1), new PullCheckpoint(
                                T.plusSeconds(10), Map.of("Patient/a/_history/1", T.plusSeconds(10),
                                        "Patient/b/_history/1", T.plusSeconds(9),
                                        "Patient/d/_history/1", T.plusSeconds(9)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pages")
    void afterAPage(String name, PullCheckpoint before, List<PullCheckpoint.Version> page, Duration overlap,
            PullCheckpoint expected) {
        assertThat(before.after(page, overlap)).isEqualTo(expected);
    }

    @Test
    void storedMeansThisVersionNotTheResource() {
        PullCheckpoint checkpoint = PullCheckpoint.START.after(List.of(v("Patient/a/_history/1", 3)), Duration.ZERO);
        assertThat(checkpoint.stored(v("Patient/a/_history/1", 3))).isTrue();
        assertThat(checkpoint.stored(v("Patient/a/_history/2", 3))).isFalse();
        assertThat(checkpoint.stored(v("Patient/b/_history/1", 3))).isFalse();
    }

    @Test
    void searchesFromTheMarkLessTheOverlap() {
        assertThat(PullCheckpoint.START.since(Duration.ofSeconds(2))).isNull();
        assertThat(new PullCheckpoint(T, Map.of()).since(Duration.ofSeconds(2))).isEqualTo(T.minusSeconds(2));
    }

    @Test
    void recentVersionsSurviveTheirTextForm() {
        Map<String, Instant> recent = Map.of("Patient/a/_history/1", T, "DocumentReference/x-1/_history/12",
                T.plusMillis(7));
        assertThat(JdbcPullCheckpoints.decode(JdbcPullCheckpoints.encode(recent))).isEqualTo(recent);
    }
}
