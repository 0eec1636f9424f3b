package io.annota.server.quality;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Annotation quality and reviewer agreement over the FHIR API (see docs/quality.md). */
@Configuration
public class QualityConfig {

    /** {@code $annotation-quality}; registered with the RestfulServer in FhirServerConfig. */
    @Bean
    public QualityOperationProvider qualityOperationProvider(DaoRegistry daos) {
        return new QualityOperationProvider(daos);
    }
}
