package io.annota.bench.suite;

import static org.assertj.core.api.Assertions.assertThat;

import io.annota.bench.driver.LatencyStats;
import io.annota.bench.driver.ReplayReport;
import io.annota.bench.suite.MarkdownReport.ReplayOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownReportTest {

    private static final String JMH_JSON = """
            [
              {"benchmark":"io.annota.bench.Hl7Benchmarks.parseAndMap","mode":"avgt","params":null,
               "primaryMetric":{"score":150.0,"scoreError":5.0,"scoreUnit":"us/op"}},
              {"benchmark":"io.annota.bench.Hl7Benchmarks.parseOnly","mode":"avgt",
               "primaryMetric":{"score":100.0,"scoreError":"NaN","scoreUnit":"us/op"}},
              {"benchmark":"io.annota.bench.DeidBenchmarks.adtStoreWithoutDeid","mode":"avgt",
               "primaryMetric":{"score":2000.0,"scoreError":10.0,"scoreUnit":"us/op"}},
              {"benchmark":"io.annota.bench.NlpBenchmarks.facade","mode":"avgt","params":{"profile":"lite"},
               "primaryMetric":{"score":80.0,"scoreError":1.0,"scoreUnit":"ms/op"}}
            ]""";

    @Test
    void readsJmhKeysWithParameters(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jmh.json");
        Files.writeString(file, JMH_JSON);
        JmhResults results = JmhResults.read(List.of(file));
        assertThat(results.get("io.annota.bench.NlpBenchmarks.facade[profile=lite]")).isPresent();
        assertThat(results.get("io.annota.bench.Hl7Benchmarks.parseOnly").orElseThrow().error()).isNaN();
        assertThat(results.get("io.annota.bench.DeidBenchmarks.adtStoreWithoutDeid").orElseThrow().opsPerSecond())
                .isEqualTo(500.0);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"2, ms/op, 500", "250, us/op, 4000", "1443.5, ops/s, 1443.5"})
    void ratesComeFromTimesPerOperationAndFromThroughputScores(double score, String unit, double opsPerSecond) {
        assertThat(new JmhResults.Score(score, Double.NaN, unit).opsPerSecond()).isEqualTo(opsPerSecond);
    }

    @Test
    void rendersTablesAndKeepsTheIntro(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("jmh.json");
        Files.writeString(file, JMH_JSON);
        JmhResults jmh = JmhResults.read(List.of(file));
        Map<String, Long> outcomes = new TreeMap<>(Map.of("AA", 98L, "AE", 1L, "timeout", 1L));
        ReplayReport replay = mllpReplay(100, 99, 98, outcomes,
                List.of(new ReplayReport.SetAnswers("generated ADT", 100, 99, outcomes, List.of())));
        List<Scenario> scenarios = Scenarios.standard().stream()
                .filter(s -> s.id().equals("hl7") || s.id().equals("mllp-adt") || s.id().equals("fhir-2"))
                .toList();
        String results = MarkdownReport.render(scenarios, jmh,
                Map.of("mllp-adt", ReplayOutcome.of(replay), "fhir-2", ReplayOutcome.skipped("failed (Boom)")),
                run("0.10 0.20 0.30", false));

        assertThat(results)
                .contains("| parse + map vs parse alone | 150 ± 5.00 | 100 | 1.50 | µs/op |")
                .contains("| throughput | 250 | 500 (JMH adtStoreWithoutDeid) | 0.50 | messages/s |")
                .contains("| latency p99 | 9.25 |")
                .contains("| stored (AA) | 98 of 100 |")
                .contains("AA: 98, AE: 1, timeout: 1")
                .contains("| server CPU (mean) | 50% |")
                .contains("| server RSS (max) | 1,500 |")
                .contains("Not run: failed (Boom).")
                .contains("| CPU | Some CPU |");

        Path doc = dir.resolve("benchmarks.md");
        Files.writeString(doc, "# Benchmarks\n\nHow to run.\n\n" + MarkdownReport.MARKER + "\n\nold results\n");
        MarkdownReport.write(doc, results);
        MarkdownReport.write(doc, results);
        String written = Files.readString(doc);
        assertThat(written).startsWith("# Benchmarks\n\nHow to run.\n\n" + MarkdownReport.MARKER);
        assertThat(written).doesNotContain("old results");
        assertThat(written.split(java.util.regex.Pattern.quote(MarkdownReport.MARKER), -1)).hasSize(2);
    }

    @Test
    void fileReplaysShowAnswersPerSetAndTheReasonsForAeAndAr() {
        Map<String, Long> first = new TreeMap<>(Map.of("AA", 8L, "AE", 2L));
        Map<String, Long> second = new TreeMap<>(Map.of("AA", 1L, "AR", 1L, "socket-error", 1L));
        ReplayReport replay = mllpReplay(13, 12, 9,
                new TreeMap<>(Map.of("AA", 9L, "AE", 2L, "AR", 1L, "socket-error", 1L)),
                List.of(new ReplayReport.SetAnswers("vendor-a/messages", 10, 10, first,
                                List.of(new ReplayReport.Rejection("QRY^A19", "AE", "200", "unsupported message type",
                                        2))),
                        new ReplayReport.SetAnswers("vendor-b", 3, 2, second,
                                List.of(new ReplayReport.Rejection("?", "AR", "102", "message could not be parsed",
                                        1)))));
        List<Scenario> files = Scenarios.standard().stream().filter(s -> s.id().equals("mllp-files")).toList();

        String results = MarkdownReport.render(files, JmhResults.empty(), Map.of("mllp-files", ReplayOutcome.of(replay)),
                run("0.10 0.20 0.30", false));

        assertThat(results)
                .contains("| vendor-a/messages | 10 | 10 | 8 | 2 | 0 | 80.0% | 0 |")
                .contains("| vendor-b | 3 | 2 | 1 | 0 | 1 | 33.3% | 1 |")
                .contains("| vendor-a/messages | QRY^A19 | AE | 200 | unsupported message type | 2 |")
                .contains("| vendor-b | ? | AR | 102 | message could not be parsed | 1 |");
    }

    @Test
    void aBusyMachineIsSaidSo() {
        String results = MarkdownReport.render(List.of(), JmhResults.empty(), Map.of(), run("3.50 2.00 1.00", true));
        assertThat(results).contains("**Busy machine:** the load average was 3.5 on 2 cores", "**Quick run**");
    }

    @Test
    void everyScenarioHasAUniqueIdAndBaseline() {
        List<Scenario> all = Scenarios.standard();
        assertThat(all).extracting(Scenario::id).doesNotHaveDuplicates();
        assertThat(all).allSatisfy(s -> assertThat(s.baseline()).isNotBlank());
        assertThat(Suite.select(all, "hl7,mllp-adt")).extracting(Scenario::id).containsExactly("hl7", "mllp-adt");
    }

    @Test
    void theScrubberRunsOnTheRealNotesOnlyWhenTheyAreThere() {
        assertThat(Scenarios.deidText(false).pairs()).hasSize(1);
        assertThat(Scenarios.deidText(false).jmh()).containsExactly("io.annota.bench.SafeHarborBenchmarks.scrubber",
                "io.annota.bench.SafeHarborBenchmarks.oneRegexPass");
        Scenario withRealNotes = Scenarios.deidText(true);
        assertThat(withRealNotes.pairs()).extracting(Scenario.JmhPair::figure).containsExactly(
                "io.annota.bench.SafeHarborBenchmarks.scrubber", "io.annota.bench.SafeHarborBenchmarks.scrubberPhysionet");
        assertThat(withRealNotes.what()).contains("physionet-deid-dev");
    }

    /** An MLLP replay of 0.4 s at 250 messages/s, p99 9.25 ms, server at 50% CPU and 1,500 MiB. */
    private static ReplayReport mllpReplay(long sent, long answered, long succeeded, Map<String, Long> outcomes,
            List<ReplayReport.SetAnswers> sets) {
        return new ReplayReport("mllp", "127.0.0.1:2575", 1, "generated ADT, seed 1, " + sent + " messages", sent,
                answered, succeeded, 0.4, 250.0, new LatencyStats.Summary((int) answered, 3.5, 6.0, 9.25, 12.0, 4.0),
                outcomes, new ReplayReport.Server(0.5, 4, 1_500L * 1048576), sets);
    }

    private static MarkdownReport.Run run(String load, boolean quick) {
        return new MarkdownReport.Run(new MachineInfo("Some CPU", 2, "8.0 GiB", "Linux", "JDK 17", "today", load),
                "benchmarks/run-suite.sh", quick, 12.5);
    }
}
