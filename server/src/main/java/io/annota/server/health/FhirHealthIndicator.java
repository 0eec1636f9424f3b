package io.annota.server.health;

import ca.uhn.fhir.rest.server.RestfulServer;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP once the FHIR servlet is initialised with its resource providers (the database has its own indicator). */
@Component("fhir")
public class FhirHealthIndicator implements HealthIndicator {

    private final RestfulServer server;

    public FhirHealthIndicator(RestfulServer server) {
        this.server = server;
    }

    @Override
    public Health health() {
        if (server.getServletConfig() == null || server.getResourceProviders().isEmpty()) {
            return Health.down().withDetail("state", "starting").build();
        }
        return Health.up()
                .withDetail("fhirVersion", server.getFhirContext().getVersion().getVersion().getFhirVersionString())
                .withDetail("resourceTypes", server.getResourceProviders().size())
                .build();
    }
}
