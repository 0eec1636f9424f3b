package io.annota.server.intake.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * System-level {@code $import} of NDJSON files, in the shape of HAPI's and the FHIR Bulk Data Import draft's:
 * a Parameters body with {@code inputFormat} ({@code application/fhir+ndjson}) and {@code input} parts, each a
 * {@code url} and optionally a {@code type}. Only {@code file:} URLs inside the configured import directories
 * are read (a file, or a directory: its {@code *.ndjson} files, as a Bulk Data export leaves them). Answers 202
 * with {@code Content-Location} of {@code $import-poll-status?_jobId=...}, which answers 202 with the progress
 * while the job runs and 200 with the outcome when it is done (see {@link ImportStatus}).
 */
public final class ImportOperationProvider {

    static final String NDJSON = "application/fhir+ndjson";
    static final String POLL_STATUS = "$import-poll-status";

    private final FhirContext context;
    private final ImportJobs jobs;
    private final NdjsonFiles files;
    /** The allowed directories as configured and as they really are (symbolic links resolved). */
    private final List<Path> allowedAsWritten = new ArrayList<>();
    private final List<Path> allowedReal = new ArrayList<>();

    /**
     * @param allowedDirectories the existing directories files may be read from
     * @throws IOException if one cannot be resolved
     */
    public ImportOperationProvider(FhirContext context, ImportJobs jobs, NdjsonFiles files,
            List<Path> allowedDirectories) throws IOException {
        this.context = context;
        this.jobs = jobs;
        this.files = files;
        for (Path directory : allowedDirectories) {
            Path real = directory.toRealPath();
            allowedAsWritten.add(directory.toAbsolutePath().normalize());
            allowedAsWritten.add(real);
            allowedReal.add(real);
        }
    }

    @Operation(name = "$import", idempotent = false, manualResponse = true)
    public void importNdjson(@ResourceParam Parameters parameters, ServletRequestDetails request,
            HttpServletResponse response) throws IOException {
        ImportJob job = jobs.submit(inputs(parameters));
        response.setHeader("Content-Location", request.getFhirServerBase() + "/" + POLL_STATUS + "?_jobId="
                + job.id());
        OperationOutcome accepted = new OperationOutcome();
        accepted.addIssue().setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDiagnostics("Import job " + job.id() + " accepted: " + job.inputs().size() + " files");
        write(response, 202, accepted);
    }

    @Operation(name = POLL_STATUS, idempotent = true, manualResponse = true)
    public void pollStatus(@OperationParam(name = "_jobId", min = 1, max = 1) StringType jobId,
            ServletRequestDetails request) throws IOException {
        String id = jobId == null ? null : jobId.getValue();
        HttpServletResponse response = request.getServletResponse();
        ImportJob job = id == null ? null : jobs.job(id).orElse(null);
        if (job != null && (job.status() == ImportJob.Status.QUEUED || job.status() == ImportJob.Status.RUNNING)) {
            Parameters status = ImportStatus.of(job);
            response.setHeader("X-Progress", status.getParameter("linesDone").getValue().primitiveValue() + " of "
                    + status.getParameter("linesTotal").getValue().primitiveValue() + " lines");
            write(response, 202, status);
            return;
        }
        if (job != null) {
            write(response, 200, ImportStatus.of(job));
            return;
        }
        String summary = id == null ? null : jobs.summary(id).orElse(null);
        if (summary == null) {
            throw new ResourceNotFoundException("No import job " + id);
        }
        write(response, 200, context.newJsonParser().parseResource(Parameters.class, summary));
    }

    private void write(HttpServletResponse response, int status, IBaseResource body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/fhir+json;charset=UTF-8");
        response.getWriter().write(context.newJsonParser().setPrettyPrint(true).encodeResourceToString(body));
    }

    private List<ImportInput> inputs(Parameters parameters) {
        if (parameters == null) {
            throw new InvalidRequestException("$import needs a Parameters body");
        }
        Parameters.ParametersParameterComponent format = parameters.getParameter("inputFormat");
        if (format != null && (format.getValue() == null || !NDJSON.equals(format.getValue().primitiveValue()))) {
            throw new InvalidRequestException("$import: inputFormat must be " + NDJSON);
        }
        List<Parameters.ParametersParameterComponent> parts = parameters.getParameters("input");
        if (parts.isEmpty()) {
            throw new InvalidRequestException("$import needs at least one 'input' part with a 'url'");
        }
        List<ImportInput> inputs = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            String label = "$import input " + (i + 1) + ": ";
            String type = value(parts.get(i), "type");
            String url = value(parts.get(i), "url");
            if (url == null) {
                throw new InvalidRequestException(label + "'url' is missing");
            }
            if (type != null && !context.getResourceTypes().contains(type)) {
                throw new InvalidRequestException(label + "type '" + type + "' is not an R4 resource type");
            }
            Path path = allowedFile(label, url);
            for (Path file : ndjsonFiles(label, path)) {
                inputs.add(new ImportInput(type != null ? type : files.resourceType(file.getFileName().toString()),
                        file));
            }
        }
        return inputs;
    }

    private static String value(Parameters.ParametersParameterComponent input, String name) {
        return input.getPart().stream().filter(part -> name.equals(part.getName()) && part.getValue() != null)
                .map(part -> part.getValue().primitiveValue()).findFirst().orElse(null);
    }

    /** The file a {@code file:} URL names, if it is inside an allowed directory (also once links are resolved). */
    private Path allowedFile(String label, String url) {
        String outside = label + "only file: URLs inside the directories of annota.bulk-import.allowed-directories "
                + "are read";
        Path path;
        try {
            if (!url.startsWith("file:")) {
                throw new InvalidRequestException(outside);
            }
            path = Path.of(URI.create(url)).toAbsolutePath().normalize();
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException(label + "'url' is not a valid file: URL");
        }
        if (!under(allowedAsWritten, path)) {
            throw new InvalidRequestException(outside);
        }
        try {
            Path real = path.toRealPath();
            if (!under(allowedReal, real)) {
                throw new InvalidRequestException(outside);
            }
            return real;
        } catch (IOException e) {
            throw new InvalidRequestException(label + "no such file or directory");
        }
    }

    private static boolean under(List<Path> directories, Path path) {
        return directories.stream().anyMatch(path::startsWith);
    }

    /** The file itself, or a directory's {@code *.ndjson} files that hold data (not its log). */
    private List<Path> ndjsonFiles(String label, Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> listing = Files.list(path)) {
            List<Path> found = listing.filter(file -> file.getFileName().toString().endsWith(".ndjson"))
                    .filter(Files::isRegularFile).filter(file -> !files.describesExport(file)).sorted().toList();
            if (found.isEmpty()) {
                throw new InvalidRequestException(label + "the directory holds no .ndjson data files");
            }
            return found;
        } catch (IOException e) {
            throw new InvalidRequestException(label + "the directory cannot be read");
        }
    }
}
