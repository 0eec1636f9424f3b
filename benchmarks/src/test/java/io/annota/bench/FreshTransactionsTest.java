package io.annota.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.HTTPVerb;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class FreshTransactionsTest {

    @Test
    void everyCopyCreatesNewResourcesAndKeepsReferencesConsistent() {
        Bundle template = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        Patient patient = new Patient();
        patient.setId("a1b2");
        template.addEntry().setFullUrl("Patient/a1b2").setResource(patient)
                .getRequest().setMethod(HTTPVerb.PUT).setUrl("Patient/a1b2");
        Encounter encounter = new Encounter().setSubject(new Reference("Patient/a1b2"));
        template.addEntry().setFullUrl("urn:uuid:11111111-1111-1111-1111-111111111111").setResource(encounter)
                .getRequest().setMethod(HTTPVerb.POST).setUrl("Encounter").setIfNoneExist("identifier=x|1");
        Observation observation = new Observation()
                .setEncounter(new Reference("urn:uuid:11111111-1111-1111-1111-111111111111"));
        template.addEntry().setFullUrl("urn:uuid:22222222-2222-2222-2222-222222222222").setResource(observation)
                .getRequest().setMethod(HTTPVerb.PUT).setUrl("Observation?identifier=x|2");

        FreshTransactions fresh = new FreshTransactions(FhirContext.forR4Cached());
        Bundle first = fresh.copy(template);
        Bundle second = fresh.copy(template);

        String firstPatientUrl = first.getEntry().get(0).getRequest().getUrl();
        assertThat(firstPatientUrl).startsWith("Patient/a1b2-").isNotEqualTo(second.getEntry().get(0).getRequest().getUrl());
        assertThat(((Encounter) first.getEntry().get(1).getResource()).getSubject().getReference()).isEqualTo(firstPatientUrl);
        assertThat(first.getEntry().get(1).getRequest().hasIfNoneExist()).isFalse();
        String encounterUrl = first.getEntry().get(1).getFullUrl();
        assertThat(encounterUrl).startsWith("urn:uuid:").isNotEqualTo(second.getEntry().get(1).getFullUrl());
        assertThat(((Observation) first.getEntry().get(2).getResource()).getEncounter().getReference())
                .isEqualTo(encounterUrl);
        assertThat(first.getEntry().get(2).getRequest().getMethod()).isEqualTo(HTTPVerb.POST);
        assertThat(first.getEntry().get(2).getRequest().getUrl()).isEqualTo("Observation");
        // the template is untouched
        assertThat(template.getEntry().get(0).getRequest().getUrl()).isEqualTo("Patient/a1b2");
        assertThat(encounter.getSubject().getReference()).isEqualTo("Patient/a1b2");
    }
}
