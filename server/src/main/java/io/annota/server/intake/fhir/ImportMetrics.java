package io.annota.server.intake.fhir;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code annota_fhir_import_resources_total{channel,outcome}}: NDJSON lines stored or failed, per channel (the
 * directory channel's id, or {@code $import}). Counts only.
 */
public final class ImportMetrics implements NdjsonImporter.Counter {

    static final String RESOURCES = "annota.fhir.import.resources";

    private final MeterRegistry registry;

    public ImportMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void count(String source, String outcome, int count) {
        registry.counter(RESOURCES, "channel", source, "outcome", outcome).increment(count);
    }
}
