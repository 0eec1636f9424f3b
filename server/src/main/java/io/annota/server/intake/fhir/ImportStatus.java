package io.annota.server.intake.fhir;

import java.util.List;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;

/**
 * An {@code $import} job's status as a Parameters resource: status, counts and resources/s, one {@code file} part
 * per file and one {@code error} part per bad line ({@code file:line}, resource type, reason, dead letter id),
 * the first {@value #MAX_ERRORS} of them. No content.
 */
final class ImportStatus {

    static final int MAX_ERRORS = 1000;

    private ImportStatus() {
    }

    static Parameters of(ImportJob job) {
        Parameters status = new Parameters();
        status.addParameter("job", new IdType(job.id()));
        status.addParameter("status", new CodeType(job.status().name().toLowerCase(java.util.Locale.ROOT)));
        if (job.started() != null) {
            status.addParameter("started", new InstantType(java.util.Date.from(job.started())));
        }
        if (job.finished() != null) {
            status.addParameter("finished", new InstantType(java.util.Date.from(job.finished())));
        }
        List<FileProgress> files = job.files();
        status.addParameter("linesTotal", new IntegerType(files.stream().mapToInt(f -> Math.max(0, f.total())).sum()));
        status.addParameter("linesDone", new IntegerType(files.stream().mapToInt(FileProgress::done).sum()));
        status.addParameter("resourcesStored", new IntegerType(files.stream().mapToInt(FileProgress::stored).sum()));
        status.addParameter("linesFailed",
                new IntegerType(files.stream().mapToInt(file -> file.failures().size()).sum()));
        status.addParameter("resourcesPerSecond", new DecimalType(Math.round(job.resourcesPerSecond() * 10) / 10.0));
        int errors = 0;
        for (FileProgress file : files) {
            Parameters.ParametersParameterComponent part = status.addParameter().setName("file");
            part.addPart().setName("name").setValue(new StringType(file.file()));
            if (file.resourceType() != null) {
                part.addPart().setName("type").setValue(new CodeType(file.resourceType()));
            }
            part.addPart().setName("linesTotal").setValue(new IntegerType(file.total()));
            part.addPart().setName("linesDone").setValue(new IntegerType(file.done()));
            part.addPart().setName("resourcesStored").setValue(new IntegerType(file.stored()));
            part.addPart().setName("linesFailed").setValue(new IntegerType(file.failures().size()));
            part.addPart().setName("resumedAfterLine").setValue(new IntegerType(file.resumedAfterLine()));
            for (LineFailure failure : file.failures()) {
                if (errors++ < MAX_ERRORS) {
                    status.addParameter().setName("error").addPart(part("location", failure.location()))
                            .addPart(part("type", failure.resourceType())).addPart(part("reason", failure.reason()))
                            .addPart(part("deadLetter", failure.deadLetterId()));
                }
            }
        }
        return status;
    }

    private static Parameters.ParametersParameterComponent part(String name, String value) {
        return new Parameters.ParametersParameterComponent().setName(name).setValue(new StringType(value));
    }
}
