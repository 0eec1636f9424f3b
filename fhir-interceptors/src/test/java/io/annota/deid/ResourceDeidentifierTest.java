package io.annota.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Organization;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ResourceDeidentifierTest {

    private final ResourceDeidentifier deidentifier =
            new ResourceDeidentifier(Fixtures.R4, DeidentificationSettings.withKey(Fixtures.KEY));
    private final Pseudonymizer pseudonymizer = new Pseudonymizer(Fixtures.KEY);

    private static Patient patient() {
        return Fixtures.resource("patient/patient-full.json", Patient.class);
    }

    @Test
    void patientJsonKeepsNoneOfItsIdentifyingValues() {
        Patient patient = patient();

        ResourceDeidentifier.Outcome outcome = deidentifier.deidentify(patient, Set.of());

        String json = Fixtures.json(patient);
        assertThat(outcome.changed()).isTrue();
        for (String phi : Fixtures.PATIENT_PHI) {
            assertThat(json).as("de-identified Patient JSON").doesNotContain(phi);
        }
        assertThat(patient.hasName()).isFalse();
        assertThat(patient.hasTelecom()).isFalse();
        assertThat(patient.hasPhoto()).isFalse();
        assertThat(patient.getContactFirstRep().hasName() || patient.getContactFirstRep().hasTelecom()).isFalse();
        assertThat(patient.getContactFirstRep().getRelationshipFirstRep().getCodingFirstRep().getCode()).isEqualTo("N");
        assertThat(patient.getExtension()).extracting(Extension::getUrl)
                .containsExactly("http://hl7.org/fhir/StructureDefinition/patient-birthPlace");
        assertThat(patient.hasText()).isFalse();
        assertThat(patient.getGender()).isEqualTo(AdministrativeGender.FEMALE);
        assertThat(patient.getGeneralPractitionerFirstRep().getReference())
                .isEqualTo("Practitioner/" + pseudonymizer.pseudonymousId("Practitioner", "pr1"));
        assertThat(patient.getGeneralPractitionerFirstRep().hasDisplay()).isFalse();
    }

    @Test
    void identifiersBecomeKeyedPseudonymsOfSystemAndValue() {
        Patient patient = patient();
        int days = deidentifier.dateShiftDays(deidentifier.dateShiftSeed(patient));

        deidentifier.deidentify(patient, Set.of());

        List<Identifier> ids = patient.getIdentifier();
        assertThat(ids).hasSize(3);
        assertThat(ids.get(0).getValue())
                .isEqualTo(pseudonymizer.pseudonym("urn:oid:2.16.840.1.113883.19.5", "MRN448812"));
        assertThat(ids.get(1).getValue()).isEqualTo(pseudonymizer.pseudonym("http://hl7.org/fhir/sid/us-ssn", "900-12-3456"));
        assertThat(ids.get(2).getValue()).isEqualTo(pseudonymizer.pseudonym(ResourceDeidentifier.NO_SYSTEM, "LOCAL-77310"));
        assertThat(ids.get(0).getSystem()).isEqualTo("urn:oid:2.16.840.1.113883.19.5");
        assertThat(ids.get(0).getPeriod().getStartElement().getValueAsString())
                .isEqualTo(LocalDate.parse("2010-01-01").plusDays(days).toString());
        assertThat(ids.get(0).getAssigner().hasDisplay()).isFalse();
        assertThat(ids.get(0).getType().getCodingFirstRep().getCode()).isEqualTo("MR");
    }

    @Test
    void birthDateBecomesTheYearAndPostalCodeItsFirstThreeDigits() {
        Patient patient = patient();

        deidentifier.deidentify(patient, Set.of());

        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1984");
        Address address = patient.getAddressFirstRep();
        assertThat(address.getPostalCode()).isEqualTo("027");
        assertThat(address.getState()).isEqualTo("MA");
        assertThat(address.getCountry()).isEqualTo("US");
        assertThat(address.getUse()).isEqualTo(Address.AddressUse.HOME);
        assertThat(address.hasLine() || address.hasCity() || address.hasDistrict() || address.hasText()).isFalse();
    }

    @Test
    void changedResourcesAreLabelledOnceEvenWhenProcessedAgain() {
        Patient patient = patient();

        deidentifier.deidentify(patient, Set.of());
        Patient stored = patient.copy();
        String once = Fixtures.json(patient);
        deidentifier.deidentify(patient, new ResourceDeidentifier.Context(Set.of(), null, stored));

        assertThat(Fixtures.json(patient)).as("an update with the stored values changes nothing").isEqualTo(once);
        assertThat(patient.getMeta().getSecurity())
                .extracting(Coding::getSystem, Coding::getCode)
                .containsExactlyInAnyOrder(
                        tuple(ResourceDeidentifier.SECURITY_SYSTEM, "PSEUDED"),
                        tuple(ResourceDeidentifier.SECURITY_SYSTEM, "REDACTED"),
                        tuple(ResourceDeidentifier.SECURITY_SYSTEM, "ABSTRED"));
    }

    @Test
    void sameKeyGivesSamePseudonymsAndAnotherKeyDifferentOnes() {
        Patient first = patient();
        Patient second = patient();
        Patient otherKey = patient();

        deidentifier.deidentify(first, Set.of());
        deidentifier.deidentify(second, Set.of());
        new ResourceDeidentifier(Fixtures.R4, DeidentificationSettings.withKey(Fixtures.OTHER_KEY))
                .deidentify(otherKey, Set.of());

        for (int i = 0; i < first.getIdentifier().size(); i++) {
            String value = first.getIdentifier().get(i).getValue();
            assertThat(second.getIdentifier().get(i).getValue()).isEqualTo(value);
            assertThat(otherKey.getIdentifier().get(i).getValue()).isNotEqualTo(value);
        }
        assertThat(Fixtures.json(first)).isEqualTo(Fixtures.json(second));
    }

    @Test
    void fingerprintsAreKeyedHashesOnly() {
        Set<String> fingerprints = deidentifier.fingerprints(patient());

        assertThat(fingerprints).isNotEmpty().allMatch(f -> f.matches("[0-9a-f]{64}"));
        Fingerprinter fingerprinter = new Fingerprinter(pseudonymizer);
        assertThat(fingerprints).contains(
                fingerprinter.fingerprint(Fingerprinter.Kind.NAME, "marisol"),
                fingerprinter.fingerprint(Fingerprinter.Kind.NAME, "okonkwo"),
                fingerprinter.fingerprint(Fingerprinter.Kind.NAME, "marisol renata okonkwo vance"),
                fingerprinter.fingerprint(Fingerprinter.Kind.ID, "mrn448812"),
                fingerprinter.fingerprint(Fingerprinter.Kind.PHONE, "5550143"),
                fingerprinter.fingerprint(Fingerprinter.Kind.ADDRESS, "41 larkspur ln"),
                fingerprinter.fingerprint(Fingerprinter.Kind.DATE, "1984-07-19"),
                // the emergency contact's name is fingerprinted too (relatives are identifiers under Safe Harbor)
                fingerprinter.fingerprint(Fingerprinter.Kind.NAME, "desmond"));
    }

    @Test
    void conditionWrittenByNlpPassesUnchanged() {
        Condition condition = Fixtures.resource("condition/condition-nlp.json", Condition.class);
        String before = Fixtures.json(condition);

        ResourceDeidentifier.Outcome outcome = deidentifier.deidentify(condition, Set.of("ab"));

        assertThat(outcome.changed()).isFalse();
        assertThat(Fixtures.json(condition)).isEqualTo(before);
    }

    static Stream<Arguments> resourcesWithoutIdentifyingContent() {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().setText("HbA1c");
        observation.setSubject(new Reference("Patient/12"));
        Provenance provenance = new Provenance();
        provenance.addTarget(new Reference("Condition/" + new Pseudonymizer(Fixtures.KEY).resourceId("Condition", "c1")));
        provenance.addAgent().setWho(new Reference("Device/7"));
        provenance.setRecorded(new java.util.Date());
        return Stream.of(Arguments.of(observation), Arguments.of(provenance));
    }

    @ParameterizedTest
    @MethodSource("resourcesWithoutIdentifyingContent")
    void resourcesWithoutIdentifyingContentPassUnchanged(Resource resource) {
        String before = Fixtures.json(resource);

        assertThat(deidentifier.deidentify(resource, Set.of()).changed()).isFalse();
        assertThat(Fixtures.json(resource)).isEqualTo(before);
    }

    @ParameterizedTest(name = "postal code {0} -> {1}")
    @CsvSource(nullValues = "null", value = {"02719,027", "02719-1234,027", "03601,000", "89012,000", "SW1A 1AA,null", "12,null", "100,100"})
    void postalCodeIsReducedToThreeDigitsOrRemoved(String postalCode, String expected) {
        Patient patient = new Patient();
        patient.addAddress().setPostalCode(postalCode).setState("NY");

        deidentifier.deidentify(patient, Set.of());

        assertThat(patient.getAddressFirstRep().getPostalCode()).isEqualTo(expected);
        assertThat(patient.getAddressFirstRep().getState()).isEqualTo("NY");
    }

    @Test
    void birthDateRevealingAnAgeOver89IsRemoved() {
        Patient patient = new Patient();
        int year = Year.now(ZoneOffset.UTC).getValue() - 95;
        patient.getBirthDateElement().setValueAsString(year + "-02-03");

        deidentifier.deidentify(patient, Set.of());

        assertThat(patient.hasBirthDate()).isFalse();
    }

    @Test
    void containedAndEmbeddedResourcesAreDeidentifiedToo() {
        Patient contained = patient();
        contained.setId("pat");
        DocumentReference document = new DocumentReference();
        document.addContained(contained);
        document.setSubject(new Reference("#pat"));
        Practitioner author = new Practitioner();
        author.addName().setFamily("Ferncastle").addGiven("Hollis");
        document.addAuthor().setResource(author); // in-memory link: HAPI would contain it when encoding
        Bundle bundle = new Bundle().setType(Bundle.BundleType.COLLECTION);
        bundle.addEntry().setResource(patient());
        bundle.addEntry().setResource(document);

        deidentifier.deidentify(bundle, Set.of());

        String json = Fixtures.json(bundle);
        for (String phi : Fixtures.PATIENT_PHI) {
            assertThat(json).doesNotContain(phi);
        }
        assertThat(contained.getMeta().getSecurity()).extracting(Coding::getCode).contains("PSEUDED", "REDACTED");
        assertThat(bundle.getMeta().getSecurity()).extracting(Coding::getCode).contains("PSEUDED");
    }

    @Test
    void textAttachmentIsScrubbedAndItsSizeAndHashRecomputed() throws Exception {
        Patient patient = patient();
        Set<String> fingerprints = deidentifier.fingerprints(patient);
        String note = "Seen Marisol Okonkwo-Vance. Denies chest pain.";
        DocumentReference document = new DocumentReference();
        document.setSubject(new Reference("Patient/p1"));
        document.setDescription("Letter about Marisol");
        Attachment attachment = document.addContent().getAttachment();
        byte[] original = note.getBytes(StandardCharsets.ISO_8859_1);
        attachment.setContentType("text/plain; charset=ISO-8859-1").setData(original).setSize(original.length)
                .setHash(MessageDigest.getInstance("SHA-1").digest(original))
                .setUrl("https://ehr.example.org/docs/marisol.txt").setTitle("Note for Okonkwo-Vance");

        ResourceDeidentifier.Outcome outcome = deidentifier.deidentify(document, fingerprints);

        String scrubbed = new String(attachment.getData(), StandardCharsets.ISO_8859_1);
        assertThat(scrubbed).isEqualTo("Seen [NAME]. Denies chest pain.");
        assertThat(attachment.getSize()).isEqualTo(attachment.getData().length);
        assertThat(attachment.getHash()).isEqualTo(MessageDigest.getInstance("SHA-1").digest(attachment.getData()));
        assertThat(attachment.hasUrl()).isFalse();
        assertThat(attachment.getTitle()).isEqualTo("Note for [NAME]");
        assertThat(document.getDescription()).isEqualTo("Letter about [NAME]");
        assertThat(outcome.scrubbed()).isEqualTo(3);
        assertThat(document.getMeta().getSecurity()).extracting(Coding::getCode).containsExactlyInAnyOrder("PSEUDED", "REDACTED");
    }

    @Test
    void accentedNamesInOtherCharsetsAreFound() {
        Patient patient = new Patient();
        patient.addName().setFamily("Núñez").addGiven("José");
        Set<String> fingerprints = deidentifier.fingerprints(patient);
        DiagnosticReport report = new DiagnosticReport();
        report.setConclusion("JOSE NUNEZ: no acute findings");
        report.addPresentedForm().setContentType("text/plain;charset=windows-1252")
                .setData("Patient José Núñez, stable.".getBytes(Charset.forName("windows-1252")));

        deidentifier.deidentify(report, fingerprints);

        assertThat(report.getConclusion()).isEqualTo("[NAME]: no acute findings");
        assertThat(new String(report.getPresentedFormFirstRep().getData(), Charset.forName("windows-1252")))
                .isEqualTo("Patient [NAME], stable.");
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "application/pdf|NON_TEXT_ATTACHMENT",
        "image/jpeg|NON_TEXT_ATTACHMENT",
        "''|MISSING_CONTENT_TYPE",
        "text/plain; charset=x-no-such-charset|UNSUPPORTED_CHARSET"})
    void attachmentDataThatCannotBeScrubbedIsRefused(String contentType, DeidentificationException.Reason reason) {
        DocumentReference document = new DocumentReference();
        Attachment attachment = document.addContent().getAttachment();
        attachment.setData("Marisol Okonkwo-Vance".getBytes(StandardCharsets.UTF_8));
        if (!contentType.isEmpty()) {
            attachment.setContentType(contentType);
        }

        assertThatThrownBy(() -> deidentifier.deidentify(document, Set.of()))
                .isInstanceOfSatisfying(DeidentificationException.class, e -> {
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e.getMessage()).doesNotContain("Marisol", "Okonkwo", "no-such");
                });
    }

    @Test
    void malformedTextIsRefused() {
        DocumentReference document = new DocumentReference();
        document.addContent().getAttachment().setContentType("text/plain; charset=UTF-8")
                .setData(new byte[] {'J', 'o', 's', (byte) 0xE9}); // ISO-8859-1 bytes declared as UTF-8

        assertThatThrownBy(() -> deidentifier.deidentify(document, Set.of()))
                .isInstanceOfSatisfying(DeidentificationException.class,
                        e -> assertThat(e.reason()).isEqualTo(DeidentificationException.Reason.MALFORMED_TEXT));
    }

    @Test
    void binaryTextIsScrubbedAndBinaryImagesRefused() {
        Binary text = new Binary().setContentType("text/plain");
        text.setData("Call 617-555-0143.".getBytes(StandardCharsets.UTF_8));
        Binary image = new Binary().setContentType("image/png");
        image.setData(new byte[] {1, 2, 3});

        deidentifier.deidentify(text, Set.of());

        assertThat(new String(text.getData(), StandardCharsets.UTF_8)).isEqualTo("Call [PHONE].");
        assertThatThrownBy(() -> deidentifier.deidentify(image, Set.of())).isInstanceOf(DeidentificationException.class);
    }

    @Test
    void annotationsAndReferenceDisplaysAreDeidentified() {
        Observation observation = new Observation();
        observation.setSubject(new Reference("Patient/p1").setDisplay("Marisol Okonkwo-Vance"));
        observation.addPerformer(new Reference().setDisplay("Dr. Hollis Ferncastle"));
        observation.addPerformer(new Reference("Organization/o1").setDisplay("Fairhaven Lab, call 617-555-0100"));
        observation.addNote(new Annotation().setText("Drawn 2024-03-05 by nurse").setAuthor(new StringType("Nurse Quill")));

        deidentifier.deidentify(observation, Set.of());

        assertThat(observation.getSubject().hasDisplay()).isFalse();
        assertThat(observation.getPerformer().get(0).hasDisplay()).isFalse();
        assertThat(observation.getPerformer().get(1).getDisplay()).isEqualTo("Fairhaven Lab, call [PHONE]");
        int days = deidentifier.dateShiftDays(ResourceDeidentifier.patientSeed(pseudonymizer.pseudonymousId("Patient", "p1")));
        assertThat(observation.getNoteFirstRep().getText())
                .isEqualTo("Drawn " + LocalDate.parse("2024-03-05").plusDays(days) + " by nurse");
        assertThat(observation.getNoteFirstRep().hasAuthor()).isFalse();
    }

    @Test
    void namesAndTelecomsAreRemovedWhereverTheyOccur() {
        Organization organization = new Organization();
        organization.setName("Fairhaven General Hospital");
        organization.addTelecom().setValue("617-555-0100");
        organization.addContact().setName(new HumanName().setFamily("Ferncastle"))
                .addTelecom().setValue("617-555-0101");

        deidentifier.deidentify(organization, Set.of());

        assertThat(organization.hasTelecom()).isFalse();
        assertThat(organization.getContactFirstRep().hasName()).isFalse();
        assertThat(organization.getContactFirstRep().hasTelecom()).isFalse();
        assertThat(organization.getName()).isEqualTo("Fairhaven General Hospital");
    }

    @Test
    void referencedPatientIdsAreLogicalIds() {
        DocumentReference document = new DocumentReference();
        document.setSubject(new Reference("Patient/a1b2"));
        document.addAuthor(new Reference("http://other.example/fhir/Patient/x9/_history/2"));
        document.addAuthor(new Reference("Practitioner/pr1"));
        document.getContext().setSourcePatientInfo(new Reference("#local"));

        assertThat(deidentifier.referencedPatientIds(document))
                .containsExactly(pseudonymizer.pseudonymousId("Patient", "a1b2"), pseudonymizer.pseudonymousId("Patient", "x9"));
    }
}
