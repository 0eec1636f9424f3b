package io.annota.server.health;

import io.annota.server.nlp.AnnotationQueue;
import io.annota.server.nlp.NlpEngineHolder;
import io.annota.server.nlp.NlpQueueTable;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * UP once the cTAKES engines are built; DOWN while they start or if they failed. Either way with the annotation
 * queue's counts: pending, running, and failed (attempts used up; they stay UP: one unreadable note must not take
 * the server out of a load balancer).
 */
@Component("nlp")
public class NlpHealthIndicator implements HealthIndicator {

    private final NlpEngineHolder engine;
    private final AnnotationQueue queue;

    public NlpHealthIndicator(NlpEngineHolder engine, AnnotationQueue queue) {
        this.engine = engine;
        this.queue = queue;
    }

    @Override
    public Health health() {
        Throwable failure = engine.failure();
        Health.Builder builder;
        if (failure != null) {
            builder = Health.down().withDetail("error", failure.getClass().getName());
        } else {
            builder = engine.isReady() ? Health.up() : Health.down().withDetail("state", "starting");
        }
        NlpQueueTable.Counts counts = queue.counts();
        return builder.withDetail("pending", counts.pending())
                .withDetail("running", counts.running())
                .withDetail("failed", counts.failed())
                .build();
    }
}
