package io.annota.server.nlp;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import io.annota.server.config.NlpProperties;
import java.time.Clock;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** cTAKES engines, the durable annotation queue with its workers, and the interceptor that feeds it. */
@Configuration
public class NlpConfig {

    @Bean
    public NlpEngineHolder nlpEngineHolder(NlpProperties properties) {
        return new NlpEngineHolder(properties);
    }

    @Bean
    public DocumentAnnotator documentAnnotator(DaoRegistry daos, IFhirSystemDao<Bundle, Meta> systemDao) {
        return new DocumentAnnotator(daos, systemDao);
    }

    @Bean
    public NlpQueueTable nlpQueueTable(JdbcTemplate jdbc, NlpProperties properties) {
        return new NlpQueueTable(jdbc, properties.maxAttempts(), Clock.systemUTC());
    }

    @Bean
    public AnnotationQueue annotationQueue(
            NlpQueueTable table, DocumentAnnotator annotator, NlpEngineHolder engine, NlpProperties properties) {
        return new AnnotationQueue(table, annotator, engine, properties.workers());
    }

    @Bean
    public AnnotationTriggerInterceptor annotationTriggerInterceptor(
            NlpQueueTable table, AnnotationQueue queue, IInterceptorService interceptors) {
        AnnotationTriggerInterceptor trigger = new AnnotationTriggerInterceptor(table, queue);
        interceptors.registerInterceptor(trigger);
        return trigger;
    }

    @Bean
    public NlpQueueMetrics nlpQueueMetrics(NlpQueueTable table) {
        return new NlpQueueMetrics(table);
    }
}
