package io.annota.server.nlp;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import io.annota.server.config.NlpProperties;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Provenance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** cTAKES engines, the annotation queue, and the interceptor that feeds it. */
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
    public AnnotationTriggerInterceptor annotationTriggerInterceptor(
            AnnotationQueue queue, IInterceptorService interceptors) {
        AnnotationTriggerInterceptor trigger = new AnnotationTriggerInterceptor(queue);
        interceptors.registerInterceptor(trigger);
        return trigger;
    }
}
