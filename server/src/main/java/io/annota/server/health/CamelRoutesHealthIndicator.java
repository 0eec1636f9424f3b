package io.annota.server.health;

import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.apache.camel.ServiceStatus;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/** UP when the Camel context and every one of its routes are started. */
@Component("routes")
public class CamelRoutesHealthIndicator implements HealthIndicator {

    private final CamelContext camel;

    public CamelRoutesHealthIndicator(CamelContext camel) {
        this.camel = camel;
    }

    @Override
    public Health health() {
        if (!camel.isStarted()) {
            return Health.down().withDetail("camel", camel.getStatus().name()).build();
        }
        Health.Builder builder = Health.up();
        for (Route route : camel.getRoutes()) {
            ServiceStatus status = camel.getRouteController().getRouteStatus(route.getRouteId());
            builder.withDetail(route.getRouteId(), status == null ? "unknown" : status.name());
            if (status == null || !status.isStarted()) {
                builder.down();
            }
        }
        if (camel.getRoutes().isEmpty()) {
            builder.down().withDetail("routes", "none loaded");
        }
        return builder.build();
    }
}
