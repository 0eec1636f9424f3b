package io.annota.server.review;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import io.annota.deid.Pseudonymizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Human review of annotations over the FHIR API (see docs/annotations.md, "Review over the FHIR API"). */
@Configuration
public class ReviewConfig {

    /** {@code $review}; registered with the RestfulServer in FhirServerConfig. */
    @Bean
    public ReviewOperationProvider reviewOperationProvider(DaoRegistry daos, IHapiTransactionService transactions,
            Pseudonymizer pseudonymizer) {
        return new ReviewOperationProvider(daos, transactions, pseudonymizer);
    }

    /** {@code $add-annotation}; registered with the RestfulServer in FhirServerConfig. */
    @Bean
    public AddAnnotationOperationProvider addAnnotationOperationProvider(DaoRegistry daos,
            IHapiTransactionService transactions, Pseudonymizer pseudonymizer) {
        return new AddAnnotationOperationProvider(daos, transactions, pseudonymizer);
    }
}
