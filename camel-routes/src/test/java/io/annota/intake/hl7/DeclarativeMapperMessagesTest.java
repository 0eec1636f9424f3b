package io.annota.intake.hl7;

import static org.assertj.core.api.Assertions.assertThat;

import io.annota.deid.Pseudonymizer;
import io.annota.intake.hl7.mapping.DeclarativeMapper;
import io.annota.intake.hl7.mapping.V2ToFhirMappings;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Appointment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Immunization;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One fixture per supported message structure (versions 2.3 to 2.8, LF line ends, a BOM, escapes, empty fields,
 * HL7 nulls, repetitions, Z-segments), each with the key fields of the resources it must become.
 */
class DeclarativeMapperMessagesTest {

    private static final Pseudonymizer PSEUDONYMIZER = Fixtures.pseudonymizer();
    private static final DeclarativeMapper MAPPER =
            new DeclarativeMapper(V2ToFhirMappings.builtIn(), PSEUDONYMIZER, ZoneOffset.UTC);
    private static final Hl7v2Parser PARSER = new Hl7v2Parser();

    private static final String PATIENT = id("Patient", "NORTHWIND|MRN-20001");
    private static final String PATIENT_2 = id("Patient", "NORTHWIND|MRN-20002");
    private static final String VISIT = id("Encounter", "NORTHWIND|VIS-5001");
    private static final String DOCUMENT = id("DocumentReference", "NORTHWIND|DOC-7001");
    private static final String APPOINTMENT = id("Appointment", "SCHEDSYS|F|APT-F-1");

    static String id(String type, String key) {
        return PSEUDONYMIZER.resourceId(type, key);
    }

    static Bundle map(String fixture) throws Exception {
        return MAPPER.map(PARSER.parse(Fixtures.read(fixture)));
    }

