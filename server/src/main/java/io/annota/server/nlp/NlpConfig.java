package io.annota.server.nlp;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import io.annota.server.config.NlpProperties;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Provenance;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/** cTAKES engines, the annotation queue and the interceptor that feeds it, $annotate, the annotation definitions. */
@Configuration
public class NlpConfig {

    @Bean
    public NlpEngineHolder nlpEngineHolder(NlpProperties properties) {
        return new NlpEngineHolder(properties);
    }

    @Bean
    public DocumentAnnotator documentAnnotator(DaoRegistry daos, IFhirSystemDao<Bundle, Meta> systemDao) {
        return new DocumentAnnotator(
                daos.getResourceDao(DocumentReference.class), daos.getResourceDao(Provenance.class), systemDao);
    }

    @Bean
    public AnnotationQueue annotationQueue(
            DocumentAnnotator annotator, NlpEngineHolder engine, NlpProperties properties) {
        return new AnnotationQueue(annotator, engine, properties.workers());
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
            AnnotationQueue queue, IInterceptorService interceptors) {
        AnnotationTriggerInterceptor trigger = new AnnotationTriggerInterceptor(queue);
        interceptors.registerInterceptor(trigger);
        return trigger;
    }
}
