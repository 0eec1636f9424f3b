package io.annota.intake.hl7;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.annota.deid.Pseudonymizer;
import io.annota.intake.hl7.mapping.DeclarativeMapper;
import io.annota.intake.hl7.mapping.V2ToFhirMappings;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations.AdministrativeGender;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The ADT behaviour the hand-written ADT mapper had, now from the built-in mapping files. */
class DeclarativeMapperAdtTest {

    private static final String IDENTIFIER_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/v2-0203";

    private static final String MSH = "MSH|^~\\&|SND|SFAC|RCV|RFAC|20240305143000||";

    private final Pseudonymizer pseudonymizer = Fixtures.pseudonymizer();
    private final Hl7v2Parser parser = new Hl7v2Parser();
    private final DeclarativeMapper mapper = mapper(pseudonymizer, ZoneOffset.UTC);

    private static DeclarativeMapper mapper(Pseudonymizer pseudonymizer, ZoneId zone) {
        return new DeclarativeMapper(V2ToFhirMappings.builtIn(), pseudonymizer, zone);
    }

    private Bundle map(String raw) throws Exception {
        return mapper.map(parser.parse(raw));
    }

    private static Patient patient(Bundle bundle) {
        return (Patient) bundle.getEntry().get(0).getResource();
    }

    private static Encounter encounter(Bundle bundle) {
        return (Encounter) bundle.getEntry().get(1).getResource();
    }

    @Test
    void a01IsATransactionOfTwoPuts() throws Exception {
        Bundle bundle = map(Fixtures.read("adt_a01_v251.hl7"));

        String patientId = pseudonymizer.resourceId("Patient", "GOODHEALTH|MRN12345");
        String encounterId = pseudonymizer.resourceId("Encounter", "GOODHEALTH|VN0001");
        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(bundle.getEntry())
                .extracting(e -> e.getRequest().getMethod(), e -> e.getRequest().getUrl(),
                        e -> e.getResource().getIdElement().getIdPart())
                .containsExactly(
                        tuple(Bundle.HTTPVerb.PUT, "Patient/" + patientId, patientId),
                        tuple(Bundle.HTTPVerb.PUT, "Encounter/" + encounterId, encounterId));
        assertThat(bundle.getEntry()).allSatisfy(e -> assertThat(e.getRequest().getUrl())
                .doesNotContain("MRN12345").doesNotContain("VN0001").doesNotContain("GOODHEALTH"));
    }

    @Test
    void a01PidIsMappedFaithfully() throws Exception {
        Patient patient = patient(map(Fixtures.read("adt_a01_v251.hl7")));

        assertThat(patient.getIdentifier())
                .extracting(i -> i.getSystem(), i -> i.getValue(), i -> i.getType().getCodingFirstRep().getCode(),
                        i -> i.getType().getCodingFirstRep().getSystem())
                .containsExactly(
                        tuple("urn:annota:hl7v2:id:GOODHEALTH", "MRN12345", "MR", IDENTIFIER_TYPE_SYSTEM),
                        tuple("urn:annota:hl7v2:id:SSA", "TEST-SSN-0001", "SS", IDENTIFIER_TYPE_SYSTEM));
        assertThat(patient.getName()).hasSize(2);
        HumanName legal = patient.getName().get(0);
        assertThat(legal.getUse()).isEqualTo(HumanName.NameUse.OFFICIAL);
        assertThat(legal.getFamily()).isEqualTo("DOE");
        assertThat(legal.getGiven()).extracting(Object::toString).containsExactly("JANE", "QUINN");
        assertThat(legal.getPrefix()).extracting(Object::toString).containsExactly("DR");
        assertThat(legal.getSuffix()).extracting(Object::toString).containsExactly("JR", "MD");
        assertThat(patient.getName().get(1).getUse()).isEqualTo(HumanName.NameUse.MAIDEN);
        assertThat(patient.getName().get(1).getFamily()).isEqualTo("SMITHFIELD");
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1980-02-29");
        assertThat(patient.getGender()).isEqualTo(AdministrativeGender.FEMALE);
        assertThat(patient.getAddress())
                .extracting(a -> a.getLine().toString(), Address::getCity, Address::getState, Address::getPostalCode,
                        Address::getCountry, Address::getDistrict, Address::getUse, Address::getType)
                .containsExactly(
                        tuple("[123 TESTING ST, APT 4]", "SPRINGFIELD", "IL", "62701", "USA", "SANGAMON",
                                Address.AddressUse.HOME, null),
                        tuple("[PO BOX 77]", "SPRINGFIELD", "IL", "62705", "USA", null, null,
                                Address.AddressType.POSTAL));
        assertThat(patient.getTelecom())
                .extracting(ContactPoint::getSystem, ContactPoint::getValue, ContactPoint::getUse)
                .containsExactly(
                        tuple(ContactPoint.ContactPointSystem.PHONE, "+1 (217) 5551234", ContactPoint.ContactPointUse.HOME),
                        tuple(ContactPoint.ContactPointSystem.EMAIL, "jane.doe@example.org", ContactPoint.ContactPointUse.HOME),
                        tuple(ContactPoint.ContactPointSystem.PHONE, "+1 (217) 5550199", ContactPoint.ContactPointUse.MOBILE),
                        tuple(ContactPoint.ContactPointSystem.PHONE, "(217)555-9876", ContactPoint.ContactPointUse.WORK));
        assertThat(patient.getDeceasedBooleanType().booleanValue()).isFalse();
    }

