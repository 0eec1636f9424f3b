package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import io.annota.server.nlp.AnnotationExtensions;
import io.annota.server.nlp.DocumentAnnotator;
import io.annota.server.nlp.NlpEngineHolder;
import io.annota.server.support.MllpClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.UUID;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The walking skeleton end to end: MLLP in, de-identified FHIR out, notes annotated by cTAKES. */
class EndToEndIT extends AnnotaServerIT {

    @Autowired
    private DocumentAnnotator annotator;
    @Autowired
    private NlpEngineHolder engine;

    private static final List<String> PATIENT_PHI = List.of(
            "Quixote", "Marchetti", "Zebulon", "Ambrose", "Evergreen", "Shelbyville", "555-0143", "5550143",
            "078-05-1120", "1958-07-14", "19580714");

    @Test
    void admissionIsAcknowledgedAfterStorageAndStoredWithoutIdentifiers() throws IOException {
        String mrn = uniqueMrn();
        String controlId = "CTRL-" + UUID.randomUUID();
        String ack;
        try (MllpClient mllp = new MllpClient("127.0.0.1", MLLP_PORT)) {
            ack = mllp.send(Hl7Fixtures.admission(mrn, controlId));
        }

        assertThat(Hl7Fixtures.segment(ack, "MSA")).startsWith("MSA|AA|" + controlId);
        Patient patient = fhir().read().resource(Patient.class).withId(patientId(mrn)).execute();
        String stored = json(patient);
        assertThat(stored).doesNotContain(mrn);
        PATIENT_PHI.forEach(phi -> assertThat(stored).doesNotContainIgnoringCase(phi));
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1958");
        assertThat(patient.getIdentifierFirstRep().getValue())
                .isEqualTo(PSEUDONYMS.pseudonym(patient.getIdentifierFirstRep().getSystem(), mrn));
        assertThat(patient.getMeta().getSecurity()).anyMatch(c -> "PSEUDED".equals(c.getCode()));
        assertThat(ack).doesNotContain(mrn).doesNotContain("Quixote");
    }

    @Test
    void aMessageSentAgainGetsItsOriginalAckAndStoresNothingNew() throws IOException {
        String mrn = uniqueMrn();
        String message = Hl7Fixtures.admission(mrn, "CTRL-" + UUID.randomUUID());
        String first;
        try (MllpClient mllp = new MllpClient("127.0.0.1", MLLP_PORT)) {
            first = mllp.send(message);
        }
        String versionAfterFirst = fhir().read().resource(Patient.class).withId(patientId(mrn)).execute()
                .getMeta().getVersionId();

        String again;
        try (MllpClient mllp = new MllpClient("127.0.0.1", MLLP_PORT)) {
            again = mllp.send(message);
        }

        assertThat(Hl7Fixtures.segment(first, "MSA")).startsWith("MSA|AA|");
        assertThat(again).as("the original ACK, its own control id included").isEqualTo(first);
        assertThat(fhir().read().resource(Patient.class).withId(patientId(mrn)).execute().getMeta().getVersionId())
                .isEqualTo(versionAfterFirst);
    }

    @Test
    void garbageGetsRejectedAndTheSameConnectionKeepsServing() throws IOException {
        String mrn = uniqueMrn();
        try (MllpClient mllp = new MllpClient("127.0.0.1", MLLP_PORT)) {
            String rejected = mllp.send("this is not an HL7 message\r");
            assertThat(Hl7Fixtures.segment(rejected, "MSA")).startsWith("MSA|AR|");
            assertThat(Hl7Fixtures.segment(rejected, "ERR")).isNotBlank();

            String accepted = mllp.send(Hl7Fixtures.admission(mrn, "CTRL-" + mrn));
            assertThat(Hl7Fixtures.segment(accepted, "MSA")).startsWith("MSA|AA|CTRL-" + mrn);
        }
        assertThat(fhir().read().resource(Patient.class).withId(patientId(mrn)).execute().getIdentifier())
                .isNotEmpty();
    }

    @Test
    void noteIsDeidentifiedThenAnnotatedWithEvidenceAssertionAndProvenance() throws Exception {
        String mrn = uniqueMrn();
        try (MllpClient mllp = new MllpClient("127.0.0.1", MLLP_PORT)) {
            assertThat(mllp.send(Hl7Fixtures.admission(mrn, "CTRL-" + mrn))).contains("MSA|AA|");
        }
        String patientRef = "Patient/" + patientId(mrn);
        String note = "Zebulon Quixote-Marchetti (MRN " + mrn + ") was seen today. He has type 2 diabetes mellitus "
                + "and takes metformin. He denies chest pain. Call him at (617) 555-0143.";
        DocumentReference document = new DocumentReference();
        document.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.CURRENT);
        document.setSubject(new Reference(patientRef));
        document.addContent().setAttachment(new Attachment()
                .setContentType("text/plain; charset=utf-8")
                .setData(note.getBytes(StandardCharsets.UTF_8)));
        String documentId = fhir().create().resource(document).execute().getId().getIdPart();

        DocumentReference stored = fhir().read().resource(DocumentReference.class).withId(documentId).execute();
        String storedText = new String(stored.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8);
        assertThat(storedText).contains("type 2 diabetes mellitus").contains("denies chest pain");
        List.of("Zebulon", "Quixote", "Marchetti", mrn, "555-0143")
                .forEach(phi -> assertThat(storedText).doesNotContainIgnoringCase(phi));
        assertThat(json(stored)).doesNotContain("Zebulon").doesNotContain(mrn);

