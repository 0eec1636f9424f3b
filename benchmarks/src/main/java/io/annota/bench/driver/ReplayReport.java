package io.annota.bench.driver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one replay measured. Counts, timings and server figures only: never message or resource contents.
 *
 * @param kind {@code mllp} or {@code fhir}
 * @param target where the replay went (host:port or FHIR base URL)
 * @param concurrency connections (MLLP) or clients (FHIR), each sending one request at a time
 * @param source where the messages came from (generator and seed, or files)
 * @param sent requests attempted in the measured phase (warm-up excluded)
 * @param answered requests that got an answer (an ACK frame, an HTTP status)
 * @param succeeded answers that mean stored: ACK AA, HTTP 2xx
 * @param seconds wall time of the measured phase
 * @param throughput answered requests per second
 * @param latencyMs latency of answered requests, in milliseconds
 * @param outcomes counts by kind: ACK codes ({@code AA}, {@code AE}, {@code AR}...), HTTP statuses ({@code HTTP 200}),
 *        {@code timeout}, {@code socket-error}, {@code exception:<class>}
 * @param server the server's CPU and RSS during the measured phase
 * @param sets MLLP: the answers per set of messages (files: per folder, see {@link Hl7Files#load}; generated: one
 *        set), in input order; empty for FHIR
 */
public record ReplayReport(
        String kind,
        String target,
        int concurrency,
        String source,
        long sent,
        long answered,
        long succeeded,
        double seconds,
        double throughput,
        LatencyStats.Summary latencyMs,
        Map<String, Long> outcomes,
        Server server,
        List<SetAnswers> sets) {

    public ReplayReport {
        sets = sets == null ? List.of() : List.copyOf(sets); // null in reports written before sets were counted
    }

    /**
     * The answers to one set of messages.
     *
     * @param sent requests attempted
     * @param answered requests that got an acknowledgement (the rest timed out or lost their connection)
     * @param outcomes counts by kind, as in the report
     * @param rejections the AE/AR answers grouped by message type, code, error code and reason, most frequent first
     */
    public record SetAnswers(String set, long sent, long answered, Map<String, Long> outcomes,
            List<Rejection> rejections) {

        public long count(String outcome) {
            return outcomes.getOrDefault(outcome, 0L);
        }

        /** AA answers per message sent (0 if none was sent). */
        public double acceptedShare() {
            return sent == 0 ? 0 : (double) count("AA") / sent;
        }
    }

    /**
     * AE or AR answers of one kind.
     *
     * @param messageType MSH-9.1^MSH-9.2 of the messages, {@code ?} if unreadable
     * @param code MSA-1
     * @param errorCode HL7 table 0357 code from ERR-3 (ERR-1 before v2.5), "" if none
     * @param reason MSA-3
     */
    public record Rejection(String messageType, String code, String errorCode, String reason, long count) {
    }

    /**
     * @param cpuAverage mean of {@code process.cpu.usage} samples (share of all cores, 0..1), null if unavailable
     * @param cpuSamples number of CPU samples
     * @param rssMaxBytes largest {@code annota.process.rss} sample, null if unavailable
     */
    public record Server(Double cpuAverage, int cpuSamples, Long rssMaxBytes) {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void writeJson(Path file) throws IOException {
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        JSON.writeValue(file.toFile(), this);
    }

    public static ReplayReport readJson(Path file) throws IOException {
        return JSON.readValue(file.toFile(), ReplayReport.class);
    }

    private boolean hasRejections() {
        return sets.stream().anyMatch(set -> !set.rejections().isEmpty());
    }

    /** A few lines for a terminal; answers per set when there are several sets or any AE/AR. */
    public String toText() {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s replay to %s, concurrency %d, %s%n", kind, target, concurrency, source));
        out.append(String.format(Locale.ROOT, "  sent %d, answered %d, succeeded %d in %.2f s%n", sent, answered,
                succeeded, seconds));
        out.append(String.format(Locale.ROOT, "  throughput %.1f /s%n", throughput));
        out.append(String.format(Locale.ROOT, "  latency ms: p50 %.2f  p95 %.2f  p99 %.2f  max %.2f  mean %.2f%n",
                latencyMs.p50(), latencyMs.p95(), latencyMs.p99(), latencyMs.max(), latencyMs.mean()));
        out.append("  outcomes:");
        outcomes.forEach((name, count) -> out.append(' ').append(name).append('=').append(count));
        out.append(System.lineSeparator());
        out.append("  server: CPU ")
                .append(server.cpuAverage() == null ? "n/a"
                        : String.format(Locale.ROOT, "%.1f%% of all cores (mean of %d samples)",
                                server.cpuAverage() * 100, server.cpuSamples()))
                .append(", RSS max ")
                .append(server.rssMaxBytes() == null ? "n/a"
                        : String.format(Locale.ROOT, "%.0f MiB", server.rssMaxBytes() / 1048576.0))
                .append(System.lineSeparator());
        for (SetAnswers set : sets.size() > 1 || hasRejections() ? sets : List.<SetAnswers>of()) {
            out.append(String.format(Locale.ROOT, "  set %s: sent %d, answered %d, AA share %.1f%%,", set.set(),
                    set.sent(), set.answered(), set.acceptedShare() * 100));
            set.outcomes().forEach((name, count) -> out.append(' ').append(name).append('=').append(count));
            out.append(System.lineSeparator());
            for (Rejection r : set.rejections()) {
                out.append(String.format(Locale.ROOT, "    %5d  %-8s %s %-4s %s%n", r.count(), r.messageType(),
                        r.code(), r.errorCode(), r.reason()));
            }
        }
        return out.toString();
    }
}
