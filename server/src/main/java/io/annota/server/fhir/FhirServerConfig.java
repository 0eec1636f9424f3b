package io.annota.server.fhir;

import ca.uhn.fhir.batch2.jobs.export.BulkDataExportProvider;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.IValidationSupport;
import ca.uhn.fhir.jpa.api.config.JpaStorageSettings;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.config.util.HapiEntityManagerFactoryUtil;
import ca.uhn.fhir.jpa.model.config.PartitionSettings;
import ca.uhn.fhir.jpa.model.config.SubscriptionSettings;
import ca.uhn.fhir.jpa.provider.IJpaSystemProvider;
import ca.uhn.fhir.jpa.provider.JpaCapabilityStatementProvider;
import ca.uhn.fhir.jpa.search.DatabaseBackedPagingProvider;
import ca.uhn.fhir.narrative.INarrativeGenerator;
import ca.uhn.fhir.rest.server.RestfulServer;
import ca.uhn.fhir.rest.server.interceptor.ResponseHighlighterInterceptor;
import ca.uhn.fhir.rest.server.provider.ResourceProviderFactory;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import io.annota.deid.ConditionalRequestInterceptor;
import io.annota.deid.DeidentifyOperationProvider;
import io.annota.deid.MetaOperationGuard;
import io.annota.server.export.BulkExportOutputReads;
import io.annota.server.export.ExportOperationProvider;
import io.annota.server.nlp.AnnotateOperationProvider;
import io.annota.server.quality.QualityOperationProvider;
import io.annota.server.review.AddAnnotationOperationProvider;
import io.annota.server.review.ReviewOperationProvider;
import jakarta.persistence.EntityManagerFactory;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.orm.jpa.JpaProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;

/**
 * The HAPI FHIR JPA server (R4) over Spring Boot's DataSource, served at {@code /fhir}. Assembled by hand rather
 * than through HAPI's starter so that only the parts Annota uses are switched on.
 */
@Configuration
public class FhirServerConfig {

    @Bean
    public JpaStorageSettings jpaStorageSettings() {
        JpaStorageSettings settings = new JpaStorageSettings();
        settings.setAllowExternalReferences(false);
        settings.setAdvancedHSearchIndexing(false);
        settings.setHibernateSearchIndexFullText(false);
        // Annotations arrive asynchronously and reviewers act on them: a search must not replay a result cached
        // before they were written (HAPI's default reuses identical searches for 60 s).
        settings.setReuseCachedSearchResultsForMillis(null);
        // Resource bodies under 4 kB go inline in the history row instead of a LOB: fewer statements per write.
        settings.setInlineResourceTextBelowSize(4000);
        // Bulk $export (a batch2 job) moves to its next step as soon as a step's work is done, not at the next
        // maintenance pass (every minute): an export of a small set completes in seconds.
        settings.setJobFastTrackingEnabled(true);
        return settings;
    }

    @Bean
    public PartitionSettings partitionSettings() {
        return new PartitionSettings();
    }

    @Bean
    public SubscriptionSettings subscriptionSettings() {
        return new SubscriptionSettings();
    }

    @Bean
    @Primary
    public LocalContainerEntityManagerFactoryBean entityManagerFactory(
            ConfigurableListableBeanFactory beanFactory,
            FhirContext fhirContext,
            JpaStorageSettings storageSettings,
            JpaProperties jpaProperties,
            DataSource dataSource) {
        LocalContainerEntityManagerFactoryBean factory =
                HapiEntityManagerFactoryUtil.newEntityManagerFactory(beanFactory, fhirContext, storageSettings);
        Map<String, String> properties = jpaProperties.getProperties();
        properties.putIfAbsent("hibernate.hbm2ddl.auto", "update");
        properties.putIfAbsent("hibernate.search.enabled", "false");
        properties.putIfAbsent("hibernate.jdbc.batch_size", "20");
        properties.putIfAbsent("hibernate.cache.use_query_cache", "false");
        properties.putIfAbsent("hibernate.cache.use_second_level_cache", "false");
        factory.setPersistenceUnitName("HAPI_PU");
        factory.setJpaPropertyMap(properties);
        factory.setDataSource(dataSource);
        return factory;
    }

    @Bean
    @Primary
    public JpaTransactionManager transactionManager(EntityManagerFactory entityManagerFactory) {
        return new JpaTransactionManager(entityManagerFactory);
    }

    @Bean
    public RestfulServer restfulServer(
            IFhirSystemDao<?, ?> systemDao,
            ResourceProviderFactory resourceProviderFactory,
            IJpaSystemProvider systemProvider,
            DatabaseBackedPagingProvider pagingProvider,
            JpaStorageSettings storageSettings,
            ISearchParamRegistry searchParamRegistry,
            IValidationSupport validationSupport,
            ConditionalRequestInterceptor conditionalRequests,
            DeidentifyOperationProvider deidentifyOperation,
            AnnotateOperationProvider annotateOperation,
            ReviewOperationProvider reviewOperation,
            AddAnnotationOperationProvider addAnnotationOperation,
            QualityOperationProvider qualityOperation,
            ExportOperationProvider exportOperation,
            BulkDataExportProvider bulkExport,
            BulkExportOutputReads bulkExportReads) {
        FhirContext context = systemDao.getContext();
        // Narrative repeats identifying text; de-identification strips it and nothing may regenerate it.
        context.setNarrativeGenerator((INarrativeGenerator) null);
        // Annotations cite the exact document version they were found in (evidence, Provenance.entity).
        context.getParserOptions().setStripVersionsFromReferences(false);
        RestfulServer server = new RestfulServer(context);
        server.registerProviders(resourceProviderFactory.createProviders());
        server.registerProvider(systemProvider);
        // $deidentify at server level and for every resource type (shows in the CapabilityStatement).
        server.registerProviders(deidentifyOperation.providers());
        server.registerProvider(annotateOperation);
        server.registerProviders(reviewOperation.providers());
        server.registerProviders(addAnnotationOperation.providers());
        server.registerProvider(qualityOperation);
        server.registerProvider(exportOperation);
        // FHIR Bulk Data $export (system, Patient, Group): HAPI's batch2 job, output as Binary (docs/export.md)
        server.registerProvider(bulkExport);
        pagingProvider.setDefaultPageSize(20);
        pagingProvider.setMaximumPageSize(500);
        server.setPagingProvider(pagingProvider);
        server.setDefaultPrettyPrint(true);
        JpaCapabilityStatementProvider capabilities = new JpaCapabilityStatementProvider(
                server, systemDao, storageSettings, searchParamRegistry, validationSupport);
        capabilities.setImplementationDescription("Annota: de-identified, annotated clinical data (FHIR R4)");
        server.setServerConformanceProvider(capabilities);
        server.registerInterceptor(new ResponseHighlighterInterceptor());
        server.registerInterceptor(conditionalRequests);
        server.registerInterceptor(bulkExportReads);
        server.registerInterceptor(new MetaOperationGuard(context));
        server.registerInterceptor(new RequestFailureLogger());
        return server;
    }

    @Bean
    public ServletRegistrationBean<RestfulServer> fhirServlet(RestfulServer restfulServer) {
        ServletRegistrationBean<RestfulServer> registration = new ServletRegistrationBean<>(restfulServer, "/fhir/*");
        registration.setName("fhir");
        registration.setLoadOnStartup(1);
        return registration;
    }
}
