package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.annota.server.export.BiocDocuments;
import io.annota.server.nlp.AnnotationExtensions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code $export-annotations}, {@code $export-risk} and FHIR Bulk Data {@code $export} against the whole server:
 * three patients' notes annotated by the NLP, one note reviewed (accept, reject, correct, add), exports parsed
 * back and compared with the stored annotations.
 */
class ExportIT extends AnnotaServerIT {

    private static final String NOTE = "Known type 2 diabetes mellitus, on metformin. He denies chest pain.";
    private static final String OTHER_NOTE = "History of hypertension. Mother has asthma.";
    private static final String REPORT = "Findings consistent with pneumonia.";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Where each annotation type keeps its concept. */
    private static final Map<String, String> CONCEPT_ELEMENTS = Map.of("Condition", "code",
            "MedicationStatement", "medicationCodeableConcept", "Procedure", "code", "Observation", "code",
            "BodyStructure", "location");

    @Autowired
    private DaoRegistry daos;

    /** Set up once for the class (the server is shared; the NLP is the slow part). */
    private static String reviewed;
    private static String twin;
    private static String report;
    private static String patient;
    private static String twinPatient;
    private static String reportPatient;

    @BeforeEach
    void annotatedAndReviewedNotes() {
        if (reviewed != null) {
            return;
        }
        // patient and twin share gender and ZIP3; the notes have no date, so age band and year are unknown for both
        patient = patient("female", "1970-05-14", "02139");
        twinPatient = patient("female", "1971-02-02", "02144");
        reportPatient = patient("male", "1950-01-01", "10001");
        reviewed = note(patient, NOTE);
        twin = note(twinPatient, OTHER_NOTE);
        DiagnosticReport diagnostic = new DiagnosticReport();
        diagnostic.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        diagnostic.getCode().setText("Chest X-ray");
        diagnostic.setSubject(new Reference(reportPatient));
        diagnostic.setEffective(new DateTimeType("2024-06-15T10:00:00Z"));
        diagnostic.setConclusion(REPORT);
        report = fhir().create().resource(diagnostic).execute().getId().toUnqualifiedVersionless().getValue();
        for (String source : List.of(reviewed, twin, report)) {
            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500))
                    .until(() -> !search("Provenance?entity=" + source).getEntry().isEmpty());
        }
        review(annotation(reviewed, "diabetes"), decision("accept"));
        review(annotation(reviewed, "metformin"), decision("reject"));
        int pain = NOTE.indexOf("pain");
        review(annotation(reviewed, "chest pain"), decision("correct")
                .addParameter("code", new Coding("http://purl.obolibrary.org/obo/symp.owl", "SYMP:0000099", "pain"))
                .addParameter("begin", new IntegerType(pain)).addParameter("end", new IntegerType(pain + 4)));
        fhir().operation().onInstance(new IdType(reviewed)).named("$add-annotation").withParameters(new Parameters()
                .addParameter("reviewer", new StringType("rv-export"))
                .addParameter("group", new CodeType("sign-symptom"))
                .addParameter("code", new Coding("http://example.org/codes", "known-1", null))
                .addParameter("begin", new IntegerType(0)).addParameter("end", new IntegerType(5)))
                .returnResourceType(Condition.class).execute();
    }

    @Test
    void jsonlParsedBackGivesTheStoredSpans() throws Exception {
        List<JsonNode> records = jsonl(get("$export-annotations?document=" + reviewed).body());

        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.get("text").asText()).isEqualTo(NOTE);
            assertThat(record.get("document").asText()).startsWith(reviewed + "/_history/");
            assertThat(record.get("patient").asText()).isEqualTo(new IdType(patient).getIdPart());
            assertThat(record.get("quasiIdentifiers").get("gender").asText()).isEqualTo("female");
            assertThat(record.get("quasiIdentifiers").get("zip3").asText()).isEqualTo("021");
        });
        JsonNode record = records.get(0);
        Map<String, JsonNode> exported = new LinkedHashMap<>();
        record.get("annotations").forEach(a -> exported.put(a.get("id").asText(), a));
        List<DomainResource> stored = storedAnnotations(reviewed).stream()
                .filter(a -> !state(a).equals("rejected")).toList();
        assertThat(exported.keySet()).containsExactlyInAnyOrderElementsOf(
                stored.stream().map(a -> a.getIdElement().toUnqualifiedVersionless().getValue()).toList());
        for (DomainResource annotation : stored) {
            JsonNode span = exported.get(annotation.getIdElement().toUnqualifiedVersionless().getValue());
            Extension evidence = annotation.getExtensionByUrl(AnnotationExtensions.EVIDENCE);
            assertThat(span.get("begin").asInt()).isEqualTo(evidenceInt(evidence, AnnotationExtensions.BEGIN));
            assertThat(span.get("end").asInt()).isEqualTo(evidenceInt(evidence, AnnotationExtensions.END));
            assertThat(span.get("coveredText").asText()).isEqualTo(
                    evidence.getExtensionByUrl(AnnotationExtensions.TEXT).getValue().primitiveValue());
            assertThat(NOTE.substring(span.get("begin").asInt(), span.get("end").asInt()))
                    .isEqualTo(span.get("coveredText").asText());
            assertThat(span.get("reviewState").asText()).isEqualTo(state(annotation));
            assertThat(span.get("version").asText()).isEqualTo(annotation.getIdElement().getVersionIdPart());
            assertThat(codes(span)).containsExactlyElementsOf(codings(annotation));
        }
        assertThat(exported.values()).extracting(a -> a.get("reviewState").asText())
                .contains("accepted", "corrected", "added").doesNotContain("rejected");
        JsonNode corrected = exported.values().stream()
                .filter(a -> a.get("reviewState").asText().equals("corrected")).findFirst().orElseThrow();
        assertThat(corrected.get("coveredText").asText()).isEqualTo("pain");
        assertThat(corrected.get("label").asText()).isEqualTo("sign-symptom");
        assertThat(corrected.get("assertion").get("negated").asBoolean()).isTrue();
        assertThat(exported.values()).filteredOn(a -> a.get("reviewState").asText().equals("added")).singleElement()
                .satisfies(a -> assertThat(a.get("coveredText").asText()).isEqualTo("Known"));
    }

    @Test
    void rejectedAnnotationsOnlyWhenAskedForAndStatesFilter() throws Exception {
        String metformin = annotation(reviewed, "metformin").getIdElement().toUnqualifiedVersionless().getValue();
        assertThat(annotationIds(get("$export-annotations?document=" + reviewed))).doesNotContain(metformin);
        assertThat(annotationIds(get("$export-annotations?document=" + reviewed + "&include-rejected=true")))
                .contains(metformin);
        assertThat(jsonl(get("$export-annotations?document=" + reviewed + "&review-state=accepted,corrected").body())
                .get(0).get("annotations")).extracting(a -> a.get("reviewState").asText())
                .containsOnly("accepted", "corrected");
        // fully-reviewed: only once nothing on the note is undecided; the other note has not been reviewed at all
        String both = "&document=" + reviewed + "&document=" + twin;
        storedAnnotations(reviewed).stream().filter(a -> state(a).equals("unconfirmed"))
                .forEach(a -> review(a, decision("accept")));
        assertThat(documents(get("$export-annotations?fully-reviewed=true" + both))).containsExactly(reviewed);
    }

    @Test
    void biocAndBratOffsetsPointAtTheCoveredText() throws Exception {
        String query = "&document=" + reviewed + "&document=" + report;
        HttpResponse<byte[]> bioc = getBytes("$export-annotations?format=bioc" + query);
        assertThat(bioc.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/xml");
        NodeList documents = BiocDocuments.parse(bioc.body()).getElementsByTagName("passage");
        assertThat(documents.getLength()).isEqualTo(2);
        int spans = 0;
        for (int i = 0; i < documents.getLength(); i++) {
            Element passage = (Element) documents.item(i);
            String text = passage.getElementsByTagName("text").item(0).getTextContent();
            assertThat(text).isIn(NOTE, REPORT);
            NodeList annotations = passage.getElementsByTagName("annotation");
            for (int j = 0; j < annotations.getLength(); j++) {
                Element annotation = (Element) annotations.item(j);
                Element location = (Element) annotation.getElementsByTagName("location").item(0);
                int offset = Integer.parseInt(location.getAttribute("offset"));
                int length = Integer.parseInt(location.getAttribute("length"));
                // the annotation's own text element is its last child named text
                NodeList texts = annotation.getElementsByTagName("text");
                assertThat(text.substring(offset, offset + length))
                        .isEqualTo(texts.item(texts.getLength() - 1).getTextContent());
                spans++;
            }
        }
        assertThat(spans).isPositive();

        Map<String, String> files = unzip(getBytes("$export-annotations?format=brat" + query).body());
        assertThat(files).containsKey("annotation.conf");
        List<String> anns = files.keySet().stream().filter(n -> n.endsWith(".ann")).toList();
        assertThat(anns).hasSize(2);
        for (String ann : anns) {
            String text = files.get(ann.replace(".ann", ".txt"));
            assertThat(text).isIn(NOTE, REPORT);
            for (String line : files.get(ann).split("\n")) {
                if (line.startsWith("T")) {
                    String[] fields = line.split("\t");
                    String[] offsets = fields[1].split(" ");
                    assertThat(text.substring(Integer.parseInt(offsets[1]), Integer.parseInt(offsets[2])))
                            .isEqualTo(fields[2]);
                }
            }
        }
    }

    @Test
    void selectionByPatientAndDate() throws Exception {
        DiagnosticReport stored = fhir().read().resource(DiagnosticReport.class).withId(report).execute();
        int year = stored.getEffectiveDateTimeType().getValue().toInstant().atZone(ZoneOffset.UTC).getYear();
        String byPatient = "$export-annotations?patient=" + reportPatient;
        List<JsonNode> records = jsonl(get(byPatient).body());
        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.get("document").asText()).startsWith(report + "/_history/");
            assertThat(r.get("path").asText()).isEqualTo("DiagnosticReport.conclusion");
            assertThat(r.get("quasiIdentifiers").get("year").asText()).isEqualTo(String.valueOf(year));
            assertThat(r.get("quasiIdentifiers").get("ageBand").asText()).matches("\\d+-\\d+|90\\+");
        });
        assertThat(jsonl(get(byPatient + "&date=ge" + year + "-01-01&date=le" + year + "-12-31").body())).hasSize(1);
        assertThat(jsonl(get(byPatient + "&date=lt1900-01-01").body())).isEmpty();
    }

    @Test
    void riskAndSuppression() throws Exception {
        String three = "document=" + reviewed + "&document=" + twin + "&document=" + report;
        Parameters risk = fhir().getFhirContext().newJsonParser().parseResource(Parameters.class,
                get("$export-risk?k=2&" + three).body());
        assertThat(((IntegerType) risk.getParameter("records").getValue()).getValue()).isEqualTo(3);
        assertThat(((IntegerType) risk.getParameter("classes").getValue()).getValue()).isEqualTo(2);
        // the two women share (unknown age, female, 021, unknown year); the man is alone in his class
        List<Parameters.ParametersParameterComponent> below = risk.getParameters("class");
        assertThat(below).singleElement().satisfies(c -> {
            assertThat(part(c, "gender")).isEqualTo("male");
            assertThat(part(c, "zip3")).isEqualTo("100");
            assertThat(c.getPart()).filteredOn(p -> p.getName().equals("record")).singleElement()
                    .satisfies(p -> assertThat(p.getValue().primitiveValue()).startsWith(report + "/_history/"));
        });
        assertThat(documents(get("$export-annotations?k=2&suppress=true&" + three)))
                .containsExactlyInAnyOrder(reviewed, twin);
        assertThat(documents(get("$export-annotations?k=3&suppress=true&" + three))).isEmpty();
        assertThat(documents(get("$export-annotations?k=3&" + three))).hasSize(3);
    }

    @Test
    void asynchronousExportReportsProgressAndIsDownloadable() throws Exception {
        HttpResponse<String> kickOff = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        uri("$export-annotations"))
                .header("Prefer", "respond-async").header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(json(new Parameters()
                        .addParameter("document", new Reference(reviewed))
                        .addParameter("document", new Reference(twin))
                        .addParameter("document", new Reference(report))
                        .addParameter("k", new IntegerType(2))
                        .addParameter("suppress", new BooleanType(true)))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(kickOff.statusCode()).isEqualTo(202);
        String statusUrl = kickOff.headers().firstValue("Content-Location").orElseThrow();

        Parameters done = await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(200)).until(
                () -> fhir().getFhirContext().newJsonParser().parseResource(Parameters.class, send(statusUrl).body()),
                p -> p.getParameter("status").getValue().primitiveValue().equals("completed"));
        int total = ((IntegerType) done.getParameter("total").getValue()).getValue();
        // three documents, gone through twice (assessed, then written)
        assertThat(total).isEqualTo(6);
        assertThat(((IntegerType) done.getParameter("done").getValue()).getValue()).isEqualTo(total);
        assertThat(((IntegerType) done.getParameter("suppressed").getValue()).getValue()).isEqualTo(1);
        Parameters.ParametersParameterComponent risk = done.getParameter("risk");
        assertThat(risk.getPart()).filteredOn(p -> p.getName().equals("classesBelowK")).singleElement()
                .satisfies(p -> assertThat(p.getValue().primitiveValue()).isEqualTo("1"));
        HttpResponse<String> file = send(done.getParameter("download").getValue().primitiveValue());
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(documents(file)).containsExactlyInAnyOrder(reviewed, twin);
    }

    @Test
    void badRequestsAnswer400() throws Exception {
        for (String query : List.of("format=csv", "document=Patient/1", "k=0", "review-state=approved",
                "suppress=maybe")) {
            HttpResponse<String> response = get("$export-annotations?" + query);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.body()).as(query).contains("OperationOutcome");
        }
        assertThat(get("$export-annotations-status?job=nope").statusCode()).isEqualTo(404);
    }

    @Test
    void bulkDataExportRoundTrip() throws Exception {
        HttpResponse<String> kickOff = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        uri("$export?_type=Patient"))
                .header("Prefer", "respond-async").header("Accept", "application/fhir+json").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(kickOff.statusCode()).as(kickOff.body()).isEqualTo(202);
        String statusUrl = kickOff.headers().firstValue("Content-Location").orElseThrow();

        HttpResponse<String> complete = await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(1))
                .until(() -> send(statusUrl), r -> r.statusCode() != 202);
        assertThat(complete.statusCode()).as(complete.body()).isEqualTo(200);
        JsonNode manifest = JSON.readTree(complete.body());
        Map<String, List<JsonNode>> byType = new LinkedHashMap<>();
        for (JsonNode output : manifest.get("output")) {
            HttpResponse<String> ndjson = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create(output.get("url").asText())).header("Accept", "application/fhir+ndjson").GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ndjson.statusCode()).isEqualTo(200);
            byType.computeIfAbsent(output.get("type").asText(), t -> new ArrayList<>()).addAll(jsonl(ndjson.body()));
        }
        assertThat(byType.get("Patient")).extracting(p -> "Patient/" + p.get("id").asText())
                .contains(patient, twinPatient, reportPatient);
        // what is stored, not de-identified again: the stored birth year (not shifted), no name
        JsonNode exported = byType.get("Patient").stream()
                .filter(p -> ("Patient/" + p.get("id").asText()).equals(patient)).findFirst().orElseThrow();
        Patient stored = fhir().read().resource(Patient.class).withId(patient).execute();
        assertThat(exported.get("birthDate").asText()).isEqualTo(stored.getBirthDateElement().getValueAsString());
        assertThat(exported.has("name")).isFalse();

        // the gate opens only while the job runs: an in-process Binary naming the finished job is de-identified
        String job = statusUrl.substring(statusUrl.indexOf("_jobId=") + "_jobId=".length());
        Binary late = new Binary().setContentType("application/fhir+ndjson")
                .setData("{}".getBytes(StandardCharsets.UTF_8));
        late.getMeta().addExtension("https://hapifhir.org/NamingSystem/bulk-export-job-id", new StringType(job));
        late.setId("LateOutput0123456789abcdefABCDEF");
        assertThatThrownBy(() -> daos.getResourceDao(Binary.class).update(late, new SystemRequestDetails()))
                .isInstanceOf(UnprocessableEntityException.class);
    }

    @Test
    void aRestClientCannotStoreABinaryPastDeidentificationByDressingItAsExportOutput() throws Exception {
        String binary = """
                {"resourceType":"Binary","meta":{"extension":[{"url":"https://hapifhir.org/NamingSystem/bulk-export-job-id",
                "valueString":"any"}]},"contentType":"application/fhir+ndjson","data":"%s"}""".formatted(
                Base64.getEncoder().encodeToString("{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"Doe\"}]}"
                        .getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("Binary"))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(binary)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(422);
    }

    private String patient(String gender, String birthDate, String zip) {
        Patient patient = new Patient();
        patient.addName().setFamily("Exportwood").addGiven("Imogen");
        patient.setGender(Enumerations.AdministrativeGender.fromCode(gender));
        patient.setBirthDateElement(new DateType(birthDate));
        patient.addAddress().setCity("Somewhere").setPostalCode(zip);
        return fhir().create().resource(patient).execute().getId().toUnqualifiedVersionless().getValue();
    }

    private String note(String patientId, String text) {
        DocumentReference note = new DocumentReference();
        note.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        note.setSubject(new Reference(patientId));
        note.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                .setData(text.getBytes(StandardCharsets.UTF_8)));
        return fhir().create().resource(note).execute().getId().toUnqualifiedVersionless().getValue();
    }

    private List<DomainResource> storedAnnotations(String source) {
        List<DomainResource> annotations = new ArrayList<>();
        for (String type : AnnotationExtensions.ANNOTATED_TYPES) {
            search(type + "?annotation-source=" + source).getEntry()
                    .forEach(e -> annotations.add((DomainResource) e.getResource()));
        }
        return annotations;
    }

    private DomainResource annotation(String source, String text) {
        return storedAnnotations(source).stream()
                .filter(a -> evidenceText(a).contains(text))
                .findFirst().orElseThrow(() -> new AssertionError("no annotation covering " + text));
    }

    private static String evidenceText(DomainResource annotation) {
        return annotation.getExtensionByUrl(AnnotationExtensions.EVIDENCE).getExtensionByUrl(AnnotationExtensions.TEXT)
                .getValue().primitiveValue();
    }

    private static int evidenceInt(Extension evidence, String name) {
        return Integer.parseInt(evidence.getExtensionByUrl(name).getValue().primitiveValue());
    }

    private static String state(DomainResource annotation) {
        return annotation.getExtensionByUrl(AnnotationExtensions.REVIEW_STATE).getValue().primitiveValue();
    }

    private static String id(DomainResource annotation) {
        return annotation.getIdElement().toUnqualifiedVersionless().getValue();
    }

    private static List<String> codings(DomainResource annotation) {
        String element = CONCEPT_ELEMENTS.get(annotation.fhirType());
        return FhirContext.forR4Cached().newTerser()
                .getValues(annotation, annotation.fhirType() + "." + element + ".coding", Coding.class).stream()
                .map(c -> c.getSystem() + "|" + c.getCode()).toList();
    }

    private static List<String> codes(JsonNode span) {
        List<String> codes = new ArrayList<>();
        span.get("codes").forEach(c -> codes.add(c.get("system").asText() + "|" + c.get("code").asText()));
        return codes;
    }

    private static Parameters decision(String decision) {
        return new Parameters().addParameter("reviewer", new StringType("rv-export"))
                .addParameter("decision", new CodeType(decision));
    }

    private void review(DomainResource annotation, Parameters parameters) {
        fhir().operation().onInstance(annotation.getIdElement().toVersionless()).named("$review")
                .withParameters(parameters).returnResourceType(annotation.getClass()).execute();
    }

    private static String part(Parameters.ParametersParameterComponent parent, String name) {
        return parent.getPart().stream().filter(p -> p.getName().equals(name)).findFirst()
                .map(p -> p.getValue().primitiveValue()).orElse(null);
    }

    private List<String> annotationIds(HttpResponse<String> response) throws IOException {
        List<String> ids = new ArrayList<>();
        for (JsonNode record : jsonl(response.body())) {
            record.get("annotations").forEach(a -> ids.add(a.get("id").asText()));
        }
        return ids;
    }

    /** The sources (versionless) of the records in a JSONL export. */
    private static Set<String> documents(HttpResponse<String> response) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return jsonl(response.body()).stream()
                .map(r -> new IdType(r.get("document").asText()).toUnqualifiedVersionless().getValue())
                .collect(Collectors.toSet());
    }

    private static List<JsonNode> jsonl(String body) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static Map<String, String> unzip(byte[] bytes) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8)) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                files.put(entry.getName(), new String(zip.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://localhost:" + httpPort + "/fhir/" + Arrays.stream(pathAndQuery.split("&"))
                .map(ExportIT::encodeValue).collect(Collectors.joining("&")));
    }

    /** Query values as a browser would send them ('|' and ':' are fine for Tomcat here; '+' is not a space). */
    private static String encodeValue(String part) {
        int eq = part.indexOf('=');
        return eq < 0 ? part : part.substring(0, eq + 1) + URLEncoder.encode(part.substring(eq + 1), StandardCharsets.UTF_8)
                .replace("%2F", "/").replace("%2C", ",");
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(uri(pathAndQuery).toString());
    }

    private HttpResponse<byte[]> getBytes(String pathAndQuery) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri(pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpResponse<String> send(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private Bundle search(String query) {
        return fhir().search().byUrl(query).returnBundle(Bundle.class).execute();
    }
}
