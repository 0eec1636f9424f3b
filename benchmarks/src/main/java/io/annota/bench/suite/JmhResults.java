package io.annota.bench.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Scores from a JMH JSON result file, keyed {@code benchmark} or {@code benchmark[param=value,...]} (parameters
 * in the order JMH lists them).
 */
public final class JmhResults {

    /** A score with its 99.9% error margin (NaN with a single iteration) and unit, e.g. {@code us/op}. */
    public record Score(double score, double error, String unit) {

        /** Operations per second, from a throughput unit ({@code ops/s}) or a time-per-operation unit. */
        public double opsPerSecond() {
            if ("ops/s".equals(unit)) {
                return score;
            }
            double perSecond = switch (unit) {
                case "ns/op" -> 1e9;
                case "us/op" -> 1e6;
                case "ms/op" -> 1e3;
                case "s/op" -> 1;
                default -> throw new IllegalStateException("neither ops/s nor a time per operation: " + unit);
            };
            return perSecond / score;
        }
    }

    private final Map<String, Score> scores;

    private JmhResults(Map<String, Score> scores) {
        this.scores = scores;
    }

    public static JmhResults empty() {
        return new JmhResults(Map.of());
    }

    public static JmhResults read(List<Path> files) throws IOException {
        Map<String, Score> scores = new LinkedHashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (Path file : files) {
            if (!Files.exists(file)) {
                continue;
            }
            for (JsonNode run : json.readTree(file.toFile())) {
                StringBuilder key = new StringBuilder(run.path("benchmark").asText());
                JsonNode params = run.path("params");
                if (params.isObject() && params.size() > 0) {
                    List<String> parts = new ArrayList<>();
                    params.properties().forEach(p -> parts.add(p.getKey() + "=" + p.getValue().asText()));
                    key.append('[').append(String.join(",", parts)).append(']');
                }
                JsonNode metric = run.path("primaryMetric");
                double error = metric.path("scoreError").isNumber() ? metric.path("scoreError").asDouble() : Double.NaN;
                scores.put(key.toString(), new Score(metric.path("score").asDouble(), error,
                        metric.path("scoreUnit").asText()));
            }
        }
        return new JmhResults(scores);
    }

    public Optional<Score> get(String key) {
        return Optional.ofNullable(scores.get(key));
    }

    public Map<String, Score> all() {
        return scores;
    }
}
