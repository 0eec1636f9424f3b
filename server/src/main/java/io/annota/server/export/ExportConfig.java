package io.annota.server.export;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import io.annota.server.config.AnnotaProperties;
import io.annota.server.config.ExportProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Training-data export and FHIR Bulk Data export (see docs/export.md). */
@Configuration
public class ExportConfig {

    @Bean
    public AnnotationExport annotationExport(FhirContext context, DaoRegistry daos, MatchUrlService matchUrls) {
        return new AnnotationExport(context, daos, matchUrls);
    }

    @Bean(destroyMethod = "close")
    public ExportJobs exportJobs(AnnotationExport export, AnnotaProperties annota, ExportProperties properties) {
        return new ExportJobs(export, annota.dataDir().resolve("exports"), properties.keepFiles());
    }

    /** {@code $export-annotations} and its companions; registered with the RestfulServer in FhirServerConfig. */
    @Bean
    public ExportOperationProvider exportOperationProvider(FhirContext context, AnnotationExport export,
            ExportJobs jobs, ExportProperties properties) {
        return new ExportOperationProvider(context, export, jobs, properties.kAnonymity());
    }

    /** Registered with the RestfulServer in FhirServerConfig (a server pointcut). */
    @Bean
    public BulkExportOutputReads bulkExportOutputReads(DaoRegistry daos) {
        return new BulkExportOutputReads(daos);
    }

    @Bean
    public BulkExportOutputGate bulkExportOutputGate(IJobCoordinator jobs, IInterceptorService interceptors) {
        BulkExportOutputGate gate = new BulkExportOutputGate(jobs);
        interceptors.registerInterceptor(gate);
        return gate;
    }
}
