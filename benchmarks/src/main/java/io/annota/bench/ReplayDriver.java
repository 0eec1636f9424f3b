package io.annota.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.annota.bench.driver.FhirReplay;
import io.annota.bench.driver.NlpLatencyReplay;
import io.annota.bench.driver.Hl7Files;
import io.annota.bench.driver.Hl7Message;
import io.annota.bench.driver.MllpReplay;
import io.annota.bench.driver.NdjsonImportReplay;
import io.annota.bench.driver.ReplayReport;
import io.annota.bench.driver.ServerSampler;
import io.annota.synthetic.GeneratedBundle;
import io.annota.synthetic.GeneratedHl7;
import io.annota.synthetic.SyntheticFeed;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line driver that replays a feed into a running Annota and prints throughput, latency percentiles, outcomes
 * by kind and the server's CPU and RSS.
 *
 * <pre>
 * ReplayDriver mllp [--host H] [--port P] [--connections N] [--messages N]
 *                   (--generated [--type adt|oru|mdm] [--seed S] | --files DIR_OR_GLOB) [--warmup N]
 *                   [--timeout-ms T] [--actuator URL | --no-server-metrics] [--max-seconds S] [--json FILE]
 * ReplayDriver fhir [--base URL] [--clients N] [--bundles N] [--seed S] [--warmup N] [--timeout-ms T]
 *                   [--unconditional] [--actuator URL | --no-server-metrics] [--max-seconds S] [--json FILE]
 * ReplayDriver nlp-latency  (the fhir options; one client): time from each note stored to its annotations
 *                   searchable ({@link NlpLatencyReplay})
 * ReplayDriver ndjson-import --dir EXPORT_DIR [--base URL] [--actuator URL | --no-server-metrics] [--max-seconds S]
 *                   [--json FILE]: one {@code $import} of a Bulk Data export, resources/s ({@link NdjsonImportReplay})
 * </pre>
 *
 * Generated feeds come from {@link SyntheticFeed}: a new {@code --seed} (default: the current time) gives new
 * patients and identifiers, so a rerun against the same database creates rather than updates. Warm-up messages
 * come from a different seed. {@code --type} picks the generated messages: ADT (default), ORU^R01 or MDM^T02
 * ({@link GeneratedHl7Kind}). Files are sent as stored except that line ends become CR; several messages in one
 * file are split at each MSH segment. MLLP answers are also counted per set (each folder below the one given to
 * {@code --files}), AE/AR answers by message type, error code (ERR-3) and reason (MSA-3). {@code --unconditional} removes the generated bundles' conditional creates
 * ({@code ifNoneExist} on the Patient), for a server that refuses them (Annota did, with HTTP 412, before it
 * learned to pseudonymise the identifier in the condition). Never prints message contents.
 */
public final class ReplayDriver {

    private static final Set<String> FLAGS = Set.of("--generated", "--no-server-metrics", "--unconditional");

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReplayDriver() {
    }

    public static void main(String[] args) {
        PrintStream out = System.out;
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            out.println(usage());
            return;
        }
        try {
            ReplayReport report = run(args);
            out.print(report.toText());
            String json = parse(args).get("--json");
            if (json != null) {
                report.writeJson(Path.of(json));
                out.println("  written: " + json);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("replay: " + e.getMessage());
            System.err.println(usage());
            System.exit(2);
        } catch (IOException e) {
            System.err.println("replay failed: " + e);
            System.exit(1);
        }
    }

    /** Runs the replay that {@code args} describe (the same arguments as the command line). */
    public static ReplayReport run(String... args) throws IOException {
        Map<String, String> options = parse(args);
        return switch (args[0]) {
            case "mllp" -> MllpReplay.run(mllpOptions(options));
            case "fhir" -> FhirReplay.run(fhirOptions(options));
            case "nlp-latency" -> NlpLatencyReplay.run(fhirOptions(options));
            case "ndjson-import" -> NdjsonImportReplay.run(new NdjsonImportReplay.Options(
                    options.getOrDefault("--base", "http://127.0.0.1:8080/fhir"), Path.of(required(options, "--dir")),
                    options.containsKey("--no-server-metrics") ? null : options.getOrDefault("--actuator",
                            ServerSampler.actuatorFor(options.getOrDefault("--base", "http://127.0.0.1:8080/fhir"))),
                    deadline(options)));
            default -> throw new IllegalArgumentException("unknown command " + args[0]
                    + " (mllp, fhir, nlp-latency or ndjson-import)");
        };
    }

    static MllpReplay.Options mllpOptions(Map<String, String> options) throws IOException {
        String host = options.getOrDefault("--host", "127.0.0.1");
        int port = intOption(options, "--port", 2575);
        int connections = intOption(options, "--connections", 1);
        int warmupCount = intOption(options, "--warmup", 0);
        List<Hl7Message> messages;
        List<Hl7Message> warmup = new ArrayList<>();
        String source;
        if (options.containsKey("--files")) {
            if (options.containsKey("--generated")) {
                throw new IllegalArgumentException("--files and --generated exclude each other");
            }
            if (options.containsKey("--type")) {
                throw new IllegalArgumentException("--type applies to --generated only");
            }
            String files = options.get("--files");
            List<Hl7Message> loaded = Hl7Files.load(files);
            if (loaded.isEmpty()) {
                throw new IllegalArgumentException("no HL7 v2 messages found in " + files);
            }
            int count = intOption(options, "--messages", loaded.size());
            messages = cycle(loaded, count);
            warmup.addAll(cycle(loaded, warmupCount));
            source = "files " + files + " (" + loaded.size() + " messages, " + count + " sent)";
        } else {
            GeneratedHl7Kind kind = GeneratedHl7Kind.named(options.getOrDefault("--type", "adt"));
            long seed = longOption(options, "--seed", System.currentTimeMillis());
            int count = intOption(options, "--messages", 1000);
            messages = generated(kind, seed, count);
            if (warmupCount > 0) {
                warmup.addAll(generated(kind, warmupSeed(seed), warmupCount));
            }
            source = "generated " + kind + ", seed " + seed + ", " + count + " messages";
        }
        String actuator = options.containsKey("--no-server-metrics") ? null
                : options.getOrDefault("--actuator", "http://" + host + ":8080/actuator");
        return new MllpReplay.Options(host, port, positive(connections, "--connections"), messages, warmup,
                intOption(options, "--timeout-ms", 30_000), source, actuator, deadline(options));
    }

