package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import io.annota.server.intake.fhir.FileIdentity;
import io.annota.server.intake.fhir.FileProgress;
import io.annota.server.intake.fhir.ImportInput;
import io.annota.server.intake.fhir.ImportJob;
import io.annota.server.intake.fhir.ImportJobs;
import io.annota.server.support.NdjsonFixtures;
import io.annota.server.support.RunningAnnota;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An {@code $import} job that a stop interrupts is taken up after the restart: the file it had finished is not
 * imported again, the file it was in continues after its last committed line, and the status of a job finished
 * before the restart can still be read. The stop is simulated in the database (the job row says one file is
 * done, a checkpoint says one line of the next), after the first server did that work.
 */
class ImportJobRestartIT {

    @Test
    void anInterruptedJobContinuesAfterTheRestartWithoutRedoingWork() throws Exception {
        Path dataDir = Files.createTempDirectory("annota-import-restart-it-");
        Path export = Files.createDirectories(dataDir.resolve("import").resolve("export"));
        NdjsonFixtures.copy(export, "restart");
        Path organizations = export.resolve("Organization.ndjson");
        Path patients = export.resolve("Patient.ndjson");
        List<String> patientLines = Files.readAllLines(patients).stream().filter(line -> line.contains("\"pat"))
                .toList();
        Files.write(patients, patientLines);
        Path firstPatient = Files.write(Files.createDirectories(dataDir.resolve("import").resolve("crashed"))
                .resolve("Patient.ndjson"), patientLines.subList(0, 1));
        // the integration tests' key, so that the stored ids are the ones AnnotaServerIT.PSEUDONYMS computes
        Map<String, String> properties = Map.of("annota.data-dir", dataDir.toString(), "annota.nlp.profile", "lite",
                "annota.deid.key", Base64.getEncoder().encodeToString(AnnotaServerIT.KEY));

        String finishedBefore;
        try (RunningAnnota first = RunningAnnota.start(properties)) {
            // the work the interrupted job had done: the organisation file, and line 1 of the patients
            ImportJobs jobs = first.bean(ImportJobs.class);
            ImportJob done = jobs.submit(List.of(new ImportInput("Organization", organizations),
                    new ImportInput("Patient", firstPatient)));
            await().atMost(Duration.ofMinutes(1)).until(() -> done.status() == ImportJob.Status.COMPLETED);
            finishedBefore = done.id();
            JdbcTemplate jdbc = first.bean(JdbcTemplate.class);
            jdbc.update("INSERT INTO annota_import_job (id, status, inputs, files_done, created_at) "
                    + "VALUES ('interrupted', 'RUNNING', ?, 1, CURRENT_TIMESTAMP)",
                    "Organization\t" + organizations + "\nPatient\t" + patients + "\n");
            jdbc.update("INSERT INTO annota_import_progress (file_key, file_name, committed_line, updated_at) "
                    + "VALUES (?, 'Patient.ndjson', 1, CURRENT_TIMESTAMP)", FileIdentity.of(patients));
        }

        try (RunningAnnota second = RunningAnnota.start(properties)) {
            ImportJobs jobs = second.bean(ImportJobs.class);
            await().atMost(Duration.ofMinutes(1))
                    .until(() -> jobs.job("interrupted").map(ImportJob::status).orElse(null)
                            == ImportJob.Status.COMPLETED);
            List<FileProgress> files = jobs.job("interrupted").orElseThrow().files();
            assertThat(files).extracting(FileProgress::file, FileProgress::stored, FileProgress::resumedAfterLine,
                    FileProgress::done).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("Organization.ndjson", 0, 1, 1),
                            org.assertj.core.groups.Tuple.tuple("Patient.ndjson", 1, 1, 2));
            Patient imported = FhirContext.forR4Cached().newRestfulGenericClient(second.fhirBase()).read()
                    .resource(Patient.class).withId(AnnotaServerIT.PSEUDONYMS.pseudonymousId("Patient",
                            "pat2-restart")).execute();
            assertThat(imported.getName()).isEmpty();

            HttpResponse<String> status = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    second.fhirBase() + "/$import-poll-status?_jobId=" + finishedBefore)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(status.statusCode()).isEqualTo(200);
            Parameters report = FhirContext.forR4Cached().newJsonParser().parseResource(Parameters.class,
                    status.body());
            assertThat(report.getParameter("status").getValue().primitiveValue()).isEqualTo("completed");
            assertThat(report.getParameter("resourcesStored").getValue().primitiveValue()).isEqualTo("2");
        }
    }
}
