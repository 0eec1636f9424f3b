package io.annota.bench.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples the server's CPU and resident memory from Spring Boot actuator metrics while a replay runs:
 * {@code process.cpu.usage} (share of all cores, 0..1) and {@code annota.process.rss} (bytes), each read from
 * {@code measurements[0].value}. A metric that cannot be read is reported as absent, never as zero.
 */
public final class ServerSampler implements AutoCloseable {

    public static final String CPU_METRIC = "process.cpu.usage";
    public static final String RSS_METRIC = "annota.process.rss";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String actuatorBase;
    private final HttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Object lock = new Object();
    private double cpuSum;
    private int cpuSamples;
    private double rssMax = Double.NaN;
    private int rssSamples;

    /** @param actuatorBase e.g. {@code http://localhost:8080/actuator}; null disables sampling */
    public ServerSampler(String actuatorBase, Duration interval) {
        this.actuatorBase = actuatorBase == null ? null : stripSlash(actuatorBase);
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
                .version(HttpClient.Version.HTTP_1_1).build();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "server-sampler");
            thread.setDaemon(true);
            return thread;
        });
        if (this.actuatorBase != null) {
            scheduler.scheduleAtFixedRate(this::sample, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** The actuator base for a FHIR base URL such as {@code http://host:8080/fhir}. */
    public static String actuatorFor(String fhirBase) {
        String base = stripSlash(fhirBase);
        int slash = base.lastIndexOf('/');
        return (slash > "http://".length() ? base.substring(0, slash) : base) + "/actuator";
    }

    void sample() {
        OptionalDouble cpu = read(CPU_METRIC);
        OptionalDouble rss = read(RSS_METRIC);
        synchronized (lock) {
            if (cpu.isPresent()) {
                cpuSum += cpu.getAsDouble();
                cpuSamples++;
            }
            if (rss.isPresent()) {
                rssMax = rssSamples == 0 ? rss.getAsDouble() : Math.max(rssMax, rss.getAsDouble());
                rssSamples++;
            }
        }
    }

    private OptionalDouble read(String metric) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(actuatorBase + "/metrics/" + metric))
                    .timeout(Duration.ofSeconds(2)).GET().build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return OptionalDouble.empty();
            }
            return parseMeasurement(response.body());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalDouble.empty();
        } catch (Exception e) {
            return OptionalDouble.empty();
        }
    }

    /** {@code measurements[0].value} of an actuator metric document. */
    static OptionalDouble parseMeasurement(String json) {
        try {
            JsonNode value = JSON.readTree(json).path("measurements").path(0).path("value");
            if (!value.isNumber() || Double.isNaN(value.asDouble())) {
                return OptionalDouble.empty();
            }
            return OptionalDouble.of(value.asDouble());
        } catch (Exception e) {
            return OptionalDouble.empty();
        }
    }

    /** Stops sampling (after one last sample) and returns what was seen. */
    public ReplayReport.Server finish() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (actuatorBase != null) {
            sample();
        }
        synchronized (lock) {
            return new ReplayReport.Server(
                    cpuSamples == 0 ? null : cpuSum / cpuSamples,
                    cpuSamples,
                    rssSamples == 0 ? null : (long) rssMax);
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
