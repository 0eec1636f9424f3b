package io.annota.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

class DeidentifyOperationProviderTest {

    private static final Pseudonymizer PSEUDONYMS = new Pseudonymizer(Fixtures.KEY);
    private static final String MRN = "448812377";
    private static final String PID = PSEUDONYMS.pseudonymousId("Patient", "mrn-" + MRN);

    private final InMemoryKnownIdentifierStore store = new InMemoryKnownIdentifierStore();
    private final DeidentifyOperationProvider provider = new DeidentifyOperationProvider(
            Fixtures.R4, DeidentificationSettings.withKey(Fixtures.KEY), store);

    @Test
    void aResourceComesBackDeidentifiedWithItsIdMappedAndNothingIsRemembered() {
        Patient result = (Patient) provider.deidentify(patient());

        String json = Fixtures.json(result);
        assertThat(json).doesNotContain("Quixote").doesNotContain(MRN).doesNotContain("555-0143");
        assertThat(result.getIdElement().getIdPart()).isEqualTo(PID);
        assertThat(result.getIdentifierFirstRep().getValue()).isEqualTo(PSEUDONYMS.pseudonym("urn:mrn", MRN));
        assertThat(store.fingerprints(PID)).isEmpty();
    }

    @Test
    void aBundleIsDeidentifiedAsAWholeWithItsPatientsValuesScrubbedFromEveryNote() {
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        bundle.addEntry().setFullUrl("Patient/mrn-" + MRN).setResource(patient())
                .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/mrn-" + MRN);
        Observation observation = new Observation();
        observation.setSubject(new Reference("Patient/mrn-" + MRN));
        observation.addNote().setText("Zebulon Quixote called from 617-555-0143 about MRN " + MRN + ".");
        bundle.addEntry().setFullUrl("urn:uuid:7f4c0c1e-0000-4000-8000-000000000002").setResource(observation)
                .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Observation")
                .setIfNoneExist("identifier=urn:obs|" + MRN);

        Bundle result = (Bundle) provider.deidentify(bundle);

        String json = Fixtures.json(result);
        assertThat(json).doesNotContainIgnoringCase("Quixote").doesNotContainIgnoringCase("Zebulon")
                .doesNotContain(MRN).doesNotContain("555-0143");
        assertThat(result.getEntry().get(0).getFullUrl()).isEqualTo("Patient/" + PID);
        assertThat(result.getEntry().get(0).getResource().getIdElement().getIdPart()).isEqualTo(PID);
        assertThat(((Observation) result.getEntry().get(1).getResource()).getSubject().getReference())
                .isEqualTo("Patient/" + PID);
        assertThat(result.getEntry().get(1).getFullUrl()).startsWith("urn:uuid:");
    }

    @Test
    void aResourceThatCannotBeDeidentifiedGivesA422NamingItsTypeAndNoValue() {
        DocumentReference document = new DocumentReference();
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.addContent().setAttachment(new Attachment().setContentType("application/pdf")
                .setTitle("Quixote discharge")
                .setData("%PDF Quixote".getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> provider.deidentify(document))
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("DocumentReference")
                .hasMessageNotContaining("Quixote");
    }

    @Test
    void parametersWithAResourcePartAreUnwrapped() {
        Parameters parameters = new Parameters();
        parameters.addParameter().setName("resource").setResource(patient());

        IBaseResource result = provider.deidentify(parameters);

        assertThat(result).isInstanceOf(Patient.class);
        assertThat(Fixtures.json(result)).doesNotContain("Quixote");
    }

    @Test
    void theTypeLevelOperationWantsABodyOfItsType() {
        IResourceProvider observations = provider.providers().stream()
                .filter(p -> p instanceof IResourceProvider r && r.getResourceType() == Observation.class)
                .map(IResourceProvider.class::cast).findFirst().orElseThrow();
        DeidentifyOperationProvider.ForType typeLevel = (DeidentifyOperationProvider.ForType) observations;

        assertThatThrownBy(() -> typeLevel.deidentify(patient()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageNotContaining("Quixote");
        assertThat(typeLevel.deidentify(new Observation())).isInstanceOf(Observation.class);
    }

    @Test
    void everyResourceTypeGetsATypeLevelProvider() {
        assertThat(provider.providers()).first().isSameAs(provider);
        assertThat(provider.providers()).hasSize(1 + Fixtures.R4.getResourceTypes().size());
        assertThat(Set.copyOf(provider.providers().stream().skip(1)
                .map(p -> ((IResourceProvider) p).getResourceType().getSimpleName()).toList()))
                .contains("Patient", "Bundle", "DocumentReference");
    }

    @Test
    void noBodyIsABadRequest() {
        assertThatThrownBy(() -> provider.deidentify(null)).isInstanceOf(InvalidRequestException.class);
    }

    private static Patient patient() {
        Patient patient = new Patient();
        patient.setId("mrn-" + MRN);
        patient.addIdentifier().setSystem("urn:mrn").setValue(MRN);
        patient.addName().setFamily("Quixote").addGiven("Zebulon");
        patient.addTelecom().setSystem(org.hl7.fhir.r4.model.ContactPoint.ContactPointSystem.PHONE)
                .setValue("(617) 555-0143");
        return patient;
    }
}
