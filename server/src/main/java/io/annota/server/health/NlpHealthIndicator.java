package io.annota.server.health;

import io.annota.server.nlp.AnnotationQueue;
import io.annota.server.nlp.NlpEngineHolder;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP once the cTAKES engines are built; DOWN while they start or if they failed. */
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
        if (failure != null) {
            return Health.down().withDetail("error", failure.getClass().getName()).build();
        }
        Health.Builder builder = engine.isReady() ? Health.up() : Health.down().withDetail("state", "starting");
        return builder.withDetail("pendingDocuments", queue.pending())
                .withDetail("failedDocuments", queue.failed())
                .build();
    }
}
