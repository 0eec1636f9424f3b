package io.annota.deid;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Age;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.AuditEvent;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Coverage;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.Device;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Location;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Practitioner;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The safe-harbor profile against each of the 18 HIPAA Safe Harbor identifier classes (45 CFR 164.514(b)(2)(i)),
 * placed where FHIR R4 carries them, including extensions and contained resources; and the properties the
 * methods promise (same key same output, another key another output, intervals kept).
 */
class SafeHarborProfileTest {

    private final ResourceDeidentifier deidentifier =
            new ResourceDeidentifier(Fixtures.R4, DeidentificationSettings.withKey(Fixtures.KEY));

    private static Patient patient() {
        Patient patient = new Patient();
        patient.setId("a0123456789abcdef0123456789abcdef01234567");
        return patient;
    }

    private static Arguments identifierClass(String name, String value, Supplier<Resource> resource) {
        return Arguments.of(name, value, resource);
    }

    static Stream<Arguments> identifierClasses() {
        return Stream.of(
                identifierClass("A names", "Thistlewood", () -> {
                    Patient p = patient();
                    p.addName().setFamily("Thistlewood").addGiven("Marisol");
                    return p;
                }),
                identifierClass("A names of relatives", "Desmond", () -> {
                    RelatedPerson r = new RelatedPerson();
                    r.addName(new HumanName().setFamily("Okonkwo").addGiven("Desmond"));
                    return r;
                }),
                identifierClass("A names in extensions", "Quillmere", () -> {
                    Patient p = patient();
                    p.addExtension(new Extension("http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName",
                            new StringType("Quillmere")));
                    return p;
                }),
                identifierClass("B street address", "Larkspur", () -> {
                    Patient p = patient();
                    p.addAddress(new Address().addLine("14 Larkspur Lane").setCity("Fairhaven").setPostalCode("02719"));
                    return p;
                }),
                identifierClass("B town", "Fairhaven", () -> {
                    Location l = new Location();
                    l.setAddress(new Address().setCity("Fairhaven").setDistrict("Bristol County"));
                    return l;
                }),
                identifierClass("B full ZIP code", "02719", () -> {
                    Patient p = patient();
                    p.addAddress(new Address().setPostalCode("02719-4410"));
                    return p;
                }),
                identifierClass("B geocodes", "41.6362", () -> {
                    Location l = new Location();
                    l.getPosition().setLatitude(41.6362).setLongitude(-70.9342);
                    return l;
                }),
                identifierClass("C birth date", "07-19", () -> {
                    Patient p = patient();
                    p.setBirthDateElement(new DateType("1984-07-19"));
                    return p;
                }),
                identifierClass("C admission date", "2024-03-05", () -> {
                    Encounter e = new Encounter();
                    e.setSubject(new Reference("Patient/a0123456789abcdef0123456789abcdef01234567"));
                    e.setPeriod(new Period().setStartElement(new DateTimeType("2024-03-05")));
                    return e;
                }),
                identifierClass("C age over 89", "97", () -> {
                    Observation o = new Observation();
                    o.setValue(new Age().setValue(97).setCode("a").setSystem("http://unitsofmeasure.org"));
                    return o;
                }),
                identifierClass("D telephone", "617-555-0143", () -> {
                    Patient p = patient();
                    p.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("617-555-0143");
                    return p;
                }),
                identifierClass("E fax", "617-555-0199", () -> {
                    Practitioner p = new Practitioner();
                    p.addTelecom().setSystem(ContactPoint.ContactPointSystem.FAX).setValue("617-555-0199");
                    return p;
                }),
                identifierClass("F e-mail", "marisol@example.org", () -> {
                    Patient p = patient();
                    p.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue("marisol@example.org");
                    return p;
                }),
                identifierClass("G social security number", "900-12-3456", () -> {
                    Patient p = patient();
                    p.addIdentifier().setSystem("http://hl7.org/fhir/sid/us-ssn").setValue("900-12-3456");
                    return p;
                }),
                identifierClass("H medical record number", "MRN448812", () -> {
                    Patient p = patient();
                    p.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.19.5").setValue("MRN448812");
                    return p;
                }),
                identifierClass("I health plan beneficiary number", "HP-88123-01", () -> {
                    Coverage c = new Coverage();
                    c.setSubscriberId("HP-88123-01");
                    c.addIdentifier().setValue("HP-88123-01");
                    return c;
                }),
                identifierClass("J account number", "ACCT-55120", () -> {
                    Encounter e = new Encounter();
                    e.addIdentifier(new Identifier().setSystem("urn:example:account").setValue("ACCT-55120"));
                    return e;
                }),
                identifierClass("K licence number", "MD-774411", () -> {
                    Practitioner p = new Practitioner();
                    p.addQualification().addIdentifier().setValue("MD-774411");
                    return p;
                }),
                identifierClass("L vehicle identifier", "1HGCM82633A004352", () -> {
                    Patient p = patient();
                    p.addIdentifier().setSystem("urn:example:vin").setValue("1HGCM82633A004352");
                    return p;
                }),
                identifierClass("M device serial number", "SN-7781-XQ", () -> {
                    Device d = new Device();
                    d.setSerialNumber("SN-7781-XQ");
                    d.addUdiCarrier().setDeviceIdentifier("00844588003288").setCarrierHRF("(01)00844588003288(21)SN-7781-XQ");
                    return d;
                }),
                identifierClass("N URL", "example.org/photos/marisol", () -> {
                    DocumentReference d = new DocumentReference();
                    d.addContent().setAttachment(new Attachment().setContentType("image/jpeg")
                            .setUrl("https://example.org/photos/marisol.jpg"));
                    return d;
                }),
                identifierClass("O IP address", "10.20.30.40", () -> {
                    AuditEvent a = new AuditEvent();
                    a.addAgent().getNetwork().setAddress("10.20.30.40").setType(AuditEvent.AuditEventAgentNetworkType._2);
                    return a;
                }),
                identifierClass("P/Q biometrics and photographs", "iVBORw0KGgo", () -> {
                    Patient p = patient();
                    p.addPhoto(new Attachment().setContentType("image/png").setData(new byte[] {(byte) 0x89, 'P', 'N', 'G'}));
                    Narrative narrative = new Narrative().setStatus(Narrative.NarrativeStatus.GENERATED);
                    narrative.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">iVBORw0KGgo Marisol</div>");
                    p.setText(narrative);
                    return p;
                }),
                identifierClass("R other unique number, in a contained resource", "CLIN-TRIAL-0042", () -> {
                    Observation o = new Observation();
                    Patient contained = new Patient();
                    contained.setId("p");
                    contained.addIdentifier().setSystem("urn:example:trial").setValue("CLIN-TRIAL-0042");
                    o.addContained(contained);
                    o.setSubject(new Reference("#p"));
                    return o;
                }),
                identifierClass("R unique number in free text", "CLIN-TRIAL-0042", () -> {
                    Observation o = new Observation();
                    o.addNote().setText("Enrolled, MRN: CLIN-TRIAL-0042, call 617-555-0143");
                    return o;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("identifierClasses")
    void noIdentifierOfTheClassRemains(String identifierClass, String value, Supplier<Resource> factory) {
        Resource resource = factory.get();
        assertThat(Fixtures.json(resource)).as("the test puts the value in").contains(value);

        deidentifier.deidentify(resource, Set.of());

        assertThat(Fixtures.json(resource)).as(identifierClass).doesNotContain(value);
        assertThat(resource.getMeta().getSecurity()).as("labelled").isNotEmpty();
    }

    @Test
    void ageOver89IsKeptAsNinetyOrMoreAndTheYearOfBirthOfYoungerPatients() {
        Patient young = patient();
        young.setBirthDateElement(new DateType("1984-07-19"));
        Patient old = patient();
        old.setBirthDateElement(new DateType((Year.now(ZoneOffset.UTC).getValue() - 91) + "-01-02"));

        deidentifier.deidentify(young, Set.of());
        deidentifier.deidentify(old, Set.of());

        assertThat(young.getBirthDateElement().getValueAsString()).isEqualTo("1984");
        assertThat(old.hasBirthDate()).isFalse();
    }

    @Test
    void sameInputAndKeyGiveTheSameOutputAndAnotherKeyAnotherOne() {
        ResourceDeidentifier otherKey = new ResourceDeidentifier(Fixtures.R4, DeidentificationSettings.withKey(Fixtures.OTHER_KEY));
        Random random = new Random(20241128);
        for (int i = 0; i < 50; i++) {
            Encounter encounter = randomEncounter(random);
            Encounter same = encounter.copy();
            Encounter other = encounter.copy();

            deidentifier.deidentify(encounter, Set.of());
            deidentifier.deidentify(same, Set.of());
            otherKey.deidentify(other, Set.of());

            assertThat(Fixtures.json(same)).isEqualTo(Fixtures.json(encounter));
            assertThat(other.getIdentifierFirstRep().getValue()).isNotEqualTo(encounter.getIdentifierFirstRep().getValue());
            assertThat(other.getSubject().getReference()).isNotEqualTo(encounter.getSubject().getReference());
        }
    }

    @Test
    void dateShiftKeepsTheIntervalsBetweenOnePatientsDates() {
        Random random = new Random(7);
        int differentOffsets = 0;
        Integer firstOffset = null;
        for (int i = 0; i < 50; i++) {
            Encounter encounter = randomEncounter(random);
            long before = encounter.getPeriod().getEnd().getTime() - encounter.getPeriod().getStart().getTime();
            long startBefore = encounter.getPeriod().getStart().getTime();

            deidentifier.deidentify(encounter, Set.of());

            assertThat(encounter.getPeriod().getEnd().getTime() - encounter.getPeriod().getStart().getTime())
                    .as("length of stay").isEqualTo(before);
            long shiftDays = Math.round((encounter.getPeriod().getStart().getTime() - startBefore) / 86_400_000.0);
            assertThat(shiftDays).isBetween(-365L, 365L).isNotZero();
            if (firstOffset == null) {
                firstOffset = (int) shiftDays;
            } else if (firstOffset != shiftDays) {
                differentOffsets++;
            }
        }
        assertThat(differentOffsets).as("different patients get different offsets").isGreaterThan(40);
    }

    private static Encounter randomEncounter(Random random) {
        Encounter encounter = new Encounter();
        encounter.addIdentifier().setSystem("urn:example:visit").setValue("V" + random.nextInt(1_000_000));
        encounter.setSubject(new Reference("Patient/mrn-" + random.nextInt(1_000_000)));
        int day = 1 + random.nextInt(27);
        int stay = random.nextInt(20);
        encounter.setPeriod(new Period()
                .setStartElement(new DateTimeType(String.format("2023-%02d-%02dT08:30:00Z", 1 + random.nextInt(11), day)))
                .setEndElement(new DateTimeType(String.format("2023-12-%02dT17:45:00Z", 1 + stay))));
        return encounter;
    }

    @Test
    void textAttachmentsInContainedResourcesAreScrubbed() {
        DocumentReference document = new DocumentReference();
        document.addContent().setAttachment(new Attachment().setContentType("text/plain")
                .setData("Seen by Dr. Ferncastle, phone 617-555-0100.".getBytes(StandardCharsets.UTF_8)));
        Observation observation = new Observation();
        observation.addContained(document);

        deidentifier.deidentify(observation, Set.of());

        assertThat(new String(document.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8))
                .doesNotContain("617-555-0100");
        assertThat(observation.getMeta().getSecurity()).extracting(c -> c.getCode()).contains("REDACTED");
    }
}
