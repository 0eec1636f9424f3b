package io.annota.bench.driver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** Posts FHIR transaction bundles to a FHIR base URL from N clients, each waiting for every response. */
public final class FhirReplay {

    /**
     * @param bundles the measured bundles (JSON), request i posts {@code bundles.get(i)}
     * @param warmup bundles posted first by the same number of clients, not measured
     * @param actuatorBase the server's actuator, for CPU and RSS; null to skip
     */
    public record Options(String base, int clients, List<String> bundles, List<String> warmup, int timeoutMillis,
            String source, String actuatorBase, Duration deadline) {
    }

    private FhirReplay() {
    }

    public static ReplayReport run(Options options) {
        if (!options.warmup().isEmpty()) {
            ReplayLoop.run(options.clients(), options.warmup().size(),
                    () -> new Client(options, options.warmup()), options.deadline());
        }
        ReplayLoop.Measured measured;
        ReplayReport.Server server;
        try (ServerSampler sampler = new ServerSampler(options.actuatorBase(), Duration.ofMillis(500))) {
            measured = ReplayLoop.run(options.clients(), options.bundles().size(),
                    () -> new Client(options, options.bundles()), options.deadline());
            server = sampler.finish();
        }
        return ReplayLoop.report("fhir", options.base(), options.clients(), options.source(), measured, server,
                List.of());
    }

    /** One client with its own HTTP/1.1 connection. */
    private static final class Client implements ReplayLoop.Client {
        private final Options options;
        private final List<String> bundles;
        private final HttpClient http;
        private final URI uri;

        Client(Options options, List<String> bundles) {
            this.options = options;
            this.bundles = bundles;
            this.http = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofMillis(options.timeoutMillis()))
                    .build();
            this.uri = URI.create(options.base());
        }

        @Override
        public ReplayLoop.Result send(int index) {
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofMillis(options.timeoutMillis()))
                    .header("Content-Type", "application/fhir+json; charset=utf-8")
                    .header("Accept", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString(bundles.get(index)))
                    .build();
            long started = System.nanoTime();
            try {
                HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
                long nanos = System.nanoTime() - started;
                int status = response.statusCode();
                return new ReplayLoop.Result("HTTP " + status, true, status / 100 == 2, nanos);
            } catch (IOException | InterruptedException e) {
                return ReplayLoop.Result.failure(e);
            }
        }

        @Override
        public void close() {
            // java.net.http.HttpClient has no close() on JDK 17; its connections end with it
        }
    }
}