    static FhirReplay.Options fhirOptions(Map<String, String> options) {
        String base = options.getOrDefault("--base", "http://127.0.0.1:8080/fhir");
        int clients = intOption(options, "--clients", 2);
        int count = intOption(options, "--bundles", 100);
        int warmupCount = intOption(options, "--warmup", 0);
        long seed = longOption(options, "--seed", System.currentTimeMillis());
        boolean unconditional = options.containsKey("--unconditional");
        List<String> bundles = json(new SyntheticFeed(seed).fhirBundles(count), unconditional);
        List<String> warmup = warmupCount > 0
                ? json(new SyntheticFeed(warmupSeed(seed)).fhirBundles(warmupCount), unconditional) : List.of();
        String actuator = options.containsKey("--no-server-metrics") ? null
                : options.getOrDefault("--actuator", ServerSampler.actuatorFor(base));
        return new FhirReplay.Options(base, positive(clients, "--clients"), bundles, warmup,
                intOption(options, "--timeout-ms", 60_000),
                "generated transaction bundles" + (unconditional ? " without conditional creates" : "") + ", seed "
                        + seed + ", " + count + " bundles",
                actuator, deadline(options));
    }

    static Map<String, String> parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("missing command");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            String name = args[i];
            if (!name.startsWith("--")) {
                throw new IllegalArgumentException("unexpected argument " + name);
            }
            if (FLAGS.contains(name)) {
                options.put(name, "true");
            } else if (i + 1 < args.length) {
                options.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException("missing value for " + name);
            }
        }
        return options;
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null) {
            throw new IllegalArgumentException("missing " + name);
        }
        return value;
    }

    private static long warmupSeed(long seed) {
        return seed ^ 0x5DEECE66DL;
    }

    private static Duration deadline(Map<String, String> options) {
        return Duration.ofSeconds(longOption(options, "--max-seconds", 3600));
    }

    /** Generated messages of one kind, all in one set named after the kind (e.g. {@code generated ORU}). */
    private static List<Hl7Message> generated(GeneratedHl7Kind kind, long seed, int count) {
        String set = "generated " + kind;
        List<Hl7Message> out = new ArrayList<>(count);
        for (GeneratedHl7 message : kind.generate(seed, count)) {
            out.add(new Hl7Message(set, message.bytes()));
        }
        return out;
    }

    private static List<String> json(List<GeneratedBundle> generated, boolean unconditional) {
        List<String> out = new ArrayList<>(generated.size());
        for (GeneratedBundle bundle : generated) {
            out.add(unconditional ? withoutConditionalCreates(bundle.json()) : bundle.json());
        }
        return out;
    }

    /** The bundle with every {@code entry.request.ifNoneExist} removed (plain creates). */
    static String withoutConditionalCreates(String bundleJson) {
        try {
            JsonNode bundle = JSON.readTree(bundleJson);
            for (JsonNode entry : bundle.path("entry")) {
                if (entry.path("request") instanceof ObjectNode request) {
                    request.remove("ifNoneExist");
                }
            }
            return JSON.writeValueAsString(bundle);
        } catch (IOException e) {
            throw new IllegalArgumentException("a generated bundle is not valid JSON", e);
        }
    }

    private static <T> List<T> cycle(List<T> items, int count) {
        List<T> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(items.get(i % items.size()));
        }
        return out;
    }

    private static int positive(int value, String name) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be at least 1");
        }
        return value;
    }

    private static int intOption(Map<String, String> options, String name, int fallback) {
        return (int) longOption(options, name, fallback);
    }

    private static long longOption(Map<String, String> options, String name, long fallback) {
        String value = options.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a number, got " + value);
        }
    }

    static String usage() {
        return """
                usage:
                  ReplayDriver mllp [--host H] [--port P] [--connections N] [--messages N]
                                    (--generated [--type adt|oru|mdm] [--seed S] | --files DIR_OR_GLOB) [--warmup N]
                                    [--timeout-ms T] [--actuator URL | --no-server-metrics] [--max-seconds S]
                                    [--json FILE]
                  ReplayDriver fhir [--base URL] [--clients N] [--bundles N] [--seed S] [--warmup N]
                                    [--timeout-ms T] [--unconditional] [--actuator URL | --no-server-metrics]
                                    [--max-seconds S] [--json FILE]
                  ReplayDriver ndjson-import --dir EXPORT_DIR [--base URL] [--actuator URL | --no-server-metrics]
                                    [--max-seconds S] [--json FILE]
                defaults: mllp 127.0.0.1:2575, 1 connection, 1000 generated ADT messages (all messages for --files);
                          fhir http://127.0.0.1:8080/fhir, 2 clients, 100 bundles; seed = current time;
                          actuator http://HOST:8080/actuator (mllp) or next to the FHIR base (fhir)""";
    }
}
