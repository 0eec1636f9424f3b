package io.annota.server.export;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The export operations at server level (see docs/export.md): {@code $export-annotations} streams the selected
 * records in JSONL, BioC or brat, or with {@code Prefer: respond-async} starts a job (202 + Content-Location);
 * {@code $export-annotations-status} reports a job's progress and result; {@code $export-annotations-download}
 * delivers its file; {@code $export-risk} is the k-anonymity assessment alone (a dry run).
 */
public class ExportOperationProvider {

    static final String EXPORT = "$export-annotations";
    static final String STATUS = "$export-annotations-status";
    static final String DOWNLOAD = "$export-annotations-download";
    static final String RISK = "$export-risk";

    private static final Logger log = LoggerFactory.getLogger(ExportOperationProvider.class);

    private final FhirContext context;
    private final AnnotationExport export;
    private final ExportJobs jobs;
    private final int defaultK;

    public ExportOperationProvider(FhirContext context, AnnotationExport export, ExportJobs jobs, int defaultK) {
        this.context = context;
        this.export = export;
        this.jobs = jobs;
        this.defaultK = defaultK;
    }

    @Operation(name = EXPORT, idempotent = true, manualResponse = true)
    public void export(ServletRequestDetails request) throws IOException {
        AnnotationExport.Plan plan = export.plan(query(request));
        HttpServletResponse response = request.getServletResponse();
        if (respondAsync(request)) {
            String job = jobs.start(plan);
            log.info("Export job {} started: {} documents, format {}", job, plan.documents().size(),
                    plan.query().format());
            response.setStatus(HttpServletResponse.SC_ACCEPTED);
            response.setHeader("Content-Location", statusUrl(request, job));
            writeParameters(response, describe(request, job));
            return;
        }
        ExportFormat format = plan.query().format();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(format.mediaType());
        response.setHeader("Content-Disposition", "attachment; filename=\"annotations." + format.extension() + "\"");
        try (OutputStream out = response.getOutputStream()) {
            AnnotationExport.Summary summary = export.write(plan, out, false, AnnotationExport.Progress.NONE);
            log.info("Export: {} records of {} documents written, {} suppressed", summary.records(),
                    summary.documents(), summary.suppressed());
        }
    }

    @Operation(name = STATUS, idempotent = true)
    public Parameters status(@OperationParam(name = "job", min = 1, max = 1) StringType job,
            ServletRequestDetails request) {
        Parameters status = describe(request, job.getValue());
        ExportJobs.Status current = jobs.status(job.getValue()).orElseThrow();
        request.getServletResponse().setHeader("X-Progress", current.done() + "/" + current.total() + " documents");
        return status;
    }

    @Operation(name = DOWNLOAD, idempotent = true, manualResponse = true)
    public void download(@OperationParam(name = "job", min = 1, max = 1) StringType job,
            ServletRequestDetails request) throws IOException {
        ExportJobs.Status status = jobs.status(job.getValue()).orElseThrow(() -> unknown(job.getValue()));
        Path file = jobs.file(job.getValue()).orElseThrow(() -> new InvalidRequestException(
                "export job " + job.getValue() + " is " + status.state().code() + ", not completed"));
        HttpServletResponse response = request.getServletResponse();
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType(status.format().mediaType());
        response.setContentLengthLong(Files.size(file));
        response.setHeader("Content-Disposition",
                "attachment; filename=\"annotations-" + status.job() + "." + status.format().extension() + "\"");
        try (OutputStream out = response.getOutputStream()) {
            Files.copy(file, out);
        }
    }

    @Operation(name = RISK, idempotent = true)
    public Parameters risk(ServletRequestDetails request) {
        KAnonymity.Report report = export.assess(export.plan(query(request)), AnnotationExport.Progress.NONE);
        Parameters parameters = new Parameters();
        ExportParameters.risk(report).forEach(parameters::addParameter);
        return parameters;
    }

    private ExportQuery query(RequestDetails request) {
        return ExportQuery.of(OperationArguments.of(request, context), defaultK);
    }

    private Parameters describe(RequestDetails request, String job) {
        ExportJobs.Status status = jobs.status(job).orElseThrow(() -> unknown(job));
        Parameters parameters = new Parameters();
        ExportParameters.status(status, statusUrl(request, job),
                request.getFhirServerBase() + "/" + DOWNLOAD + "?job=" + job).forEach(parameters::addParameter);
        return parameters;
    }

    private static String statusUrl(RequestDetails request, String job) {
        return request.getFhirServerBase() + "/" + STATUS + "?job=" + job;
    }

    private static boolean respondAsync(RequestDetails request) {
        String prefer = request.getHeader(Constants.HEADER_PREFER);
        return prefer != null && prefer.contains(Constants.HEADER_PREFER_RESPOND_ASYNC);
    }

    private void writeParameters(HttpServletResponse response, Parameters parameters) throws IOException {
        response.setContentType(Constants.CT_FHIR_JSON_NEW);
        response.setCharacterEncoding("UTF-8");
        context.newJsonParser().setPrettyPrint(true).encodeResourceToWriter(parameters, response.getWriter());
    }

    private static ResourceNotFoundException unknown(String job) {
        return new ResourceNotFoundException("no export job " + job);
    }
}
