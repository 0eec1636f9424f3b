package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import io.annota.server.intake.deadletter.DeadLetter;
import io.annota.server.intake.deadletter.DeadLetterFilter;
import io.annota.server.intake.deadletter.JdbcDeadLetters;
import io.annota.server.intake.fhir.FileIdentity;
import io.annota.server.support.NdjsonFixtures;
import io.annota.server.support.PhiScanner;
import io.annota.server.support.PhiScanner.Needle;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.UriType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * NDJSON bulk import through the watched directory channel {@code bulk} and through {@code $import}: the
 * synthetic export of {@code src/test/resources/ndjson} (known PHI, two bad lines in Patient.ndjson) stored
 * de-identified, its note annotated, its bad lines reported by file:line and dead-lettered, and an interrupted
 * import resumed without redoing committed lines.
 */
class NdjsonImportIT extends AnnotaServerIT {

    private static final List<String> FIXTURES = NdjsonFixtures.FILES;
    private static final String MRN_SYSTEM = "http://hospital.example.org/mrn";
    private static final FhirContext FHIR = FhirContext.forR4Cached();

    @Autowired
    private JdbcDeadLetters deadLetters;
    @Autowired
    private DataSource dataSource;
    @Autowired
    private JdbcTemplate jdbc;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void anExportDroppedIntoTheWatchedDirectoryIsStoredDeidentifiedAndAnnotated() throws IOException {
        Path inbox = dataDir().resolve("ndjson-inbox");
        Path staging = Files.createDirectories(inbox.resolve("staging-" + run));
        NdjsonFixtures.copy(staging, run);
        // dependents first: the route's sorter must put them after what they refer to
        List<String> dependentsFirst = new java.util.ArrayList<>(FIXTURES);
        java.util.Collections.reverse(dependentsFirst);
        for (String name : dependentsFirst) {
            Files.move(staging.resolve(name), inbox.resolve(run + "-" + name));
        }

        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> reports(inbox.resolve("done")).size() + reports(inbox.resolve("error")).size() >= 6);
        assertThat(reports(inbox.resolve("error"))).singleElement().asString()
                .contains("file: " + run + "-Patient.ndjson")
                .contains("lines: 4, stored 2, failed 2")
                .contains("2\t-\tnot a JSON object on one line")
                .contains("3\tObservation\tresourceType differs from the file's resource type")
                .doesNotContain("Zanzibarian");
        assertThat(String.join("\n", reports(inbox.resolve("done")))).contains("skipped: the export's log")
                .contains("file: " + run + "-DocumentReference.ndjson\nresource type: DocumentReference\n"
                        + "lines: 1, stored 1, failed 0");

