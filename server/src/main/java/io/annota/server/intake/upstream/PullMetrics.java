package io.annota.server.intake.upstream;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code annota_fhir_pull_resources_total{channel,type,outcome}} (outcome {@code stored}, {@code skipped}: already
 * stored at the checkpoint, {@code failed}: dead letter) and {@code annota_fhir_pull_last_success_seconds{channel}}
 * (epoch seconds of the last poll that reached the end of every type). Counts only.
 */
public final class PullMetrics {

    static final String RESOURCES = "annota.fhir.pull.resources";
    static final String LAST_SUCCESS = "annota.fhir.pull.last.success.seconds";

    private final MeterRegistry registry;
    private final Map<String, AtomicLong> lastSuccess = new ConcurrentHashMap<>();

    public PullMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void count(String channel, String type, String outcome, int count) {
        if (count > 0) {
            registry.counter(RESOURCES, "channel", channel, "type", type, "outcome", outcome).increment(count);
        }
    }

    public void succeeded(String channel, Instant at) {
        lastSuccess.computeIfAbsent(channel, id -> {
            AtomicLong seconds = new AtomicLong();
            Gauge.builder(LAST_SUCCESS, seconds, AtomicLong::get).tag("channel", id).register(registry);
            return seconds;
        }).set(at.getEpochSecond());
    }
}
