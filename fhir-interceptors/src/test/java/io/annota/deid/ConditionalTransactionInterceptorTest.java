package io.annota.deid;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class ConditionalTransactionInterceptorTest {

    private static final Pseudonymizer PSEUDONYMS = new Pseudonymizer(Fixtures.KEY);
    private static final ConditionalTransactionInterceptor INTERCEPTOR = new ConditionalTransactionInterceptor(
            Fixtures.R4, new ConditionalUrlPseudonymizer(Fixtures.R4, PSEUDONYMS));
    private static final String PID = PSEUDONYMS.pseudonymousId("Patient", "mrn-123");
    private static final String OID = PSEUDONYMS.pseudonymousId("Observation", "obs-mrn-123");

    @Test
    void clientIdsAreMappedConsistentlyInUrlsFullUrlsResourceIdsAndReferences() {
        Patient patient = new Patient();
        patient.setId("mrn-123");
        Observation observation = new Observation();
        observation.setId("obs-mrn-123");
        observation.setSubject(new Reference("Patient/mrn-123"));
        Observation fresh = new Observation();
        fresh.setSubject(new Reference("urn:uuid:7f4c0c1e-0000-4000-8000-000000000009"));
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl("http://example.org/fhir/Patient/mrn-123").setResource(patient)
                .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/mrn-123");
        bundle.addEntry().setFullUrl("Observation/obs-mrn-123").setResource(observation)
                .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Observation/obs-mrn-123");
        bundle.addEntry().setFullUrl("urn:uuid:7f4c0c1e-0000-4000-8000-000000000002").setResource(fresh)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation");
        bundle.addEntry().getRequest().setMethod(Bundle.HTTPVerb.DELETE).setUrl("Observation/old-mrn-123");
        bundle.addEntry().getRequest().setMethod(Bundle.HTTPVerb.GET).setUrl("Observation?subject=Patient/mrn-123");

        INTERCEPTOR.pseudonymiseConditionals(bundle);

        assertThat(Fixtures.json(bundle)).doesNotContain("mrn-123");
        assertThat(bundle.getEntry().get(0).getFullUrl()).isEqualTo("http://example.org/fhir/Patient/" + PID);
        assertThat(bundle.getEntry().get(0).getRequest().getUrl()).isEqualTo("Patient/" + PID);
        assertThat(patient.getIdElement().getIdPart()).isEqualTo(PID);
        assertThat(bundle.getEntry().get(1).getFullUrl()).isEqualTo("Observation/" + OID);
        assertThat(observation.getIdElement().getIdPart()).isEqualTo(OID);
        assertThat(observation.getSubject().getReference()).isEqualTo("Patient/" + PID);
        assertThat(bundle.getEntry().get(2).getFullUrl()).isEqualTo("urn:uuid:7f4c0c1e-0000-4000-8000-000000000002");
        assertThat(fresh.getSubject().getReference()).isEqualTo("urn:uuid:7f4c0c1e-0000-4000-8000-000000000009");
        assertThat(bundle.getEntry().get(3).getRequest().getUrl())
                .isEqualTo("Observation/" + PSEUDONYMS.pseudonymousId("Observation", "old-mrn-123"));
        assertThat(bundle.getEntry().get(4).getRequest().getUrl()).isEqualTo("Observation?subject=Patient%2F" + PID);
    }

    @Test
    void runningTwiceChangesNothingMore() {
        Patient patient = new Patient();
        patient.setId("mrn-123");
        Bundle bundle = new Bundle().setType(Bundle.BundleType.BATCH);
        bundle.addEntry().setFullUrl("Patient/mrn-123").setResource(patient)
                .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/mrn-123");

        INTERCEPTOR.pseudonymiseConditionals(bundle);
        String once = Fixtures.json(bundle);
        new ConditionalTransactionInterceptor(Fixtures.R4, new ConditionalUrlPseudonymizer(Fixtures.R4, PSEUDONYMS))
                .pseudonymiseConditionals(bundle);

        assertThat(Fixtures.json(bundle)).isEqualTo(once);
    }
}
