package io.annota.server.export;

import ca.uhn.fhir.batch2.api.IJobCoordinator;
import ca.uhn.fhir.batch2.model.JobInstance;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.annota.deid.DeidentificationInterceptor;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Extension;

/**
 * Lets HAPI's bulk export job store its NDJSON output past de-identification, and nothing else. The output is
 * serialised from stored, already de-identified resources; de-identification would refuse it (a client-style id,
 * content that is not text/*) or shift its dates a second time.
 *
 * <p>A write passes only if all of these hold: it is an in-process write ({@link SystemRequestDetails}; a REST
 * request never is one), of a Binary, whose meta names (extension {@value #JOB_ID}, set by HAPI's job) a bulk
 * export job instance that exists and has not ended. Then the request is flagged
 * {@link DeidentificationInterceptor#SERVER_EXPORT_OUTPUT}, which the interceptor honours for Binary only. Runs
 * just before de-identification.
 */
@Interceptor
public class BulkExportOutputGate {

    static final String JOB_ID = "https://hapifhir.org/NamingSystem/bulk-export-job-id";
    /** The batch2 job definition id of HAPI's bulk export. */
    static final String BULK_EXPORT = "BULK_EXPORT";

    private final IJobCoordinator jobs;

    public BulkExportOutputGate(IJobCoordinator jobs) {
        this.jobs = jobs;
    }

    @Hook(value = Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, order = DeidentificationInterceptor.ORDER - 1)
    public void created(IBaseResource resource, RequestDetails request) {
        if (isRunningExportsOutput(resource, request)) {
            request.getUserData().put(DeidentificationInterceptor.SERVER_EXPORT_OUTPUT, Boolean.TRUE);
        }
    }

    boolean isRunningExportsOutput(IBaseResource resource, RequestDetails request) {
        if (!(request instanceof SystemRequestDetails) || !(resource instanceof Binary binary)) {
            return false;
        }
        Extension job = binary.getMeta().getExtensionByUrl(JOB_ID);
        if (job == null || !job.hasValue()) {
            return false;
        }
        try {
            JobInstance instance = jobs.getInstance(job.getValue().primitiveValue());
            return BULK_EXPORT.equals(instance.getJobDefinitionId()) && !instance.getStatus().isEnded();
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }
}
