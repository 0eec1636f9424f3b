package io.annota.bench.suite;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One scenario of the suite and how its table is made: either JMH benchmarks (pairs of figure and baseline
 * measured in the same run) or a replay into the running server (with the baseline it is compared to).
 *
 * @param id short name (also the name of its JSON file under the suite's output directory)
 * @param title heading in docs/benchmarks.md
 * @param what what the figure measures
 * @param baseline what the baseline is, in words
 * @param jmh JMH benchmarks to run (full names, {@code io.annota.bench.Class.method})
 * @param jmhParams JMH parameters these benchmarks need, e.g. {@code profile -> [full]}
 * @param pairs the rows of a JMH scenario
 * @param replay the replay of a driver scenario, or null
 */
public record Scenario(
        String id,
        String title,
        String what,
        String baseline,
        List<String> jmh,
        Map<String, List<String>> jmhParams,
        List<JmhPair> pairs,
        Replay replay) {

    /**
     * A row: the figure and its baseline, both JMH results keyed as {@code benchmark} or
     * {@code benchmark[param=value]}.
     */
    public record JmhPair(String label, String figure, String baseline) {
    }

    /**
     * A replay into the server the suite started.
     *
     * @param args the {@link io.annota.bench.ReplayDriver} arguments for the suite's environment
     * @param throughputBaseline what the throughput is compared to
     * @param needsFiles true if it replays files (skipped when the folder is absent)
     */
    public record Replay(Function<SuiteEnv, List<String>> args, ThroughputBaseline throughputBaseline,
            boolean needsFiles) {
    }

    /** The baseline of a replay's throughput. */
    public sealed interface ThroughputBaseline {
        /** Operations per second of a JMH benchmark in average-time mode (1 / time per operation). */
        record JmhRate(String benchmark) implements ThroughputBaseline {
        }

        /** The throughput of another replay of this run. */
        record ReplayThroughput(String scenarioId) implements ThroughputBaseline {
        }
    }

    public static Scenario jmh(String id, String title, String what, String baseline, List<JmhPair> pairs,
            Map<String, List<String>> params) {
        List<String> benchmarks = pairs.stream()
                .flatMap(pair -> java.util.stream.Stream.of(pair.figure(), pair.baseline()))
                .map(Scenario::benchmarkName)
                .distinct()
                .toList();
        return new Scenario(id, title, what, baseline, benchmarks, params, pairs, null);
    }

    public static Scenario replay(String id, String title, String what, String baseline, Replay replay,
            List<String> jmhForBaseline) {
        return new Scenario(id, title, what, baseline, jmhForBaseline, Map.of(), List.of(), replay);
    }

    /** {@code a.B.m[p=v]} -> {@code a.B.m}. */
    static String benchmarkName(String key) {
        int bracket = key.indexOf('[');
        return bracket < 0 ? key : key.substring(0, bracket);
    }
}