    @Test
    void a01Pv1IsMappedToEncounter() throws Exception {
        Bundle bundle = map(Fixtures.read("adt_a01_v251.hl7"));
        Encounter encounter = encounter(bundle);

        assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        assertThat(encounter.getClass_().getSystem()).isEqualTo("http://terminology.hl7.org/CodeSystem/v3-ActCode");
        assertThat(encounter.getClass_().getCode()).isEqualTo("IMP");
        assertThat(encounter.getIdentifierFirstRep().getSystem()).isEqualTo("urn:annota:hl7v2:id:GOODHEALTH");
        assertThat(encounter.getIdentifierFirstRep().getValue()).isEqualTo("VN0001");
        assertThat(encounter.getIdentifierFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("VN");
        assertThat(encounter.getPeriod().getStartElement().getValueAsString()).isEqualTo("2024-03-05T14:00:00+01:00");
        assertThat(encounter.getPeriod().hasEnd()).isFalse();
        assertThat(encounter.getSubject().getReference())
                .isEqualTo("Patient/" + patient(bundle).getIdElement().getIdPart());
    }

    @Test
    void a04V23FallsBackToSendingFacilityAndControlId() throws Exception {
        Bundle bundle = map(Fixtures.read("adt_a04_v23_lf_bom.hl7"));
        Patient patient = patient(bundle);
        Encounter encounter = encounter(bundle);

        assertThat(patient.getIdElement().getIdPart())
                .isEqualTo(pseudonymizer.resourceId("Patient", "NORTHCLINIC|PAT-777"));
        assertThat(patient.getIdentifierFirstRep().getSystem()).isEqualTo("urn:annota:hl7v2:id:NORTHCLINIC");
        assertThat(patient.getIdentifierFirstRep().getType().getCodingFirstRep().getCode()).isEqualTo("PI");
        assertThat(patient.getBirthDateElement().getValueAsString()).isEqualTo("1970-01");
        assertThat(patient.getGender()).isEqualTo(AdministrativeGender.MALE);
        assertThat(patient.getTelecomFirstRep().getValue()).isEqualTo("(555)555-0101");
        assertThat(patient.getTelecomFirstRep().getUse()).isEqualTo(ContactPoint.ContactPointUse.HOME);
        assertThat(patient.hasDeceased()).isFalse();
        assertThat(encounter.getIdElement().getIdPart())
                .isEqualTo(pseudonymizer.resourceId("Encounter", "NORTHCLINIC|CTRL-A04-7"));
        assertThat(encounter.hasIdentifier()).isFalse();
        assertThat(encounter.getClass_().getCode()).isEqualTo("AMB");
        assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
        // no offset in the message: the default zone (UTC) applies
        assertThat(encounter.getPeriod().getStartElement().getValueAsString()).isEqualTo("2024-03-05T10:00:00+00:00");
    }

    @Test
    void defaultZoneIsConfigurable() throws Exception {
        DeclarativeMapper berlin = mapper(pseudonymizer, ZoneId.of("Europe/Berlin"));

        Bundle bundle = berlin.map(parser.parse(Fixtures.read("adt_a04_v23_lf_bom.hl7")));

        assertThat(encounter(bundle).getPeriod().getStartElement().getValueAsString())
                .isEqualTo("2024-03-05T10:00:00+01:00");
    }

    @Test
    void a08V28UpdatesTheSameResourcesAndMapsDeathAndDischarge() throws Exception {
        Bundle a01 = map(Fixtures.read("adt_a01_v251.hl7"));
        Bundle a08 = map(Fixtures.read("adt_a08_v28.hl7"));

        assertThat(patient(a08).getIdElement().getIdPart()).isEqualTo(patient(a01).getIdElement().getIdPart());
        assertThat(encounter(a08).getIdElement().getIdPart()).isEqualTo(encounter(a01).getIdElement().getIdPart());
        assertThat(patient(a08).getDeceasedDateTimeType().getValueAsString()).isEqualTo("2024-03-10T08:00:00+01:00");
        assertThat(patient(a08).getTelecomFirstRep().getValue()).isEqualTo("+1 (217) 5551234 x22");
        Encounter encounter = encounter(a08);
        assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED);
        assertThat(encounter.getClass_().getCode()).isEqualTo("EMER");
        assertThat(encounter.getPeriod().getEndElement().getValueAsString()).isEqualTo("2024-03-10T08:30:00+01:00");
    }

