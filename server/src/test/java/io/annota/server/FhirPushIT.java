package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.annota.server.support.Notes;
import io.annota.server.support.PhiScanner;
import io.annota.server.support.PhiScanner.Needle;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Pushed Bundles (issue 8, item 4): a transaction with {@code urn:uuid} references, a batch with client ids and
 * a transaction with a conditional reference ({@code Patient?identifier=system|value}) are stored de-identified
 * (no injected value anywhere in the database) and their notes annotated, as every other write.
 */
class FhirPushIT extends AnnotaServerIT {

    private static final String MRN_SYSTEM = "http://hospital.example.org/mrn";
    private static final String FAMILY = "Thistlewaite-Oyelaran";
    private static final String GIVEN = "Marguerite";
    private static final String PHONE = "(312) 555-0187";

    @Autowired
    private DataSource dataSource;

    private final String mrn = "PUSH-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aTransactionWithUrnUuidReferencesIsDeidentifiedAndItsNoteAnnotated() {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        String patientUrn = "urn:uuid:" + UUID.randomUUID();
        transaction.addEntry().setFullUrl(patientUrn).setResource(patient()).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
        transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(note(patientUrn))
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("DocumentReference");

        Bundle response = fhir().transaction().withBundle(transaction).execute();

        String patient = location(response, 0);
        DocumentReference stored = document(location(response, 1));
        assertThat(stored.getSubject().getReference()).isEqualTo(patient);
        assertDeidentifiedAndAnnotated(patient, stored);
    }

    @Test
    void aBatchWithClientIdsIsDeidentifiedAndItsNoteAnnotated() {
        String clientId = "mrn-" + mrn;
        Bundle batch = new Bundle().setType(Bundle.BundleType.BATCH);
        batch.addEntry().setResource(patient().setId(clientId)).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                .setUrl("Patient/" + clientId);
        Bundle first = fhir().transaction().withBundle(batch).execute();
        Bundle notes = new Bundle().setType(Bundle.BundleType.BATCH);
        notes.addEntry().setResource(note("Patient/" + clientId)).getRequest().setMethod(Bundle.HTTPVerb.POST)
                .setUrl("DocumentReference");

        Bundle response = fhir().transaction().withBundle(notes).execute();

        String patient = location(first, 0);
        assertThat(patient).isEqualTo("Patient/" + PSEUDONYMS.pseudonymousId("Patient", clientId));
        DocumentReference stored = document(location(response, 0));
        assertThat(stored.getSubject().getReference()).isEqualTo(patient);
        assertDeidentifiedAndAnnotated(patient, stored);
    }

    @Test
    void aConditionalReferenceFindsThePatientByItsPseudonymisedIdentifier() {
        String patient = fhir().create().resource(patient()).execute().getId().toUnqualifiedVersionless().getValue();
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        transaction.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID())
                .setResource(note("Patient?identifier=" + MRN_SYSTEM + "|" + mrn)).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("DocumentReference");

        Bundle response = fhir().transaction().withBundle(transaction).execute();

        DocumentReference stored = document(location(response, 0));
        assertThat(stored.getSubject().getReference()).isEqualTo(patient);
        assertDeidentifiedAndAnnotated(patient, stored);
    }

    private Patient patient() {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(MRN_SYSTEM).setValue(mrn);
        patient.addName().setFamily(FAMILY).addGiven(GIVEN);
        patient.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE).setValue(PHONE);
        patient.setGender(Enumerations.AdministrativeGender.FEMALE);
        return patient;
    }

    private static DocumentReference note(String subject) {
        return Notes.note(subject, GIVEN + " " + FAMILY + " was seen today. Known type 2 diabetes mellitus, on "
                + "metformin. She denies chest pain. Phone " + PHONE + ".");
    }

    private static String location(Bundle response, int entry) {
        return new IdType(response.getEntry().get(entry).getResponse().getLocation()).toUnqualifiedVersionless()
                .getValue();
    }

    private DocumentReference document(String id) {
        return fhir().read().resource(DocumentReference.class).withId(id).execute();
    }

    private void assertDeidentifiedAndAnnotated(String patient, DocumentReference document) {
        assertThat(fhir().read().resource(Patient.class).withId(patient).execute().getName()).isEmpty();
        String source = document.getIdElement().toUnqualifiedVersionless().getValue();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(
                () -> fhir().search().byUrl("Condition?annotation-source=" + source).returnBundle(Bundle.class)
                        .execute().getEntry().size() >= 1);
        PhiScanner scanner = new PhiScanner(List.of(Needle.text("name", "push", FAMILY),
                Needle.text("name", "push", GIVEN), Needle.digits("phone", "push", PHONE),
                Needle.text("mrn", "push", mrn)));
        assertThat(scanner.scanDatabase(dataSource)).isEmpty();
    }
}
