package io.annota.server.intake;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.interceptor.UserRequestRetryVersionConflictsInterceptor;
import io.annota.intake.hl7.FhirTransactionSink;
import io.annota.intake.hl7.StoredMessages;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The beans the Camel intake routes call by name ({@code camel-routes/src/main/resources/camel/*.yaml}). */
@Configuration
public class IntakeConfig {

    @Bean
    public FhirTransactionSink fhirTransactionSink(IFhirSystemDao<Bundle, Meta> systemDao) {
        return new JpaTransactionSink(systemDao);
    }

    /**
     * Lets HAPI retry a transaction that lost a race for the same resource (a version conflict or a duplicate
     * key), when the request asks for it: intake does ({@link JpaTransactionSink}), and REST clients may with
     * HAPI's {@code X-Retry-On-Version-Conflict} header.
     */
    @Bean
    public UserRequestRetryVersionConflictsInterceptor versionConflictRetries(IInterceptorService interceptors) {
        UserRequestRetryVersionConflictsInterceptor retries = new UserRequestRetryVersionConflictsInterceptor();
        interceptors.registerInterceptor(retries);
        return retries;
    }

    @Bean
    public StoredMessages storedMessages(JdbcTemplate jdbc) {
        return new JdbcStoredMessages(jdbc);
    }
}