    @Test
    void sameMrnGivesSamePatientIdAcrossMessagesAndVersions() throws Exception {
        String v25 = MSH + "ADT^A04|X1|P|2.5\rPID|1||MRN12345^^^GOODHEALTH^MR||OTHER^NAME";
        String v23 = MSH + "ADT^A08|X2|P|2.3\rPID|1||MRN12345^^^GOODHEALTH||DOE^JANE";
        String otherAuthority = MSH + "ADT^A08|X3|P|2.3\rPID|1||MRN12345^^^OTHERHOSP||DOE^JANE";

        String id = patient(map(Fixtures.read("adt_a01_v251.hl7"))).getIdElement().getIdPart();

        assertThat(patient(map(v25)).getIdElement().getIdPart()).isEqualTo(id);
        assertThat(patient(map(v23)).getIdElement().getIdPart()).isEqualTo(id);
        assertThat(patient(map(otherAuthority)).getIdElement().getIdPart()).isNotEqualTo(id);
        assertThat(mapper(new Pseudonymizer("another-key-0123456789abcdefghij".getBytes()), ZoneOffset.UTC)
                .map(parser.parse(v25)).getEntry().get(0).getResource().getIdElement().getIdPart())
                .isNotEqualTo(id);
    }

    @Test
    void withoutPv1OnlyThePatientIsPut() throws Exception {
        Bundle bundle = map(MSH + "ADT^A08|X1|P|2.5.1\rEVN|A08\rPID|1||MRN1^^^H||DOE^JANE");

        assertThat(bundle.getEntry()).hasSize(1);
        assertThat(bundle.getEntryFirstRep().getResource()).isInstanceOf(Patient.class);
    }

    @Test
    void hl7NullValuesAreTreatedAsAbsent() throws Exception {
        Patient patient = patient(map(MSH + "ADT^A08|X1|P|2.5.1\rPID|1||MRN1^^^H||\"\"|||\"\"|||\"\""));

        assertThat(patient.hasName()).isFalse();
        assertThat(patient.hasGender()).isFalse();
        assertThat(patient.hasAddress()).isFalse();
    }

    @ParameterizedTest(name = "PID-8 {0} -> {1}")
    @CsvSource({"M, MALE", "F, FEMALE", "O, OTHER", "A, OTHER", "U, UNKNOWN", "N, UNKNOWN", "X, UNKNOWN", "m, MALE"})
    void genderCodes(String hl7, AdministrativeGender fhir) throws Exception {
        Patient patient = patient(map(MSH + "ADT^A01|X1|P|2.5.1\rPID|1||MRN1^^^H||DOE^J||19800101|" + hl7));

        assertThat(patient.getGender()).isEqualTo(fhir);
    }

