package io.annota.server.deid;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import io.annota.deid.ConditionalRequestInterceptor;
import io.annota.deid.ConditionalTransactionInterceptor;
import io.annota.deid.ConditionalUrlPseudonymizer;
import io.annota.deid.DeidentificationInterceptor;
import io.annota.deid.DeidentificationSettings;
import io.annota.deid.KnownIdentifierStore;
import io.annota.deid.Pseudonymizer;
import io.annota.server.config.AnnotaProperties;
import io.annota.server.config.DeidProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * De-identification on every write: the interceptor is registered with the JPA interceptor service, which HAPI
 * calls for REST requests, transactions and in-process DAO writes alike.
 */
@Configuration
public class DeidentificationConfig {

    @Bean
    public DeidentificationSettings deidentificationSettings(DeidProperties deid, AnnotaProperties annota) {
        return DeidentificationSettings.withKey(PseudonymKeyProvider.load(deid, annota));
    }

    @Bean
    public Pseudonymizer pseudonymizer(DeidentificationSettings settings) {
        return new Pseudonymizer(settings.key());
    }

    @Bean
    public KnownIdentifierStore knownIdentifierStore(JdbcTemplate jdbc) {
        return new JdbcKnownIdentifierStore(jdbc);
    }

    @Bean
    public ConditionalUrlPseudonymizer conditionalUrlPseudonymizer(FhirContext fhirContext, Pseudonymizer pseudonymizer) {
        return new ConditionalUrlPseudonymizer(fhirContext, pseudonymizer);
    }

    /** Conditional parts of transactions, REST and in-process alike (a storage pointcut). */
    @Bean
    public ConditionalTransactionInterceptor conditionalTransactionInterceptor(
            FhirContext fhirContext, ConditionalUrlPseudonymizer urls, IInterceptorService interceptors) {
        ConditionalTransactionInterceptor interceptor = new ConditionalTransactionInterceptor(fhirContext, urls);
        interceptors.registerInterceptor(interceptor);
        return interceptor;
    }

    /** Conditional URLs of single REST requests (a server pointcut: registered with the RestfulServer). */
    @Bean
    public ConditionalRequestInterceptor conditionalRequestInterceptor(ConditionalUrlPseudonymizer urls) {
        return new ConditionalRequestInterceptor(urls);
    }

    @Bean
    public DeidentificationInterceptor deidentificationInterceptor(
            FhirContext fhirContext,
            DeidentificationSettings settings,
            KnownIdentifierStore store,
            IInterceptorService interceptors) {
        DeidentificationInterceptor interceptor = new DeidentificationInterceptor(fhirContext, settings, store);
        interceptors.registerInterceptor(interceptor);
        return interceptor;
    }
}
