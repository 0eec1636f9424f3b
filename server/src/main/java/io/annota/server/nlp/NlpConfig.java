package io.annota.server.nlp;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import io.annota.server.config.NlpProperties;
import java.time.Clock;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.DocumentReference;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * cTAKES engines, the durable annotation queue with its workers and the interceptor that feeds it, $annotate,
 * the annotation definitions.
 */
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
    public AnnotationJobs annotationJobs(AnnotationQueue queue, DocumentAnnotator annotator, DaoRegistry daos) {
        return new AnnotationJobs(queue, annotator, daos.getResourceDao(DocumentReference.class));
    }

    /** {@code $annotate} and {@code $annotate-status}; registered with the RestfulServer in FhirServerConfig. */
    @Bean
    public AnnotateOperationProvider annotateOperationProvider(FhirContext fhirContext, NlpEngineHolder engine,
            DocumentAnnotator annotator, AnnotationJobs jobs, MatchUrlService matchUrls, DaoRegistry daos) {
        return new AnnotateOperationProvider(fhirContext, engine, annotator, jobs, matchUrls, daos);
    }

    @Bean
    public AnnotationConformanceWriter annotationConformanceWriter(
            DaoRegistry daos, ISearchParamRegistry searchParams) {
        return new AnnotationConformanceWriter(daos, searchParams);
    }

    /**
     * The definitions go in once the server is up (HAPI's DAOs and search parameter registry are started by then),
     * and before the NLP engine (10-30 s) lets the queue write the first annotation.
     */
    @EventListener(ApplicationReadyEvent.class)
    public void writeAnnotationConformance(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(AnnotationConformanceWriter.class).write();
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
