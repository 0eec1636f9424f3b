package io.annota.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a FHIR Bulk Data export (a directory of NDJSON files) with one {@code $import} and polls
 * {@code $import-poll-status} until the job is done: the throughput is resources stored per second of the whole
 * job (transactions, de-identification, JPA storage; the server queues the notes for NLP meanwhile, which runs
 * beside on the same cores). The directory must be inside the server's {@code annota.bulk-import.allowed-
 * directories}. The one latency sample is the whole import. Never prints resource contents.
 */
public final class NdjsonImportReplay {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(500);

    /**
     * @param base FHIR base URL
     * @param export the export's directory, as the server sees it
     * @param actuatorBase for CPU and RSS samples, or null
     * @param deadline at most this long; an unfinished job is reported as far as it got
     */
    public record Options(String base, Path export, String actuatorBase, Duration deadline) {
    }

    private NdjsonImportReplay() {
    }

    public static ReplayReport run(Options options) throws IOException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        String body = """
                {"resourceType":"Parameters","parameter":[
                  {"name":"inputFormat","valueString":"application/fhir+ndjson"},
                  {"name":"input","part":[{"name":"url","valueUri":"%s"}]}]}"""
                .formatted(options.export().toAbsolutePath().toUri());
        long start = System.nanoTime();
        long deadline = start + options.deadline().toNanos();
        JsonNode status;
        ReplayReport.Server server;
        try (ServerSampler sampler = new ServerSampler(options.actuatorBase(), POLL)) {
            HttpResponse<String> accepted = send(http, HttpRequest.newBuilder(URI.create(options.base() + "/$import"))
                    .header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build());
            if (accepted.statusCode() != 202) {
                throw new IOException("$import answered HTTP " + accepted.statusCode());
            }
            HttpRequest poll = HttpRequest.newBuilder(URI.create(accepted.headers().firstValue("Content-Location")
                    .orElseThrow(() -> new IOException("$import answered without Content-Location")))).build();
            HttpResponse<String> answer;
            do {
                sleep();
                answer = send(http, poll);
            } while (answer.statusCode() == 202 && System.nanoTime() < deadline);
            status = JSON.readTree(answer.body());
            server = sampler.finish();
        }
        long nanos = System.nanoTime() - start;
        Map<String, Long> values = values(status);
        long stored = values.getOrDefault("resourcesStored", 0L);
        LatencyStats whole = new LatencyStats();
        whole.add(nanos);
        Map<String, Long> outcomes = new LinkedHashMap<>();
        outcomes.put("stored", stored);
        outcomes.put("failed", values.getOrDefault("linesFailed", 0L));
        double seconds = nanos / 1e9;
        return new ReplayReport("ndjson-import", options.base(), 1, "NDJSON export " + options.export() + " ("
                + values.getOrDefault("linesTotal", 0L) + " resources)", values.getOrDefault("linesTotal", 0L),
                values.getOrDefault("linesDone", 0L), stored, seconds, stored / seconds, whole.summary(), outcomes,
                server, List.of());
    }

    /** The Parameters' integer values by name. */
    private static Map<String, Long> values(JsonNode parameters) {
        Map<String, Long> values = new LinkedHashMap<>();
        for (JsonNode parameter : parameters.path("parameter")) {
            if (parameter.has("valueInteger")) {
                values.put(parameter.path("name").asText(), parameter.path("valueInteger").asLong());
            }
        }
        return values;
    }

    private static HttpResponse<String> send(HttpClient http, HttpRequest request) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void sleep() throws IOException {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