    @ParameterizedTest(name = "PV1-2 \"{0}\" -> {1}")
    @CsvSource({
        "I, http://terminology.hl7.org/CodeSystem/v3-ActCode, IMP",
        "O, http://terminology.hl7.org/CodeSystem/v3-ActCode, AMB",
        "R, http://terminology.hl7.org/CodeSystem/v3-ActCode, AMB",
        "E, http://terminology.hl7.org/CodeSystem/v3-ActCode, EMER",
        "P, http://terminology.hl7.org/CodeSystem/v3-ActCode, PRENC",
        "B, http://terminology.hl7.org/CodeSystem/v3-NullFlavor, UNK",
        "N, http://terminology.hl7.org/CodeSystem/v3-NullFlavor, UNK",
        "'', http://terminology.hl7.org/CodeSystem/v3-NullFlavor, UNK",
    })
    void encounterClass(String pv12, String system, String code) throws Exception {
        Encounter encounter = encounter(map(MSH + "ADT^A01|X1|P|2.5.1\rPID|1||MRN1^^^H\rPV1|1|" + pv12 + "|W1"));

        assertThat(encounter.getClass_().getSystem()).isEqualTo(system);
        assertThat(encounter.getClass_().getCode()).isEqualTo(code);
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                Arguments.of("A01", "", Encounter.EncounterStatus.INPROGRESS),
                Arguments.of("A04", "", Encounter.EncounterStatus.INPROGRESS),
                Arguments.of("A08", "", Encounter.EncounterStatus.INPROGRESS),
                Arguments.of("A08", "20240310083000", Encounter.EncounterStatus.FINISHED),
                Arguments.of("A03", "20240310083000", Encounter.EncounterStatus.FINISHED));
    }

    @ParameterizedTest(name = "{0} discharge \"{1}\" -> {2}")
    @MethodSource("statuses")
    void encounterStatus(String trigger, String discharge, Encounter.EncounterStatus expected) throws Exception {
        String pv1 = "PV1|1|I" + "|".repeat(42) + "20240305140000|" + discharge;
        Encounter encounter = encounter(map(MSH + "ADT^" + trigger + "|X1|P|2.5.1\rPID|1||MRN1^^^H\r" + pv1));

        assertThat(encounter.getStatus()).isEqualTo(expected);
        assertThat(encounter.getPeriod().getStartElement().getValueAsString()).isEqualTo("2024-03-05T14:00:00+00:00");
    }

    static Stream<Arguments> unmappable() {
        return Stream.of(
                Arguments.of("DFT^P03", Fixtures.read("dft_p03_v251.hl7"), 200, "MSH", 9, 1),
                Arguments.of("ADT^A99", MSH + "ADT^A99|X1|P|2.5.1\rPID|1||MRN1", 201, "MSH", 9, 2),
                Arguments.of("no PID", Fixtures.read("msh_only.hl7"), 100, "PID", 0, 0),
                Arguments.of("no PID-3", Fixtures.read("adt_a01_missing_pid3.hl7"), 101, "PID", 3, 0),
                Arguments.of("PID-3 first repetition empty", MSH + "ADT^A01|X1|P|2.5.1\rPID|1||~MRN1", 101, "PID", 3, 0),
                Arguments.of("bad PID-7", MSH + "ADT^A01|X1|P|2.5.1\rPID|1||MRN1||DOE||19801345", 102, "PID", 7, 0),
                Arguments.of("bad PID-29", MSH + "ADT^A01|X1|P|2.5.1\rPID|1||MRN1" + "|".repeat(26) + "yesterday",
                        102, "PID", 29, 0),
                Arguments.of("bad PV1-44", MSH + "ADT^A01|X1|P|2.5.1\rPID|1||MRN1\rPV1|1|I" + "|".repeat(42) + "2024-03-05",
                        102, "PV1", 44, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unmappable")
    void unmappableMessagesNameSegmentAndField(String label, String raw, int code, String segment, int field,
            int component) {
        assertThatThrownBy(() -> map(raw))
                .isInstanceOfSatisfying(Hl7MappingException.class, e -> {
                    assertThat(e.errorCode()).isEqualTo(code);
                    assertThat(e.segment()).isEqualTo(segment);
                    assertThat(e.field()).isEqualTo(field);
                    assertThat(e.component()).isEqualTo(component);
                    assertThat(e.getMessage()).doesNotContain("MRN1").doesNotContain("DOE")
                            .doesNotContain("19801345").doesNotContain("yesterday").doesNotContain("CHG-1");
                });
    }

    @Test
    void unsupportedTypesHaveTheirOwnExceptionType() {
        assertThatThrownBy(() -> map(Fixtures.read("dft_p03_v251.hl7"))).isInstanceOf(UnsupportedMessageException.class);
    }
}
