package io.annota.server.nlp;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.ToDoubleFunction;

/**
 * The annotation queue's backlog as gauges: {@code annota.nlp.queue.pending}, {@code .running} and {@code .failed}
 * (entries that used up their attempts). Each reading counts the table's rows, so the figures hold across restarts.
 */
public class NlpQueueMetrics implements MeterBinder {

    private final NlpQueueTable table;

    public NlpQueueMetrics(NlpQueueTable table) {
        this.table = table;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "pending", "resource versions waiting for annotation", NlpQueueTable.Counts::pending);
        gauge(registry, "running", "resource versions being annotated", NlpQueueTable.Counts::running);
        gauge(registry, "failed", "resource versions whose annotation failed every attempt",
                NlpQueueTable.Counts::failed);
    }

    private void gauge(MeterRegistry registry, String state, String description,
            ToDoubleFunction<NlpQueueTable.Counts> count) {
        Gauge.builder("annota.nlp.queue." + state, table, t -> count.applyAsDouble(t.counts()))
                .description(description)
                .baseUnit("entries")
                .register(registry);
    }
}