        assertStoredDeidentifiedAndAnnotated();
        List<DeadLetter> letters = deadLetters.list(new DeadLetterFilter("bulk", null, null), 0, 500).items();
        assertThat(letters).filteredOn(letter -> letter.controlId().startsWith(run + "-Patient.ndjson:"))
                .extracting(DeadLetter::controlId, DeadLetter::messageType)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(run + "-Patient.ndjson:2", ""),
                        org.assertj.core.groups.Tuple.tuple(run + "-Patient.ndjson:3", "Observation"));
    }

    @Test
    void importOperationRunsAsynchronouslyAndReportsBadLinesByFileAndLine() throws Exception {
        Path directory = Files.createDirectories(dataDir().resolve("import").resolve(run));
        NdjsonFixtures.copy(directory, run);

        Parameters status = importAndWait(directory);

        assertThat(value(status, "status")).isEqualTo("completed");
        assertThat(value(status, "linesTotal")).isEqualTo("8");
        assertThat(value(status, "linesDone")).isEqualTo("8");
        assertThat(value(status, "resourcesStored")).isEqualTo("6");
        assertThat(value(status, "linesFailed")).isEqualTo("2");
        assertThat(status.getParameters("file")).hasSize(5)
                .extracting(file -> file.getPart().get(0).getValue().primitiveValue())
                .containsExactly("Organization.ndjson", "Practitioner.ndjson", "Patient.ndjson", "Encounter.ndjson",
                        "DocumentReference.ndjson");
        assertThat(status.getParameters("error")).extracting(error -> error.getPart().get(0).getValue()
                .primitiveValue()).containsExactly("Patient.ndjson:2", "Patient.ndjson:3");
        assertStoredDeidentifiedAndAnnotated();
    }

    @Test
    void anInterruptedImportContinuesAfterItsLastCommittedBatch() throws Exception {
        Path directory = Files.createDirectories(dataDir().resolve("import").resolve(run));
        NdjsonFixtures.copy(directory, run);
        List<String> lines = Files.readAllLines(directory.resolve("Patient.ndjson")).stream()
                .filter(line -> line.contains("\"pat")).toList();
        // what the crashed run had committed: the organisation and line 1 of the patients, with its checkpoint
        Path crashed = Files.createDirectories(directory.resolve("crashed"));
        Files.move(directory.resolve("Organization.ndjson"), crashed.resolve("Organization.ndjson"));
        Files.write(crashed.resolve("Patient.ndjson"), lines.subList(0, 1));
        importAndWait(crashed);
        Path patients = Files.write(directory.resolve("Patient.ndjson"), lines);
        jdbc.update("INSERT INTO annota_import_progress (file_key, file_name, committed_line, updated_at) "
                + "VALUES (?, ?, 1, CURRENT_TIMESTAMP)", FileIdentity.of(patients), "Patient.ndjson");

        Parameters status = importAndWait(patients);

        Parameters.ParametersParameterComponent file = status.getParameters("file").get(0);
        assertThat(part(file, "resumedAfterLine")).isEqualTo("1");
        assertThat(part(file, "linesDone")).isEqualTo("2");
        assertThat(part(file, "resourcesStored")).isEqualTo("1");
        assertThat(patient("pat1").getIdElement().getIdPart())
                .isEqualTo(PSEUDONYMS.pseudonymousId("Patient", "pat1-" + run));
        assertThat(patient("pat2").getIdElement().getIdPart())
                .isEqualTo(PSEUDONYMS.pseudonymousId("Patient", "pat2-" + run));
        assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM annota_import_progress WHERE file_key = ?",
                Integer.class, FileIdentity.of(patients))).isZero();
    }

    @Test
    void aLineWhoseTargetWasMissingIsStoredByReplayingItsDeadLetterOnceTheTargetIsThere() throws Exception {
        Path directory = Files.createDirectories(dataDir().resolve("import").resolve(run));
        NdjsonFixtures.copy(directory, run);
        Path early = Files.createDirectories(directory.resolve("early"));
        Files.move(directory.resolve("Encounter.ndjson"), early.resolve("Encounter.ndjson"));

        Parameters first = importAndWait(early);
        assertThat(part(first.getParameters("error").get(0), "reason")).startsWith("a referenced resource does not");
        String deadLetter = part(first.getParameters("error").get(0), "deadLetter");
        assertThat(deadLetters.find(deadLetter).orElseThrow().channel()).isEqualTo("$import");
        importAndWait(directory);

        HttpResponse<String> replay = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort
                + "/api/hl7/dead-letters/" + deadLetter + "/replay")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.body()).contains("\"REPLAYED\"");
        assertThat(fhir().read().resource(Encounter.class)
                .withId(PSEUDONYMS.pseudonymousId("Encounter", "enc1-" + run)).execute().getSubject().getReference())
                .isEqualTo("Patient/" + PSEUDONYMS.pseudonymousId("Patient", "pat1-" + run));
    }

    @Test
    void importOperationReadsOnlyAllowedFileUrls() throws Exception {
        Path outside = Files.createTempFile("outside-", ".ndjson");
        for (String url : List.of("file:" + outside, "https://example.org/Patient.ndjson",
                "file:" + dataDir().resolve("import") + "/../channels.yaml",
                "file:" + dataDir().resolve("import").resolve("missing.ndjson"))) {
            HttpResponse<String> answer = post(importRequest(url, null));
            assertThat(answer.statusCode()).as(url).isEqualTo(400);
            assertThat(answer.body()).contains("OperationOutcome").doesNotContain(outside.toString());
        }
        Parameters wrongFormat = importRequest("file:" + dataDir().resolve("import"), null);
        wrongFormat.setParameter("inputFormat", "text/csv");
        assertThat(post(wrongFormat).statusCode()).isEqualTo(400);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base() + "/$import-poll-status?_jobId=nope")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }

    private void assertStoredDeidentifiedAndAnnotated() {
        Patient patient = patient("pat1");
        assertThat(patient.getName()).isEmpty();
        assertThat(patient.getIdentifierFirstRep().getValue()).isEqualTo(PSEUDONYMS.pseudonym(MRN_SYSTEM,
                "MRN-" + run + "-1"));
        Encounter encounter = fhir().read().resource(Encounter.class)
                .withId(PSEUDONYMS.pseudonymousId("Encounter", "enc1-" + run)).execute();
        assertThat(encounter.getParticipantFirstRep().getIndividual().getReference())
                .isEqualTo("Practitioner/" + PSEUDONYMS.pseudonymousId("Practitioner", "prac-" + run));
        assertThat(encounter.getServiceProvider().getReference())
                .isEqualTo("Organization/" + PSEUDONYMS.pseudonymousId("Organization", "org-" + run));
        String document = "DocumentReference/" + PSEUDONYMS.pseudonymousId("DocumentReference", "doc1-" + run);
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(
                () -> fhir().search().byUrl("Condition?annotation-source=" + document).returnBundle(Bundle.class)
                        .execute().getEntry().size() >= 1);
        PhiScanner scanner = new PhiScanner(List.of(Needle.text("name", "ndjson", "Zanzibarian"),
                Needle.text("name", "ndjson", "Philomena"), Needle.text("name", "ndjson", "Vasquez-Brennagh"),
Needle.digits("phone", "ndjson", "617-555-0142"),
                Needle.text("mrn", "ndjson", "MRN-" + run + "-1"), Needle.text("id", "ndjson", "pat1-" + run)));
        assertThat(scanner.scanDatabase(dataSource)).isEmpty();
    }

    private Patient patient(String id) {
        return fhir().read().resource(Patient.class).withId(PSEUDONYMS.pseudonymousId("Patient", id + "-" + run))
                .execute();
    }

    private Parameters importAndWait(Path input) throws Exception {
        HttpResponse<String> accepted = post(importRequest(input.toUri().toString(), null));
        assertThat(accepted.statusCode()).isEqualTo(202);
        String location = accepted.headers().firstValue("Content-Location").orElseThrow();
        assertThat(location).contains("/$import-poll-status?_jobId=");
        HttpRequest poll = HttpRequest.newBuilder(URI.create(location)).build();
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(300))
                .until(() -> http.send(poll, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
        return FHIR.newJsonParser().parseResource(Parameters.class,
                http.send(poll, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static Parameters importRequest(String url, String type) {
        Parameters request = new Parameters();
        request.addParameter("inputFormat", "application/fhir+ndjson");
        Parameters.ParametersParameterComponent input = request.addParameter().setName("input");
        if (type != null) {
            input.addPart().setName("type").setValue(new StringType(type));
        }
        input.addPart().setName("url").setValue(new UriType(url));
        return request;
    }

    private HttpResponse<String> post(Parameters body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base() + "/$import"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(FHIR.newJsonParser().encodeResourceToString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private String base() {
        return "http://localhost:" + httpPort + "/fhir";
    }

    private static String value(Parameters parameters, String name) {
        return parameters.getParameter(name).getValue().primitiveValue();
    }

    private static String part(Parameters.ParametersParameterComponent component, String name) {
        return component.getPart().stream().filter(part -> name.equals(part.getName())).findFirst().orElseThrow()
                .getValue().primitiveValue();
    }

    private List<String> reports(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.getFileName().toString().contains(run)
                    && file.getFileName().toString().endsWith(".report.txt")).map(file -> {
                        try {
                            return Files.readString(file);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).toList();
        }
    }
}
