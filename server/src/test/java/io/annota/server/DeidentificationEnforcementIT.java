package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** Client-assigned ids on the REST surface, patches de-identified like updates, and {@code $deidentify}. */
class DeidentificationEnforcementIT extends AnnotaServerIT {

    private static final String MRN_SYSTEM = "http://hospital.example.org/mrn";

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void whatTheTextScrubberReplacesIsCountedByTypeAndRuleWithoutItsText() throws Exception {
        DocumentReference note = new DocumentReference();
        note.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        note.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                .setData("pt extubated 7/22, seen by dr Quindlemoor this am.".getBytes(StandardCharsets.UTF_8)));
        fhir().create().resource(note).execute();

        String metrics = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/actuator/prometheus"))
                .header("Accept", "text/plain").build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).containsPattern("annota_deid_text_replaced_total\\{[^}]*rule=\"cue:title\"[^}]*type=\"NAME\"")
                .containsPattern("annota_deid_text_replaced_total\\{[^}]*rule=\"date:shorthand\"[^}]*type=\"DATE\"")
                .doesNotContain("Quindlemoor").doesNotContain("7/22");
    }

    @Test
    void aClientWritesReadsSearchesAndDeletesUnderItsOwnIdWhileStorageHoldsAPseudonymousId() {
        String clientId = "mrn-" + digits();
        String storedId = PSEUDONYMS.pseudonymousId("Patient", clientId);
        Patient patient = new Patient();
        patient.setId(clientId);
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);

        String written = fhir().update().resource(patient).execute().getId().getIdPart();
        Patient read = fhir().read().resource(Patient.class).withId(clientId).execute();
        Patient vread = fhir().read().resource(Patient.class).withIdAndVersion(clientId, "1").execute();
        Bundle byId = fhir().search().forResource(Patient.class)
                .where(Patient.RES_ID.exactly().code(clientId)).returnBundle(Bundle.class).execute();
        patient.setGender(Enumerations.AdministrativeGender.MALE);
        String updated = fhir().update().resource(patient).execute().getId().getIdPart();

        assertThat(written).isEqualTo(storedId);
        assertThat(updated).isEqualTo(storedId);
        assertThat(read.getIdElement().getIdPart()).isEqualTo(storedId);
        assertThat(vread.getGender()).isEqualTo(Enumerations.AdministrativeGender.FEMALE);
        assertThat(byId.getEntry()).singleElement().satisfies(e ->
                assertThat(e.getResource().getIdElement().getIdPart()).isEqualTo(storedId));
        assertThat(fhir().history().onInstance("Patient/" + clientId).returnBundle(Bundle.class).execute()
                .getEntry()).hasSize(2);

        fhir().delete().resourceById("Patient", clientId).execute();
        assertThatThrownBy(() -> fhir().read().resource(Patient.class).withId(storedId).execute())
                .isInstanceOf(ResourceGoneException.class);
    }

    @Test
    void aTransactionKeepsReferencesBetweenEntriesWithClientIdsResolvable() {
        String clientId = "mrn-" + digits();
        String storedId = PSEUDONYMS.pseudonymousId("Patient", clientId);
        Patient patient = new Patient();
        patient.setId(clientId);
        Observation observation = new Observation();
        observation.setId("obs-" + clientId);
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().setText("heart rate");
        observation.setSubject(new Reference("Patient/" + clientId));
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setFullUrl("Patient/" + clientId).setResource(patient)
                .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/" + clientId);
        transaction.addEntry().setFullUrl("Observation/obs-" + clientId).setResource(observation)
                .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Observation/obs-" + clientId);

        Bundle response = fhir().transaction().withBundle(transaction).execute();

        assertThat(json(response)).doesNotContain(clientId);
        Observation stored = fhir().read().resource(Observation.class).withId("obs-" + clientId).execute();
        assertThat(stored.getIdElement().getIdPart()).isEqualTo(PSEUDONYMS.pseudonymousId("Observation", "obs-" + clientId));
        assertThat(stored.getSubject().getReference()).isEqualTo("Patient/" + storedId);
        Bundle bySubject = fhir().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + clientId)).returnBundle(Bundle.class).execute();
        assertThat(bySubject.getEntry()).hasSize(1);
    }

    @Test
    void aJsonPatchIsDeidentifiedLikeAnUpdate() {
        String mrn = digits();
        Patient bare = new Patient();
        bare.setActive(true);
        String id = fhir().create().resource(bare).execute().getId().getIdPart();

        fhir().patch().withBody("[{\"op\":\"add\",\"path\":\"/name\",\"value\":[{\"family\":\"Vantongeren\","
                        + "\"given\":[\"Rosalind\"]}]},{\"op\":\"add\",\"path\":\"/telecom\",\"value\":[{\"system\":"
                        + "\"phone\",\"value\":\"(617) 555-0181\"}]},{\"op\":\"add\",\"path\":\"/identifier\","
                        + "\"value\":[{\"system\":\"" + MRN_SYSTEM + "\",\"value\":\"" + mrn + "\"}]}]")
                .withId("Patient/" + id).execute();

        Patient stored = fhir().read().resource(Patient.class).withId(id).execute();
        assertThat(json(stored)).doesNotContain("Vantongeren").doesNotContain("Rosalind").doesNotContain("555-0181")
                .doesNotContain(mrn);
        assertThat(stored.getIdentifierFirstRep().getValue()).isEqualTo(PSEUDONYMS.pseudonym(MRN_SYSTEM, mrn));
        assertThat(stored.getMeta().getSecurity()).anyMatch(c -> "PSEUDED".equals(c.getCode()));
    }

    @Test
    void aFhirPathPatchIsDeidentifiedLikeAnUpdate() {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().setText("follow-up");
        String id = fhir().create().resource(observation).execute().getId().getIdPart();
        Parameters patch = new Parameters();
        Parameters.ParametersParameterComponent operation = patch.addParameter().setName("operation");
        operation.addPart().setName("type").setValue(new CodeType("add"));
        operation.addPart().setName("path").setValue(new StringType("Observation"));
        operation.addPart().setName("name").setValue(new StringType("note"));
        operation.addPart().setName("value").setValue(new org.hl7.fhir.r4.model.Annotation()
                .setText("Called 617-555-0182 and mailed rosalind.v@mailbox.example.net; SSN 078-05-1120. "
                        + "Stable.").setAuthor(new StringType("Rosalind Vantongeren")));

        fhir().patch().withFhirPatch(patch).withId("Observation/" + id).execute();

        Observation stored = fhir().read().resource(Observation.class).withId(id).execute();
        assertThat(json(stored)).doesNotContain("555-0182").doesNotContain("rosalind.v@")
                .doesNotContain("078-05-1120").doesNotContain("Vantongeren").contains("Stable.");
    }

    @Test
    void deidentifyReturnsTheDeidentifiedCopyAndStoresNothing() throws Exception {
        String mrn = digits();
        Patient patient = new Patient();
        patient.setId("mrn-" + mrn);
        patient.addIdentifier().setSystem(MRN_SYSTEM).setValue(mrn);
        patient.addName().setFamily("Oyelaran-Whitcombe").addGiven("Tobias");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("(617) 555-0183");
        DocumentReference document = new DocumentReference();
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.setSubject(new Reference("Patient/mrn-" + mrn));
        document.addContent().setAttachment(new Attachment().setContentType("text/plain")
                .setData(("Tobias Oyelaran-Whitcombe (MRN " + mrn + ") has asthma.").getBytes(StandardCharsets.UTF_8)));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.addEntry().setFullUrl("Patient/mrn-" + mrn).setResource(patient);
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(document);

        HttpResponse<String> server = post("/$deidentify", json(bundle));
        HttpResponse<String> typeLevel = post("/Patient/$deidentify", json(patient));

        assertThat(server.statusCode()).isEqualTo(200);
        assertThat(server.body()).doesNotContain(mrn).doesNotContain("Oyelaran").doesNotContain("Tobias")
                .doesNotContain("555-0183");
        Bundle result = FHIR_JSON.parseResource(Bundle.class, server.body());
        String note = new String(((DocumentReference) result.getEntry().get(1).getResource()).getContentFirstRep()
                .getAttachment().getData(), StandardCharsets.UTF_8);
        assertThat(note).contains("has asthma").doesNotContain("Tobias").doesNotContain("Oyelaran").doesNotContain(mrn);
        String storedId = PSEUDONYMS.pseudonymousId("Patient", "mrn-" + mrn);
        assertThat(result.getEntry().get(0).getFullUrl()).isEqualTo("Patient/" + storedId);
        assertThat(((DocumentReference) result.getEntry().get(1).getResource()).getSubject().getReference())
                .isEqualTo("Patient/" + storedId);
        assertThat(typeLevel.statusCode()).isEqualTo(200);
        assertThat(typeLevel.body()).doesNotContain("Oyelaran").doesNotContain(mrn);
        Bundle stored = fhir().search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(MRN_SYSTEM, PSEUDONYMS.pseudonym(MRN_SYSTEM, mrn)))
                .returnBundle(Bundle.class).execute();
        assertThat(stored.getEntry()).isEmpty();
    }

    @Test
    void deidentifyFailsClosedWithA422NamingTheTypeButNoValue() throws Exception {
        DocumentReference pdf = new DocumentReference();
        pdf.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        pdf.addContent().setAttachment(new Attachment().setContentType("application/pdf")
                .setData("%PDF-1.4 Tobias Oyelaran-Whitcombe".getBytes(StandardCharsets.ISO_8859_1)));

        HttpResponse<String> response = post("/$deidentify", json(pdf));
        HttpResponse<String> wrongType = post("/Observation/$deidentify", json(pdf));

        assertThat(response.statusCode()).isEqualTo(422);
        OperationOutcome outcome = FHIR_JSON.parseResource(OperationOutcome.class, response.body());
        assertThat(outcome.getIssueFirstRep().getDiagnostics()).contains("DocumentReference");
        assertThat(response.body()).doesNotContain("Oyelaran").doesNotContain("PDF-1.4")
                .doesNotContain(java.util.Base64.getEncoder().encodeToString("%PDF".getBytes(StandardCharsets.ISO_8859_1)));
        assertThat(wrongType.statusCode()).isEqualTo(400);
    }

    @Test
    void theCapabilityStatementListsDeidentify() {
        CapabilityStatement capabilities = fhir().capabilities().ofType(CapabilityStatement.class).execute();

        assertThat(capabilities.getRestFirstRep().getOperation()).anyMatch(o -> "deidentify".equals(o.getName()));
        assertThat(capabilities.getRestFirstRep().getResource()).filteredOn(r -> "Patient".equals(r.getType()))
                .singleElement().satisfies(r ->
                        assertThat(r.getOperation()).anyMatch(o -> "deidentify".equals(o.getName())));
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/fhir" + path))
                .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String digits() {
        return String.valueOf(100_000_000L + (long) (Math.random() * 800_000_000L));
    }

    private static final ca.uhn.fhir.parser.IParser FHIR_JSON =
            ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser();
}