    static <T extends Resource> List<T> all(Bundle bundle, Class<T> type) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource).filter(type::isInstance)
                .map(type::cast).toList();
    }

    static <T extends Resource> T one(Bundle bundle, Class<T> type) {
        List<T> found = all(bundle, type);
        assertThat(found).as(type.getSimpleName()).hasSize(1);
        return found.get(0);
    }

    static String ref(String type, String id) {
        return type + "/" + id;
    }

    static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }

    /** The ADT visit every A0x fixture carries: the patient and the visit VIS-5001 with its status. */
    static Consumer<Bundle> visit(Encounter.EncounterStatus status, String classCode) {
        return bundle -> {
            assertThat(one(bundle, Patient.class).getIdPart()).isEqualTo(PATIENT);
            Encounter encounter = all(bundle, Encounter.class).get(0);
            assertThat(encounter.getIdPart()).isEqualTo(VISIT);
            assertThat(encounter.getStatus()).isEqualTo(status);
            assertThat(encounter.getClass_().getCode()).isEqualTo(classCode);
            assertThat(encounter.getSubject().getReference()).isEqualTo(ref("Patient", PATIENT));
        };
    }

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("adt_a01_full_v26.hl7", visit(Encounter.EncounterStatus.INPROGRESS, "IMP").andThen(b -> {
                    Patient patient = one(b, Patient.class);
                    assertThat(patient.getIdentifier()).hasSize(1); // the "" repetition is dropped
                    assertThat(patient.getAddressFirstRep().getLine().get(0).getValue()).isEqualTo("7 EXAMPLE LANE & SONS");
                    assertThat(patient.getContact()).extracting(c -> c.getName().getGivenAsSingleString())
                            .containsExactly("GAMMA", "DELTA");
                    assertThat(patient.getContactFirstRep().getRelationship()).extracting(r -> r.getCodingFirstRep().getCode())
                            .containsExactly("C", "SPO");
                    Encounter encounter = one(b, Encounter.class);
                    assertThat(encounter.getReasonCodeFirstRep().getCodingFirstRep().getCode()).isEqualTo("CHEST PAIN");
                    assertThat(encounter.getLocationFirstRep().getLocation().getDisplay()).isEqualTo("WEST 201 B NORTHWIND");
                    AllergyIntolerance allergy = one(b, AllergyIntolerance.class); // AL1 without a code makes none
                    assertThat(allergy.getIdPart()).isEqualTo(id("AllergyIntolerance", PATIENT + "|70618"));
                    assertThat(allergy.getCode().getCodingFirstRep().getSystem())
                            .isEqualTo("http://www.nlm.nih.gov/research/umls/rxnorm");
                    assertThat(allergy.getCriticality()).isEqualTo(AllergyIntolerance.AllergyIntoleranceCriticality.HIGH);
                    assertThat(allergy.getReactionFirstRep().getManifestation()).hasSize(2);
                    assertThat(allergy.getPatient().getReference()).isEqualTo(ref("Patient", PATIENT));
                    Condition condition = one(b, Condition.class);
                    assertThat(condition.getCode().getCodingFirstRep().getCode()).isEqualTo("I20.9");
                    assertThat(condition.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/sid/icd-10");
                    assertThat(condition.getEncounter().getReference()).isEqualTo(ref("Encounter", VISIT));
                    assertThat(patient.hasExtension()).isFalse(); // Z-segments are ignored by default
                })),
                Arguments.of("adt_a02_v24_lf.hl7", visit(Encounter.EncounterStatus.INPROGRESS, "IMP").andThen(b ->
                        assertThat(one(b, Encounter.class).getLocation())
                                .extracting(l -> l.getLocation().getDisplay(), l -> l.getStatus().toCode())
                                .containsExactly(org.assertj.core.groups.Tuple.tuple("EAST 305 A NORTHWIND", "active"),
                                        org.assertj.core.groups.Tuple.tuple("WEST 201 B NORTHWIND", "completed")))),
                Arguments.of("adt_a03_v251.hl7", visit(Encounter.EncounterStatus.FINISHED, "IMP").andThen(b -> {
                    assertThat(one(b, Encounter.class).getPeriod().getEndElement().getValueAsString())
                            .isEqualTo("2024-04-15T11:30:00+00:00");
                    assertThat(one(b, Condition.class).getSubject().getReference()).isEqualTo(ref("Patient", PATIENT));
                })),
                Arguments.of("adt_a04_v23_lf_bom.hl7", (Consumer<Bundle>) b ->
                        assertThat(one(b, Encounter.class).getClass_().getCode()).isEqualTo("AMB")),
                Arguments.of("adt_a05_v23.hl7", (Consumer<Bundle>) b -> {
                    Encounter encounter = one(b, Encounter.class);
                    assertThat(encounter.getIdPart()).isEqualTo(id("Encounter", "NORTHWIND|VIS-5002"));
                    assertThat(encounter.getStatus()).isEqualTo(Encounter.EncounterStatus.PLANNED);
                    assertThat(encounter.getClass_().getCode()).isEqualTo("PRENC");
                }),
                Arguments.of("adt_a06_v251.hl7", (Consumer<Bundle>) b -> {
                    assertThat(one(b, Encounter.class).getIdPart()).isEqualTo(id("Encounter", "NORTHWIND|VIS-5003"));
                    assertThat(one(b, Encounter.class).getStatus()).isEqualTo(Encounter.EncounterStatus.INPROGRESS);
                }),
                Arguments.of("adt_a08_v28.hl7", (Consumer<Bundle>) b ->
                        assertThat(one(b, Encounter.class).getStatus()).isEqualTo(Encounter.EncounterStatus.FINISHED)),
                Arguments.of("adt_a09_v24.hl7", visit(Encounter.EncounterStatus.INPROGRESS, "IMP")),
                Arguments.of("adt_a11_v251.hl7", visit(Encounter.EncounterStatus.CANCELLED, "IMP")),
                Arguments.of("adt_a13_v26.hl7", visit(Encounter.EncounterStatus.INPROGRESS, "IMP")),
                Arguments.of("adt_a17_v251.hl7", (Consumer<Bundle>) b -> {
                    assertThat(all(b, Patient.class)).extracting(Resource::getIdPart).containsExactly(PATIENT, PATIENT_2);
                    assertThat(all(b, Encounter.class))
                            .extracting(Resource::getIdPart, e -> e.getSubject().getReference(),
                                    e -> e.getLocationFirstRep().getLocation().getDisplay())
                            .containsExactly(
                                    org.assertj.core.groups.Tuple.tuple(VISIT, ref("Patient", PATIENT), "EAST 306 A NORTHWIND"),
                                    org.assertj.core.groups.Tuple.tuple(id("Encounter", "NORTHWIND|VIS-6001"),
                                            ref("Patient", PATIENT_2), "EAST 305 A NORTHWIND"));
                }),
                Arguments.of("adt_a28_v28.hl7", (Consumer<Bundle>) b -> {
                    Patient patient = one(b, Patient.class);
                    assertThat(patient.getIdPart()).isEqualTo(PATIENT_2);
                    assertThat(patient.getDeceasedBooleanType().booleanValue()).isFalse();
                    assertThat(one(b, Encounter.class).getClass_().getCode()).isEqualTo("UNK");
                }),
                Arguments.of("adt_a31_v251.hl7", (Consumer<Bundle>) b -> {
                    Patient patient = one(b, Patient.class);
                    assertThat(patient.getIdPart()).isEqualTo(PATIENT_2);
                    assertThat(patient.getTelecomFirstRep().getSystem().toCode()).isEqualTo("email");
                    assertThat(patient.getTelecomFirstRep().getValue()).isEqualTo("beta.sampleman@example.test");
                }),
                Arguments.of("adt_a40_v251.hl7", (Consumer<Bundle>) b -> {
                    String prior = id("Patient", "NORTHWIND|MRN-19999");
                    List<Patient> patients = all(b, Patient.class);
                    assertThat(patients).extracting(Resource::getIdPart).containsExactly(PATIENT, prior);
                    assertThat(patients.get(0).getLinkFirstRep().getType()).isEqualTo(Patient.LinkType.REPLACES);
                    assertThat(patients.get(0).getLinkFirstRep().getOther().getReference()).isEqualTo(ref("Patient", prior));
                    assertThat(patients.get(1).getActive()).isFalse();
                    assertThat(patients.get(1).getLinkFirstRep().getType()).isEqualTo(Patient.LinkType.REPLACEDBY);
                    assertThat(patients.get(1).getLinkFirstRep().getOther().getReference()).isEqualTo(ref("Patient", PATIENT));
                    assertThat(patients.get(1).getIdentifierFirstRep().getValue()).isEqualTo("MRN-19999");
                }),
                Arguments.of("mdm_t02_v26_bom.hl7", document(DocumentReference.ReferredDocumentStatus.FINAL,
                        "Patient admitted with chest pain.\nTroponin negative & ECG normal.\n"
                                + "Plan: aspirin 81 mg daily\nFollow-up in 2 weeks")),
                Arguments.of("mdm_t04_v251.hl7", document(DocumentReference.ReferredDocumentStatus.PRELIMINARY,
                        "Draft: chest pain resolved.")),
                Arguments.of("mdm_t06_v24.hl7", document(DocumentReference.ReferredDocumentStatus.FINAL,
                        "Addendum\nPotassium 4.1 ^ normal\\range")),
                Arguments.of("mdm_t08_v28.hl7", document(DocumentReference.ReferredDocumentStatus.FINAL,
                        "Corrected: discharge on day 3.")),
                Arguments.of("mdm_t11_v251.hl7", (Consumer<Bundle>) b -> {
                    DocumentReference document = one(b, DocumentReference.class);
                    assertThat(document.getIdPart()).isEqualTo(DOCUMENT);
                    assertThat(document.getStatus()).isEqualTo(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.ENTEREDINERROR);
                    assertThat(document.getDocStatus()).isEqualTo(DocumentReference.ReferredDocumentStatus.ENTEREDINERROR);
                    assertThat(document.getContentFirstRep().getAttachment().hasData()).isFalse();
                }),
                Arguments.of("oru_r01_v251.hl7", (Consumer<Bundle>) DeclarativeMapperMessagesTest::oru),
                Arguments.of("orm_o01_v23.hl7", (Consumer<Bundle>) b -> {
                    ServiceRequest order = one(b, ServiceRequest.class);
                    assertThat(order.getIdPart()).isEqualTo(id("ServiceRequest", "NORTHWIND|P|PL-300"));
                    assertThat(order.getStatus()).isEqualTo(ServiceRequest.ServiceRequestStatus.ACTIVE);
                    assertThat(order.getIntent()).isEqualTo(ServiceRequest.ServiceRequestIntent.ORDER);
                    assertThat(order.getPriority()).isEqualTo(ServiceRequest.ServiceRequestPriority.STAT);
                    assertThat(order.getCode().getCodingFirstRep().getCode()).isEqualTo("71045");
                    assertThat(order.getAuthoredOnElement().getValueAsString()).isEqualTo("2024-04-12T10:00:00+00:00");
                    assertThat(order.getRequester().getIdentifier().getValue()).isEqualTo("1001");
                    assertThat(order.getRequester().hasDisplay()).isFalse();
                    assertThat(order.getSubject().getReference()).isEqualTo(ref("Patient", PATIENT));
                }),
                Arguments.of("orm_o01_v251.hl7", (Consumer<Bundle>) b ->
                        assertThat(one(b, ServiceRequest.class).getIdPart()).isEqualTo(id("ServiceRequest", "GOODHEALTH|P|ORD-1"))),
                Arguments.of("oml_o21_v251.hl7", (Consumer<Bundle>) b ->
                        assertThat(all(b, ServiceRequest.class))
                                .extracting(Resource::getIdPart, r -> r.getStatus().toCode(), r -> r.getCode().getCodingFirstRep().getCode(),
                                        r -> r.getIdentifier().size(), r -> r.getEncounter().getReference())
                                .containsExactly(
                                        org.assertj.core.groups.Tuple.tuple(id("ServiceRequest", "NORTHWIND|P|PL-400"), "active", "2345-7", 2,
                                                ref("Encounter", VISIT)),
                                        org.assertj.core.groups.Tuple.tuple(id("ServiceRequest", "NORTHWIND|P|PL-401"), "revoked", "718-7", 1,
                                                ref("Encounter", VISIT)))),
                Arguments.of("siu_s12_v251.hl7", appointment(Appointment.AppointmentStatus.BOOKED, "2024-05-01T10:00:00+00:00")),
                Arguments.of("siu_s13_v24.hl7", appointment(Appointment.AppointmentStatus.BOOKED, "2024-05-01T10:00:00+00:00")),
                Arguments.of("siu_s14_v26.hl7", appointment(Appointment.AppointmentStatus.BOOKED, null)),
                Arguments.of("siu_s15_v23.hl7", appointment(Appointment.AppointmentStatus.CANCELLED, "2024-05-01T10:00:00+00:00")),
                Arguments.of("vxu_v04_v251.hl7", (Consumer<Bundle>) b -> {
                    List<Immunization> immunizations = all(b, Immunization.class);
                    assertThat(immunizations).extracting(Resource::getIdPart).containsExactly(
                            id("Immunization", "IMMREG|IMM-900|208"), id("Immunization", "IMMREG|IMM-901|03"));
                    Immunization given = immunizations.get(0);
                    assertThat(given.getStatus()).isEqualTo(Immunization.ImmunizationStatus.COMPLETED);
                    assertThat(given.getVaccineCode().getCodingFirstRep().getSystem()).isEqualTo("http://hl7.org/fhir/sid/cvx");
                    assertThat(given.getVaccineCode().getCodingFirstRep().getCode()).isEqualTo("208");
                    assertThat(given.getOccurrenceDateTimeType().getValueAsString()).isEqualTo("2024-03-10T10:15:00+00:00");
                    assertThat(given.getDoseQuantity().getValue()).isEqualByComparingTo("0.3");
                    assertThat(given.getDoseQuantity().getCode()).isEqualTo("mL");
                    assertThat(given.getLotNumber()).isEqualTo("LOT-A1");
                    assertThat(given.getPatient().getReference()).isEqualTo(ref("Patient", PATIENT));
                    Immunization refused = immunizations.get(1);
                    assertThat(refused.getStatus()).isEqualTo(Immunization.ImmunizationStatus.NOTDONE);
                    assertThat(refused.getStatusReason().getCodingFirstRep().getCode()).isEqualTo("00");
                    assertThat(refused.hasDoseQuantity()).isFalse(); // 999: unknown amount
                }));
    }

    static Consumer<Bundle> document(DocumentReference.ReferredDocumentStatus docStatus, String note) {
        return b -> {
            DocumentReference document = one(b, DocumentReference.class);
            assertThat(document.getIdPart()).isEqualTo(DOCUMENT);
            assertThat(document.getStatus()).isEqualTo(org.hl7.fhir.r4.model.Enumerations.DocumentReferenceStatus.CURRENT);
            assertThat(document.getDocStatus()).isEqualTo(docStatus);
            assertThat(document.getType().getCodingFirstRep().getCode()).isEqualTo("DS");
            assertThat(document.getSubject().getReference()).isEqualTo(ref("Patient", PATIENT));
            assertThat(document.getContext().getEncounterFirstRep().getReference()).startsWith("Encounter/");
            assertThat(document.getContentFirstRep().getAttachment().getContentType()).isEqualTo("text/plain; charset=utf-8");
            assertThat(text(document.getContentFirstRep().getAttachment().getData())).isEqualTo(note);
        };
    }

    static Consumer<Bundle> appointment(Appointment.AppointmentStatus status, String end) {
        return b -> {
            Appointment appointment = one(b, Appointment.class);
            assertThat(appointment.getIdPart()).isEqualTo(APPOINTMENT);
            assertThat(appointment.getStatus()).isEqualTo(status);
            assertThat(appointment.getStartElement().getValueAsString()).isEqualTo("2024-05-01T09:30:00+00:00");
            assertThat(appointment.hasEnd() ? appointment.getEndElement().getValueAsString() : null).isEqualTo(end);
            assertThat(appointment.getMinutesDuration()).isEqualTo(30);
            assertThat(appointment.getServiceTypeFirstRep().getCodingFirstRep().getCode()).isEqualTo("CARDIO");
            assertThat(appointment.getParticipant()).extracting(p -> p.getActor().getReference(), p -> p.getActor().getDisplay())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(ref("Patient", PATIENT), null),
                            org.assertj.core.groups.Tuple.tuple(null, "CLINIC 12 NORTHWIND"),
                            org.assertj.core.groups.Tuple.tuple(null, null));
            assertThat(appointment.getParticipant().get(2).getActor().getIdentifier().getValue()).isEqualTo("1001");
        };
    }

    static void oru(Bundle b) {
        List<DiagnosticReport> reports = all(b, DiagnosticReport.class);
        String panel = id("DiagnosticReport", "LABSYS|F|FL-200");
        assertThat(reports).extracting(Resource::getIdPart).containsExactly(panel, id("DiagnosticReport", "LABSYS|F|FL-201"));
        DiagnosticReport report = reports.get(0);
        assertThat(report.getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.FINAL);
        assertThat(report.getCode().getCodingFirstRep().getCode()).isEqualTo("24323-8");
        assertThat(report.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2024-04-12T09:00:00+00:00");
        assertThat(report.getIdentifier()).extracting(i -> i.getType().getCodingFirstRep().getCode(), i -> i.getValue())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("PLAC", "PL-100"),
                        org.assertj.core.groups.Tuple.tuple("FILL", "FL-200"));
        assertThat(text(report.getPresentedFormFirstRep().getData())).isEqualTo("Specimen slightly hemolysed.\n"
                + "Result verified by second analyst.\nRepeat not required.\nCalled to ward.");
        assertThat(reports.get(1).getStatus()).isEqualTo(DiagnosticReport.DiagnosticReportStatus.PRELIMINARY);
        assertThat(reports.get(1).hasPresentedForm()).isFalse();

        List<Observation> observations = all(b, Observation.class);
        assertThat(report.getResult()).extracting(Reference::getReference)
                .containsExactlyElementsOf(observations.subList(0, 4).stream().map(o -> ref("Observation", o.getIdPart())).toList());
        assertThat(reports.get(1).getResult()).extracting(Reference::getReference)
                .containsExactly(ref("Observation", observations.get(4).getIdPart()));
        Observation glucose = observations.get(0);
        assertThat(glucose.getIdPart()).isEqualTo(id("Observation", panel + "|2345-7|"));
        assertThat(glucose.getStatus()).isEqualTo(Observation.ObservationStatus.FINAL);
        assertThat(glucose.getValueQuantity()).extracting(Quantity::getUnit, Quantity::getCode, Quantity::getSystem)
                .containsExactly("mg/dL", "mg/dL", "http://unitsofmeasure.org");
        assertThat(glucose.getValueQuantity().getValue()).isEqualByComparingTo("105");
        assertThat(glucose.getInterpretationFirstRep().getCodingFirstRep().getCode()).isEqualTo("H");
        assertThat(glucose.getReferenceRangeFirstRep().getText()).isEqualTo("70-99");
        assertThat(glucose.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2024-04-12T09:30:00+00:00");
        assertThat(glucose.getSubject().getReference()).isEqualTo(ref("Patient", PATIENT));
        assertThat(glucose.getEncounter().getReference()).isEqualTo(ref("Encounter", VISIT));
        Observation creatinine = observations.get(1);
        assertThat(creatinine.getValueQuantity().getComparator()).isEqualTo(Quantity.QuantityComparator.LESS_THAN);
        assertThat(creatinine.getValueQuantity().getValue()).isEqualByComparingTo("0.5");
        assertThat(creatinine.getEffectiveDateTimeType().getValueAsString()).isEqualTo("2024-04-12T09:00:00+00:00"); // OBR-7
        assertThat(observations.get(2).getValueCodeableConcept().getCodingFirstRep().getCode()).isEqualTo("YEL");
        assertThat(observations.get(2).getStatus()).isEqualTo(Observation.ObservationStatus.CORRECTED);
        assertThat(observations.get(3).getValueStringType().getValue())
                .isEqualTo("Result verified by second analyst.\nRepeat not required.");
        assertThat(observations.get(4).getStatus()).isEqualTo(Observation.ObservationStatus.PRELIMINARY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void mapsKeyFields(String fixture, Consumer<Bundle> expectations) throws Exception {
        Bundle bundle = map(fixture);

        assertThat(bundle.getType()).isEqualTo(Bundle.BundleType.TRANSACTION);
        assertThat(bundle.getEntry()).allSatisfy(e -> {
            assertThat(e.getRequest().getMethod()).isEqualTo(Bundle.HTTPVerb.PUT);
            assertThat(e.getRequest().getUrl()).isEqualTo(e.getResource().fhirType() + "/" + e.getResource().getIdPart());
            assertThat(Pseudonymizer.isResourceId(e.getResource().getIdPart())).isTrue();
        });
        assertThat(bundle.getEntry().stream().map(e -> e.getRequest().getUrl()).distinct().count())
                .isEqualTo(bundle.getEntry().size());
        expectations.accept(bundle);
        // deterministic: the same message maps to the same ids
        assertThat(map(fixture).getEntry()).extracting(e -> e.getRequest().getUrl())
                .containsExactlyElementsOf(bundle.getEntry().stream().map(e -> e.getRequest().getUrl()).toList());
    }

    @Test
    void everyMessageOfTheSetHasAFixture() {
        assertThat(V2ToFhirMappings.builtIn().messageKeys()).containsExactlyInAnyOrder(
                "ADT^A01", "ADT^A02", "ADT^A03", "ADT^A04", "ADT^A05", "ADT^A06", "ADT^A08", "ADT^A09", "ADT^A11",
                "ADT^A13", "ADT^A17", "ADT^A28", "ADT^A31", "ADT^A40", "MDM^T02", "MDM^T04", "MDM^T06", "MDM^T08",
                "MDM^T11", "ORU^R01", "ORM^O01", "OML^O21", "SIU^S12", "SIU^S13", "SIU^S14", "SIU^S15", "VXU^V04");
    }

    @Test
    void repeatedObservationCodesInOneReportGetDistinctIds() throws Exception {
        String raw = "MSH|^~\\&|LAB|NORTHWIND|A|B|20240412||ORU^R01|X1|P|2.5.1\rPID|1||MRN-20001^^^NORTHWIND\r"
                + "OBR|1||FL-9^LABSYS|11502-2^Lab report^LN\rOBX|1|TX|11502-2||line one\rOBX|2|TX|11502-2||line two";

        List<Observation> observations = all(MAPPER.map(PARSER.parse(raw)), Observation.class);

        String report = id("DiagnosticReport", "LABSYS|F|FL-9");
        assertThat(observations).extracting(Resource::getIdPart).containsExactly(
                id("Observation", report + "|11502-2|"), id("Observation", report + "|11502-2|#2"));
    }
}
