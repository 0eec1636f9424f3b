package io.annota.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Time from a note stored to its annotations searchable: posts each generated transaction bundle (one note each)
 * and, once the server has answered (stored), polls {@code Provenance?entity=DocumentReference/<id>} (the run's
 * source; its targets are the annotations) until the annotation run's Provenance is found. The Provenance is written in the same transaction as the annotations, so
 * when it is found they are all searchable. One client, one note at a time: the figure is latency, not throughput.
 */
public final class NlpLatencyReplay {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration POLL = Duration.ofMillis(50);

    private NlpLatencyReplay() {
    }

    public static ReplayReport run(FhirReplay.Options options) {
        if (!options.warmup().isEmpty()) {
            ReplayLoop.run(1, options.warmup().size(), () -> new Client(options, options.warmup()),
                    options.deadline());
        }
        ReplayLoop.Measured measured;
        ReplayReport.Server server;
        try (ServerSampler sampler = new ServerSampler(options.actuatorBase(), Duration.ofMillis(500))) {
            measured = ReplayLoop.run(1, options.bundles().size(), () -> new Client(options, options.bundles()),
                    options.deadline());
            server = sampler.finish();
        }
        return ReplayLoop.report("nlp-latency", options.base(), 1, options.source(), measured, server, List.of());
    }

    /** The id ({@code DocumentReference/12}) of the note a transaction response created, if any. */
    static Optional<String> documentReference(String transactionResponse) throws IOException {
        for (JsonNode entry : JSON.readTree(transactionResponse).path("entry")) {
            String location = entry.path("response").path("location").asText("");
            if (location.startsWith("DocumentReference/")) {
                int history = location.indexOf("/_history");
                return Optional.of(history < 0 ? location : location.substring(0, history));
            }
        }
        return Optional.empty();
    }

    private static final class Client implements ReplayLoop.Client {
        private final FhirReplay.Options options;
        private final List<String> bundles;
        private final HttpClient http;

        Client(FhirReplay.Options options, List<String> bundles) {
            this.options = options;
            this.bundles = bundles;
            this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofMillis(options.timeoutMillis())).build();
        }

        @Override
        public ReplayLoop.Result send(int index) {
            try {
                HttpResponse<String> stored = http.send(HttpRequest.newBuilder(URI.create(options.base()))
                        .timeout(Duration.ofMillis(options.timeoutMillis()))
                        .header("Content-Type", "application/fhir+json; charset=utf-8")
                        .header("Accept", "application/fhir+json")
                        .POST(HttpRequest.BodyPublishers.ofString(bundles.get(index))).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (stored.statusCode() / 100 != 2) {
                    return new ReplayLoop.Result("HTTP " + stored.statusCode(), false, false, 0);
                }
                Optional<String> document = documentReference(stored.body());
                if (document.isEmpty()) {
                    return ReplayLoop.Result.failure("no note in the bundle");
                }
                long storedAt = System.nanoTime();
                long giveUpAt = storedAt + Duration.ofMillis(options.timeoutMillis()).toNanos();
                while (System.nanoTime() < giveUpAt) {
                    if (annotated(document.get())) {
                        return new ReplayLoop.Result("annotated", true, true, System.nanoTime() - storedAt);
                    }
                    Thread.sleep(POLL.toMillis());
                }
                return ReplayLoop.Result.failure("timeout");
            } catch (IOException | InterruptedException e) {
                return ReplayLoop.Result.failure(e);
            }
        }

        private boolean annotated(String document) throws IOException, InterruptedException {
            URI search = URI.create(options.base() + "/Provenance?_summary=count&entity="
                    + URLEncoder.encode(document, StandardCharsets.UTF_8));
            HttpResponse<String> found = http.send(HttpRequest.newBuilder(search)
                    .timeout(Duration.ofMillis(options.timeoutMillis()))
                    .header("Accept", "application/fhir+json").GET().build(), HttpResponse.BodyHandlers.ofString());
            return found.statusCode() == 200 && JSON.readTree(found.body()).path("total").asInt(0) > 0;
        }

        @Override
        public void close() {
            // java.net.http.HttpClient has no close() on JDK 17; its connections end with it
        }
    }
}