        List<Condition> conditions = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> conditionsOf(patientRef), found -> found.size() >= 2);

        Condition diabetes = byCoveredText(conditions, "diabetes");
        assertThat(diabetes.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("unconfirmed");
        assertThat(assertionFlag(diabetes, "negated")).isFalse();
        assertEvidenceSpan(diabetes, storedText, documentId);

        Condition chestPain = byCoveredText(conditions, "chest pain");
        assertThat(chestPain.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo("refuted");
        assertThat(assertionFlag(chestPain, "negated")).isTrue();
        assertEvidenceSpan(chestPain, storedText, documentId);

        Bundle provenances = fhir().search().forResource(Provenance.class)
                .where(Provenance.ENTITY.hasId("DocumentReference/" + documentId))
                .returnBundle(Bundle.class).execute();
        assertThat(provenances.getEntry()).hasSize(1);
        Provenance provenance = (Provenance) provenances.getEntryFirstRep().getResource();
        assertThat(provenance.getAgentFirstRep().getWho().getReference()).startsWith("Device/");
        assertThat(provenance.getTarget()).extracting(Reference::getReference)
                .contains("Condition/" + diabetes.getIdElement().getIdPart(),
                        "Condition/" + chestPain.getIdElement().getIdPart());

        annotator.annotate("DocumentReference/" + documentId, engine.await(Duration.ofSeconds(5)));
        assertThat(conditionsOf(patientRef)).hasSameSizeAs(conditions);
    }

    @Test
    void aNoteSentInTheSameTransactionAsItsPatientIsScrubbedOfThatPatientsIdentifiers() {
        Patient patient = new Patient();
        patient.addName().setFamily("Brandvold").addGiven("Hugo");
        patient.addAddress().addLine("20984 Charlyn Keys").addLine("Suite 800").setCity("New Nadine");
        String note = "Mr. Brandvold lives at 20984 Charlyn Keys, Suite 800. Hugo Brandvold has asthma.";
        DocumentReference document = new DocumentReference();
        document.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.CURRENT);
        document.setSubject(new Reference("urn:uuid:7f4c0c1e-0000-4000-8000-000000000001"));
        document.addContent().setAttachment(new Attachment().setContentType("text/plain")
                .setData(note.getBytes(StandardCharsets.UTF_8)));
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setFullUrl("urn:uuid:7f4c0c1e-0000-4000-8000-000000000001").setResource(patient)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        transaction.addEntry().setFullUrl("urn:uuid:7f4c0c1e-0000-4000-8000-000000000002").setResource(document)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("DocumentReference");

        Bundle response = fhir().transaction().withBundle(transaction).execute();

        String documentId = new org.hl7.fhir.r4.model.IdType(response.getEntry().get(1).getResponse().getLocation())
                .getIdPart();
        DocumentReference stored = fhir().read().resource(DocumentReference.class).withId(documentId).execute();
        String storedText = new String(stored.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8);
        assertThat(storedText).doesNotContain("Brandvold").doesNotContain("Hugo").doesNotContain("Charlyn")
                .contains("has asthma");
        assertThat(stored.getSubject().getReference()).startsWith("Patient/");
    }

    @Test
    void aDocumentThatCannotBeDeidentifiedIsRejectedAndNotStored() {
        String marker = UUID.randomUUID().toString();
        DocumentReference pdf = new DocumentReference();
        pdf.setStatus(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.CURRENT);
        pdf.setDescription(marker);
        pdf.addContent().setAttachment(new Attachment()
                .setContentType("application/pdf")
                .setData("%PDF-1.4 Zebulon Quixote-Marchetti".getBytes(StandardCharsets.ISO_8859_1)));

        assertThatThrownBy(() -> fhir().create().resource(pdf).execute())
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageNotContaining("Zebulon");
        Bundle all = fhir().search().forResource(DocumentReference.class).returnBundle(Bundle.class).execute();
        assertThat(json(all)).doesNotContain(marker).doesNotContain("PDF-1.4");
    }

    private List<Condition> conditionsOf(String patientRef) {
        Bundle bundle = fhir().search().forResource(Condition.class)
                .where(Condition.SUBJECT.hasId(patientRef))
                .returnBundle(Bundle.class).execute();
        return bundle.getEntry().stream().map(e -> (Condition) e.getResource()).toList();
    }

    private static Condition byCoveredText(List<Condition> conditions, String text) {
        return conditions.stream()
                .filter(c -> c.getCode().getText() != null && c.getCode().getText().toLowerCase().contains(text))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no Condition covering '" + text + "' among "
                        + conditions.stream().map(c -> c.getCode().getText()).toList()));
    }

    private static boolean assertionFlag(Condition condition, String flag) {
        Extension assertion = condition.getExtensionByUrl(AnnotationExtensions.ASSERTION);
        return Boolean.parseBoolean(assertion.getExtensionByUrl(flag).getValue().primitiveValue());
    }

    private static void assertEvidenceSpan(Condition condition, String storedText, String documentId) {
        Extension evidence = condition.getExtensionByUrl(AnnotationExtensions.EVIDENCE);
        int begin = ((IntegerType) evidence.getExtensionByUrl("begin").getValue()).getValue();
        int end = ((IntegerType) evidence.getExtensionByUrl("end").getValue()).getValue();
        String covered = evidence.getExtensionByUrl("text").getValue().primitiveValue();
        assertThat(storedText.substring(begin, end)).isEqualTo(covered);
        assertThat(((Reference) evidence.getExtensionByUrl("source").getValue()).getReference())
                .startsWith("DocumentReference/" + documentId);
        assertThat(condition.getEvidenceFirstRep().getDetailFirstRep().getReference())
                .startsWith("DocumentReference/" + documentId);
    }

    private static String patientId(String mrn) {
        return PSEUDONYMS.resourceId("Patient", "MERCY_GENERAL|" + mrn);
    }

    private static String uniqueMrn() {
        return "M" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
    }
}
