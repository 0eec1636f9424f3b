package io.annota.deid;

import static org.assertj.core.api.Assertions.assertThat;

import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResourceIdPseudonymizerTest {

    private static final Pseudonymizer PSEUDONYMS = new Pseudonymizer(Fixtures.KEY);
    private static final ResourceIdPseudonymizer IDS = new ResourceIdPseudonymizer(Fixtures.R4, PSEUDONYMS);
    private static final String PID = PSEUDONYMS.pseudonymousId("Patient", "mrn-123");

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "Patient/mrn-123; Patient/PID",
        "Patient/mrn-123/_history/2; Patient/PID/_history/2",
        "http://example.org/fhir/Patient/mrn-123; http://example.org/fhir/Patient/PID",
        "Patient/123; Patient/123",
        "urn:uuid:7f4c0c1e-0000-4000-8000-000000000001; urn:uuid:7f4c0c1e-0000-4000-8000-000000000001",
        "#contained-1; #contained-1",
        "Patient?identifier=urn:mrn|1; Patient?identifier=urn:mrn|1",
        "NotAType/mrn-123; NotAType/mrn-123",
    })
    void referencesAndFullUrls(String reference, String expected) {
        assertThat(IDS.reference(reference)).isEqualTo(expected.replace("PID", PID));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "Patient/mrn-123; Patient/PID",
        "Patient/mrn-123/_history/3; Patient/PID/_history/3",
        "Patient/mrn-123/$everything; Patient/PID/$everything",
        "Patient/mrn-123/Observation?code=1; Patient/PID/Observation?code=1",
        "/Patient/mrn-123; /Patient/PID",
        "Patient; Patient",
        "Patient?_id=x; Patient?_id=x",
        "Patient/$deidentify; Patient/$deidentify",
        "Patient/_history; Patient/_history",
        "Patient/_search; Patient/_search",
    })
    void requestUrls(String url, String expected) {
        assertThat(IDS.requestUrl(url)).isEqualTo(expected.replace("PID", PID));
    }

    @Test
    void serverAndPseudonymousIdsAreKeptSoTheMappingIsIdempotent() {
        assertThat(IDS.id("Patient", "123")).isEqualTo("123");
        assertThat(IDS.id("Patient", PID)).isEqualTo(PID);
        assertThat(IDS.id("Observation", "mrn-123")).isNotEqualTo(PID);
    }

    @Test
    void anIdTypeKeepsItsBaseAndVersion() {
        IdType mapped = (IdType) IDS.id(new IdType("http://example.org/fhir", "Patient", "mrn-123", "4"));
        assertThat(mapped.getValue()).isEqualTo("http://example.org/fhir/Patient/" + PID + "/_history/4");
    }

    @Test
    void aResourceHasItsOwnIdAndItsReferencesMappedInPlace() {
        Observation observation = new Observation();
        observation.setId("obs-mrn-123");
        observation.setSubject(new Reference("Patient/mrn-123"));
        observation.addPerformer(new Reference("urn:uuid:7f4c0c1e-0000-4000-8000-000000000001"));
        Bundle holder = new Bundle();
        holder.addEntry().setResource(observation);

        assertThat(IDS.rewriteInPlace(Fixtures.R4, observation)).isTrue();

        assertThat(observation.getIdElement().getIdPart()).isEqualTo(PSEUDONYMS.pseudonymousId("Observation", "obs-mrn-123"));
        assertThat(observation.getSubject().getReference()).isEqualTo("Patient/" + PID);
        assertThat(observation.getPerformerFirstRep().getReference()).startsWith("urn:uuid:");
        assertThat(IDS.rewriteInPlace(Fixtures.R4, observation)).isFalse();
    }
}
