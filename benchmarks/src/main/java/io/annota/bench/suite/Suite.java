package io.annota.bench.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.annota.bench.ReplayDriver;
import io.annota.bench.driver.ReplayReport;
import io.annota.bench.suite.MarkdownReport.ReplayOutcome;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the standard suite ({@link Scenarios#standard()}): the JMH benchmarks, then the server jar with the replay
 * scenarios against it, then writes docs/benchmarks.md. Run from the repository root (benchmarks/run-suite.sh does).
 *
 * <pre>
 * Suite [--quick] [--only id,id] [--out DIR] [--doc FILE] [--server-jar JAR] [--server-heap 2g]
 *       [--hl7-files DIR] [--command TEXT] [--report-only]
 * </pre>
 */
public final class Suite {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Suite() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Map<String, String> options = options(args);
        boolean quick = options.containsKey("--quick");
        Path outDir = Path.of(options.getOrDefault("--out", "benchmarks/target/suite"));
        Path doc = Path.of(options.getOrDefault("--doc", "docs/benchmarks.md"));
        Path serverJar = Path.of(options.getOrDefault("--server-jar", "server/target/annota-server.jar"));
        Path hl7Files = Path.of(options.getOrDefault("--hl7-files", "../shared/data/hl7v2"));
        Path ndjsonExport = Path.of(options.getOrDefault("--ndjson-export",
                "../shared/data/fhir-r4/synthea-bulk-ndjson-10-patients"));
        String command = options.getOrDefault("--command", "benchmarks/run-suite.sh");
        String heap = options.getOrDefault("--server-heap", "2g");
        boolean reportOnly = options.containsKey("--report-only");

        List<Scenario> scenarios = select(Scenarios.standard(), options.get("--only"));
        Files.createDirectories(outDir);
        Path jmhFile = outDir.resolve("jmh.json");
        long started = System.nanoTime();
        String loadAtStart = MachineInfo.loadAverage();

        if (!reportOnly) {
            Set<String> benchmarks = new LinkedHashSet<>();
            Map<String, Set<String>> params = new TreeMap<>();
            for (Scenario scenario : scenarios) {
                benchmarks.addAll(scenario.jmh());
                scenario.jmhParams().forEach((name, values) ->
                        params.computeIfAbsent(name, k -> new TreeSet<>()).addAll(values));
            }
            Files.deleteIfExists(jmhFile);
            if (!benchmarks.isEmpty()) {
                out.println("== JMH: " + String.join(", ", benchmarks));
                runJmh(benchmarks, params, quick, jmhFile);
            }
        }
        JmhResults jmh = JmhResults.read(List.of(jmhFile));

        Map<String, ReplayOutcome> replays = new LinkedHashMap<>();
        List<Scenario> replayScenarios = scenarios.stream().filter(s -> s.replay() != null).toList();
        if (!replayScenarios.isEmpty()) {
            if (reportOnly) {
                for (Scenario scenario : replayScenarios) {
                    Path file = outDir.resolve(scenario.id() + ".json");
                    replays.put(scenario.id(), Files.exists(file) ? ReplayOutcome.of(ReplayReport.readJson(file))
                            : ReplayOutcome.skipped("no result file"));
                }
            } else {
                runReplays(replayScenarios, serverJar, heap, hl7Files, ndjsonExport, quick, outDir, replays, out);
            }
        }

        double minutes = (System.nanoTime() - started) / 60e9;
        Path runFile = outDir.resolve("run.json");
        MarkdownReport.Run run;
        if (reportOnly && Files.exists(runFile)) {
            run = JSON.readValue(runFile.toFile(), MarkdownReport.Run.class); // the measured run, not this rendering
        } else {
            run = new MarkdownReport.Run(MachineInfo.current(loadAtStart), command, quick, minutes);
            if (!reportOnly) {
                JSON.writeValue(runFile.toFile(), run);
            }
        }
        String results = MarkdownReport.render(scenarios, jmh, replays, run);
        MarkdownReport.write(doc, results);
        out.println("== Written " + doc + String.format(" (suite took %.1f min)", run.minutes()));

        List<String> missing = missing(scenarios, jmh, replays);
        if (!missing.isEmpty()) {
            System.err.println("== Missing results: " + String.join(", ", missing));
            System.exit(1);
        }
    }

    private static void runJmh(Set<String> benchmarks, Map<String, Set<String>> params, boolean quick, Path result)
            throws RunnerException {
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .resultFormat(ResultFormatType.JSON)
                .result(result.toString())
                .shouldFailOnError(false);
        for (String benchmark : benchmarks) {
            builder.include("^" + Pattern.quote(benchmark) + "$");
        }
        params.forEach((name, values) -> builder.param(name, values.toArray(String[]::new)));
        if (quick) {
            builder.warmupIterations(1).warmupTime(TimeValue.seconds(1))
                    .measurementIterations(1).measurementTime(TimeValue.seconds(2));
        }
        new Runner(builder.build()).run();
    }

    private static void runReplays(List<Scenario> scenarios, Path serverJar, String heap, Path hl7Files,
            Path ndjsonExport,
            boolean quick, Path outDir, Map<String, ReplayOutcome> replays, PrintStream out) throws Exception {
        out.println("== Starting " + serverJar + " (-Xmx" + heap + ")");
        long t0 = System.nanoTime();
        Path export = Files.isDirectory(ndjsonExport) ? ndjsonExport.toRealPath() : null;
        List<String> jvmOptions = new ArrayList<>(List.of("-Xmx" + heap));
        if (export != null) {
            // the only directory the server's $import may read (the ndjson-import scenario)
            jvmOptions.add("-Dannota.bulk-import.allowed-directories=" + export);
        }
        try (ServerProcess server = ServerProcess.start(serverJar, jvmOptions,
                outDir.resolve("server.log"), Duration.ofMinutes(5))) {
            out.printf("== Server healthy after %.0f s: %s, MLLP port %d%n", (System.nanoTime() - t0) / 1e9,
                    server.fhirBase(), server.mllpPort());
            SuiteEnv env = new SuiteEnv("127.0.0.1", server.mllpPort(), server.fhirBase(), server.actuatorBase(),
                    System.currentTimeMillis(), Files.isDirectory(hl7Files) ? hl7Files : null, quick, export);
            for (Scenario scenario : scenarios) {
                if (scenario.replay().needsFiles() && env.hl7Files() == null) {
                    replays.put(scenario.id(), ReplayOutcome.skipped("no sample files at " + hl7Files));
                    continue;
                }
                List<String> args = new ArrayList<>(scenario.replay().args().apply(env));
                // a time limit per replay keeps the suite's length bounded on a slow or busy machine; a scenario
                // that must finish to mean anything (a whole import) sets its own
                if (!args.contains("--max-seconds")) {
                    args.addAll(List.of("--max-seconds", quick ? "60" : "75"));
                }
                out.println("== Replay " + scenario.id() + ": " + String.join(" ", args));
                try {
                    ReplayReport report = ReplayDriver.run(args.toArray(String[]::new));
                    report.writeJson(outDir.resolve(scenario.id() + ".json"));
                    out.print(report.toText());
                    replays.put(scenario.id(), ReplayOutcome.of(report));
                } catch (IOException | RuntimeException e) {
                    out.println("   failed: " + e.getClass().getSimpleName());
                    replays.put(scenario.id(), ReplayOutcome.skipped("failed (" + e.getClass().getSimpleName() + ")"));
                }
            }
            out.println("== Stopping the server");
        }
    }

    private static List<String> missing(List<Scenario> scenarios, JmhResults jmh, Map<String, ReplayOutcome> replays) {
        List<String> missing = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (Scenario.JmhPair pair : scenario.pairs()) {
                for (String key : List.of(pair.figure(), pair.baseline())) {
                    if (jmh.get(key).isEmpty()) {
                        missing.add(key);
                    }
                }
            }
            if (scenario.replay() != null) {
                ReplayOutcome outcome = replays.get(scenario.id());
                boolean skippedForFiles = outcome != null && outcome.notRun() != null
                        && outcome.notRun().startsWith("no sample files");
                if ((outcome == null || outcome.report() == null) && !skippedForFiles) {
                    missing.add(scenario.id());
                }
            }
        }
        return missing;
    }

    static List<Scenario> select(List<Scenario> all, String only) {
        if (only == null || only.isBlank()) {
            return all;
        }
        Set<String> ids = new LinkedHashSet<>(Arrays.asList(only.split(",")));
        List<Scenario> selected = all.stream().filter(s -> ids.contains(s.id())).toList();
        if (selected.size() != ids.size()) {
            throw new IllegalArgumentException("unknown scenario in --only " + only + "; known: "
                    + all.stream().map(Scenario::id).toList());
        }
        return selected;
    }

    private static Map<String, String> options(String[] args) {
        Set<String> flags = Set.of("--quick", "--report-only");
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (flags.contains(args[i])) {
                options.put(args[i], "true");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i], args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
        }
        return options;
    }
}
