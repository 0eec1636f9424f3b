package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/** Conditional creates and updates find their resource by identifier although storage holds only pseudonyms. */
class ConditionalOperationsIT extends AnnotaServerIT {

    private static final String SYSTEM = "http://hospital.example.org/mrn";

    @Test
    void aConditionalCreateInATransactionMatchesTheSamePatientTheSecondTime() {
        String mrn = "C" + UUID.randomUUID().toString().substring(0, 8);
        Bundle first = fhir().transaction().withBundle(conditionalCreate(mrn)).execute();
        Bundle second = fhir().transaction().withBundle(conditionalCreate(mrn)).execute();

        assertThat(first.getEntryFirstRep().getResponse().getStatus()).startsWith("201");
        assertThat(second.getEntryFirstRep().getResponse().getStatus()).startsWith("200");
        assertThat(second.getEntryFirstRep().getResponse().getLocation())
                .startsWith(first.getEntryFirstRep().getResponse().getLocation().replaceAll("/_history/.*", ""));
        assertThat(patientsWith(mrn).getTotal()).isEqualTo(1);
        assertThat(first.getEntryFirstRep().getResponse().getOutcome()).satisfiesAnyOf(
                outcome -> assertThat(outcome).isNull(),
                outcome -> assertThat(json(outcome)).doesNotContain(mrn));
    }

    @Test
    void aRestConditionalUpdateUpdatesThePatientCreatedUnderTheSameIdentifier() {
        String mrn = "U" + UUID.randomUUID().toString().substring(0, 8);
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(SYSTEM).setValue(mrn);
        patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.FEMALE);
        String created = fhir().update().resource(patient).conditionalByUrl("Patient?identifier=" + SYSTEM + "|" + mrn)
                .execute().getId().getIdPart();

        patient.setGender(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.MALE);
        String updated = fhir().update().resource(patient).conditionalByUrl("Patient?identifier=" + SYSTEM + "|" + mrn)
                .execute().getId().getIdPart();

        assertThat(updated).isEqualTo(created);
        Patient stored = fhir().read().resource(Patient.class).withId(created).execute();
        assertThat(stored.getGender()).isEqualTo(org.hl7.fhir.r4.model.Enumerations.AdministrativeGender.MALE);
        assertThat(stored.getIdentifierFirstRep().getValue()).isEqualTo(PSEUDONYMS.pseudonym(SYSTEM, mrn));
    }

    private static Bundle conditionalCreate(String mrn) {
        Patient patient = new Patient();
        patient.addIdentifier().setSystem(SYSTEM).setValue(mrn);
        patient.addName().setFamily("Okonkwo-Lindqvist").addGiven("Theodora");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl("urn:uuid:" + UUID.randomUUID()).setResource(patient).getRequest()
                .setMethod(Bundle.HTTPVerb.POST).setUrl("Patient").setIfNoneExist("identifier=" + SYSTEM + "|" + mrn);
        return bundle;
    }

    private Bundle patientsWith(String mrn) {
        return fhir().search().forResource(Patient.class)
                .where(Patient.IDENTIFIER.exactly().systemAndIdentifier(SYSTEM, PSEUDONYMS.pseudonym(SYSTEM, mrn)))
                .returnBundle(Bundle.class).execute();
    }
}
