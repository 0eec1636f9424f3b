package io.annota.synthetic;

import ca.uhn.fhir.context.FhirContext;
import io.annota.synthetic.People.Clinician;
import io.annota.synthetic.People.PostalAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Encounter;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;

/**
 * FHIR R4 transaction bundles for new synthetic patients: Patient, Encounter, Conditions, Observations,
 * MedicationRequests, a DocumentReference and a DiagnosticReport with notes, all POSTed with {@code urn:uuid}
 * references. Gold paths are FHIRPaths on the entry's resource. Resources of one type that occur more than once
 * carry the same value at the same path (one effective time, one author), so a path never has two answers.
 */
final class FhirBundleGenerator {

    /** Identifier systems of the synthetic hospital. */
    static final String MRN_SYSTEM = "http://hospital.example.org/identifiers/mrn";
    static final String ACCOUNT_SYSTEM = "http://hospital.example.org/identifiers/account";
    static final String VISIT_SYSTEM = "http://hospital.example.org/identifiers/visit";
    static final String SSN_SYSTEM = "http://hl7.org/fhir/sid/us-ssn";

    private static final String V2_0203 = "http://terminology.hl7.org/CodeSystem/v2-0203";
    private static final String LOINC = "http://loinc.org";
    private static final String UCUM = "http://unitsofmeasure.org";
    private static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";
    private static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    private static final String NOTE_TYPE = "text/plain; charset=utf-8";
    private static final String[] OFFSETS = {"-0500", "-0600", "-0700", "-0800", "+0000"};

    private final FhirContext context = FhirContext.forR4Cached();
    private final People people;
    private final Random random;
    private final NoteGenerator notes;
    private LocalDateTime clock;

    FhirBundleGenerator(People people) {
        this.people = people;
        this.random = people.random();
        this.notes = new NoteGenerator(people);
        this.clock = Dates.EPOCH.plusDays(random.nextInt(365));
    }

    GeneratedBundle next() {
        clock = clock.plusHours(2 + random.nextInt(60)).plusMinutes(random.nextInt(60)).withSecond(0);
        String offset = OFFSETS[random.nextInt(OFFSETS.length)];
        People.Patient p = people.patient(clock.toLocalDate(), random.nextDouble() < 0.08);
        char patientClass = random.nextDouble() < 0.5 ? 'O' : random.nextBoolean() ? 'I' : 'E';
        LocalDateTime start = clock.minusHours(patientClass == 'I' ? 24 + random.nextInt(96) : 1 + random.nextInt(3));
        boolean finished = random.nextDouble() < 0.6;
        Visit visit = new Visit(people.identifier(9), people.identifier(10), patientClass, start,
                finished ? clock : null, people.doctor(), people.clinician(), "");
        List<PhiSpan> gold = new ArrayList<>();

        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.TRANSACTION);

        // Patient (conditional create on the MRN)
        String patientUrl = uuid();
        Bundle.BundleEntryComponent patientEntry = add(bundle, patientUrl, patient(p, visit, gold));
        String condition = "identifier=" + MRN_SYSTEM + "|" + p.mrn();
        patientEntry.getRequest().setIfNoneExist(condition);
        int at = condition.lastIndexOf(p.mrn());
        gold.add(new PhiSpan(PhiType.MRN, p.mrn(), "Bundle.entry[0].request.ifNoneExist", at, at + p.mrn().length()));
        Reference subject = new Reference(patientUrl);

        String encounterUrl = uuid();
        add(bundle, encounterUrl, encounter(p, visit, subject, offset, gold));
        Reference encounter = new Reference(encounterUrl);

        String recorded = Dates.fhirDateTime(clock, offset);
        Clinician doc = visit.attending();
        // Conditions: the reason for the visit (with onset), then chronic problems
        ClinicalTerms.Acute acute = p.clinical().acute();
        Condition reason = condition(acute.icd10(), acute.display(), acute.term(), "encounter-diagnosis", subject,
                encounter, recorded, doc, gold);
        String onset = Dates.fhirDateTime(start.minusDays(1 + random.nextInt(5)), offset);
        reason.setOnset(new DateTimeType(onset));
        gold.add(PhiSpan.field(PhiType.DATE, onset, "Condition.onset.ofType(dateTime)"));
        add(bundle, uuid(), reason);
        List<ClinicalTerms.Problem> problems = p.clinical().problems();
        for (ClinicalTerms.Problem problem : problems.subList(0, Math.min(2, problems.size()))) {
            add(bundle, uuid(), condition(problem.icd10(), problem.display(), problem.term(), "problem-list-item",
                    subject, encounter, recorded, doc, gold));
        }

        // Observations: vital signs, a lab with reference range, a text result
        String effective = Dates.fhirDateTime(start.plusMinutes(20 + random.nextInt(40)), offset);
        for (ClinicalTerms.Lab vital : people.sample(ClinicalTerms.VITALS, 2)) {
            add(bundle, uuid(), quantity(vital, "vital-signs", subject, encounter, effective, false, gold));
        }
        ClinicalTerms.Lab lab = Numbers.pick(random, List.of(ClinicalTerms.GLUCOSE, ClinicalTerms.HBA1C,
                ClinicalTerms.CREATININE, ClinicalTerms.HEMOGLOBIN, ClinicalTerms.POTASSIUM));
        String labUrl = uuid();
        add(bundle, labUrl, quantity(lab, "laboratory", subject, encounter, effective, true, gold));
        add(bundle, uuid(), textResult(subject, encounter, effective, doc, gold));

        // Medication requests (same author and time)
        List<ClinicalTerms.Drug> drugs = new ArrayList<>();
        drugs.add(acute.drug());
        if (problems.get(0).drug() != null && !drugs.contains(problems.get(0).drug())) {
            drugs.add(problems.get(0).drug());
        }
        for (ClinicalTerms.Drug drug : drugs) {
            add(bundle, uuid(), medication(drug, subject, encounter, recorded, doc, gold));
        }

        // DocumentReference with a clinical note
        NoteGenerator.Style style = notes.anyClinicalStyle();
        SyntheticNote note = notes.write(p, visit, clock, style);
        add(bundle, uuid(), document(note, style, subject, encounter, Dates.fhirDateTime(clock, offset), doc, gold));

        // DiagnosticReport with an imaging report and a conclusion
        add(bundle, uuid(), report(p, visit, subject, encounter, labUrl, offset, gold));

        String json = context.newJsonParser().setPrettyPrint(true).encodeResourceToString(bundle);
        return new GeneratedBundle(json, gold);
    }

    // ------------------------------------------------------------------------------------------- resources

    private Patient patient(People.Patient p, Visit visit, List<PhiSpan> gold) {
        Patient patient = new Patient();
        patient.addIdentifier(identifier(Identifier.IdentifierUse.USUAL, "MR", "Medical record number", MRN_SYSTEM,
                p.mrn()));
        gold.add(PhiSpan.field(PhiType.MRN, p.mrn(), "Patient.identifier[0].value"));
        patient.addIdentifier(identifier(Identifier.IdentifierUse.OFFICIAL, "SS", "Social Security number",
                SSN_SYSTEM, p.ssn()));
        gold.add(PhiSpan.field(PhiType.SSN, p.ssn(), "Patient.identifier[1].value"));
        patient.addIdentifier(identifier(Identifier.IdentifierUse.SECONDARY, "AN", "Account number",
                ACCOUNT_SYSTEM, visit.accountNumber()));
        gold.add(PhiSpan.field(PhiType.ACCOUNT_NUMBER, visit.accountNumber(), "Patient.identifier[2].value"));

        HumanName name = patient.addName().setUse(HumanName.NameUse.OFFICIAL).setFamily(p.name().family());
        name.addGiven(p.name().given());
        gold.add(PhiSpan.field(PhiType.PATIENT_NAME, p.name().family(), "Patient.name[0].family"));
        gold.add(PhiSpan.field(PhiType.PATIENT_NAME, p.name().given(), "Patient.name[0].given[0]"));
        if (p.name().middle() != null) {
            name.addGiven(p.name().middle());
            gold.add(PhiSpan.field(PhiType.PATIENT_NAME, p.name().middle(), "Patient.name[0].given[1]"));
        }

        List<ContactPoint> telecom = new ArrayList<>();
        telecom.add(contact(ContactPoint.ContactPointSystem.PHONE, p.home().paren(), ContactPoint.ContactPointUse.HOME));
        telecom.add(contact(ContactPoint.ContactPointSystem.PHONE, p.mobile().dashed(),
                ContactPoint.ContactPointUse.MOBILE));
        telecom.add(contact(ContactPoint.ContactPointSystem.EMAIL, p.email(), ContactPoint.ContactPointUse.HOME));
        if (p.work() != null) {
            telecom.add(contact(ContactPoint.ContactPointSystem.PHONE, p.work().e164(),
                    ContactPoint.ContactPointUse.WORK));
        }
        if (random.nextDouble() < 0.25) {
            telecom.add(contact(ContactPoint.ContactPointSystem.URL, p.portalUrl(), ContactPoint.ContactPointUse.HOME));
        }
        for (int i = 0; i < telecom.size(); i++) {
            ContactPoint point = telecom.get(i);
            patient.addTelecom(point);
            PhiType type = switch (point.getSystem()) {
                case EMAIL -> PhiType.EMAIL;
                case URL -> PhiType.URL;
                default -> PhiType.PHONE;
            };
            gold.add(PhiSpan.field(type, point.getValue(), "Patient.telecom[" + i + "].value"));
        }
        patient.setGender(p.female() ? Enumerations.AdministrativeGender.FEMALE : Enumerations.AdministrativeGender.MALE);
        String birth = Dates.format(p.birthDate(), Dates.Format.ISO);
        patient.getBirthDateElement().setValueAsString(birth);
        gold.add(PhiSpan.field(PhiType.BIRTH_DATE, birth, "Patient.birthDate"));
        patient.addAddress(address(p.address(), "Patient.address[0]", gold));

        People.Relative rel = p.relative();
        Patient.ContactComponent contact = patient.addContact();
        contact.addRelationship()
                .addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v2-0131", "N", "Next-of-Kin"))
                .setText(rel.relation().word());
        contact.getName().setFamily(rel.name().family()).addGiven(rel.name().given());
        gold.add(PhiSpan.field(PhiType.RELATIVE_NAME, rel.name().family(), "Patient.contact[0].name.family"));
        gold.add(PhiSpan.field(PhiType.RELATIVE_NAME, rel.name().given(), "Patient.contact[0].name.given[0]"));
        contact.addTelecom(contact(ContactPoint.ContactPointSystem.PHONE, rel.phone().paren(),
                ContactPoint.ContactPointUse.HOME));
        gold.add(PhiSpan.field(PhiType.PHONE, rel.phone().paren(), "Patient.contact[0].telecom[0].value"));
        contact.setAddress(address(rel.address(), "Patient.contact[0].address", gold));
        contact.setGender(rel.relation().sex() == 'F' ? Enumerations.AdministrativeGender.FEMALE
                : Enumerations.AdministrativeGender.MALE);

        patient.addGeneralPractitioner().setDisplay(p.pcp().name().full());
        gold.add(PhiSpan.field(PhiType.CLINICIAN_NAME, p.pcp().name().full(), "Patient.generalPractitioner[0].display"));
        return patient;
    }

    private Encounter encounter(People.Patient p, Visit visit, Reference subject, String offset,
            List<PhiSpan> gold) {
        Encounter encounter = new Encounter();
        encounter.addIdentifier(identifier(Identifier.IdentifierUse.OFFICIAL, "VN", "Visit number", VISIT_SYSTEM,
                visit.visitNumber()));
        gold.add(PhiSpan.field(PhiType.VISIT_NUMBER, visit.visitNumber(), "Encounter.identifier[0].value"));
        encounter.setStatus(visit.discharge() != null ? Encounter.EncounterStatus.FINISHED
                : Encounter.EncounterStatus.INPROGRESS);
        String actCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
        encounter.setClass_(switch (visit.patientClass()) {
            case 'I' -> new Coding(actCode, "IMP", "inpatient encounter");
            case 'E' -> new Coding(actCode, "EMER", "emergency");
            default -> new Coding(actCode, "AMB", "ambulatory");
        });
        encounter.setSubject(subject);
        Encounter.EncounterParticipantComponent participant = encounter.addParticipant();
        participant.addType().addCoding(new Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
                "ATND", "attender"));
        participant.getIndividual().setDisplay(visit.attending().name().full());
        gold.add(PhiSpan.field(PhiType.CLINICIAN_NAME, visit.attending().name().full(),
                "Encounter.participant[0].individual.display"));
        String start = Dates.fhirDateTime(visit.admit(), offset);
        encounter.getPeriod().setStartElement(new DateTimeType(start));
        gold.add(PhiSpan.field(PhiType.DATE, start, "Encounter.period.start"));
        if (visit.discharge() != null) {
            String end = Dates.fhirDateTime(visit.discharge(), offset);
            encounter.getPeriod().setEndElement(new DateTimeType(end));
            gold.add(PhiSpan.field(PhiType.DATE, end, "Encounter.period.end"));
        }
        encounter.addReasonCode().setText(p.clinical().acute().symptoms().get(0));
        return encounter;
    }

    private Condition condition(String icd10, String display, String term, String category, Reference subject,
            Reference encounter, String recorded, Clinician doc, List<PhiSpan> gold) {
        Condition condition = new Condition();
        condition.setClinicalStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active")));
        condition.setVerificationStatus(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-ver-status", "confirmed", "Confirmed")));
        condition.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/condition-category", category,
                category.equals("encounter-diagnosis") ? "Encounter Diagnosis" : "Problem List Item")));
        condition.setCode(new CodeableConcept(new Coding(ICD10CM, icd10, display)).setText(term));
        condition.setSubject(subject);
        condition.setEncounter(encounter);
        condition.setRecordedDateElement(new DateTimeType(recorded));
        gold.add(PhiSpan.field(PhiType.DATE, recorded, "Condition.recordedDate"));
        condition.getAsserter().setDisplay(doc.name().full());
        gold.add(PhiSpan.field(PhiType.CLINICIAN_NAME, doc.name().full(), "Condition.asserter.display"));
        return condition;
    }

    private Observation quantity(ClinicalTerms.Lab lab, String category, Reference subject, Reference encounter,
            String effective, boolean withRange, List<PhiSpan> gold) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", category,
                category.equals("vital-signs") ? "Vital Signs" : "Laboratory")));
        observation.setCode(new CodeableConcept(new Coding(LOINC, lab.loinc(), lab.name())).setText(lab.name()));
        observation.setSubject(subject);
        observation.setEncounter(encounter);
        observation.setEffective(new DateTimeType(effective));
        gold.add(PhiSpan.field(PhiType.DATE, effective, "Observation.effective.ofType(dateTime)"));
        double spread = (lab.high() - lab.low()) * 0.2;
        double value = Numbers.between(random, Math.max(0, lab.low() - spread), lab.high() + spread, lab.decimals());
        observation.setValue(ucum(value, lab.decimals(), lab.unit()));
        if (withRange) {
            observation.addReferenceRange().setLow(ucum(lab.low(), lab.decimals(), lab.unit()))
                    .setHigh(ucum(lab.high(), lab.decimals(), lab.unit()));
            String flag = value > lab.high() ? "H" : value < lab.low() ? "L" : "N";
            observation.addInterpretation(new CodeableConcept(new Coding(
                    "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", flag,
                    flag.equals("H") ? "High" : flag.equals("L") ? "Low" : "Normal")));
        }
        return observation;
    }

    private Observation textResult(Reference subject, Reference encounter, String effective, Clinician doc,
            List<PhiSpan> gold) {
        ClinicalTerms.TextResult result = ClinicalTerms.TEXT_RESULTS.get(2 + random.nextInt(2));
        NoteBuilder b = new NoteBuilder();
        b.t(Numbers.pick(random, result.values())).t(" Result called to Dr. ")
                .phi(PhiType.CLINICIAN_NAME, doc.name().family()).t(" on ")
                .phi(PhiType.DATE, Dates.format(clock.toLocalDate(), Dates.anyFormat(random)))
                .t(" at " + Dates.time(clock) + ".");
        SyntheticNote text = b.build();
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.addCategory(new CodeableConcept(new Coding(
                "http://terminology.hl7.org/CodeSystem/observation-category", "laboratory", "Laboratory")));
        observation.setCode(new CodeableConcept(new Coding(LOINC, result.loinc(), result.name()))
                .setText(result.name()));
        observation.setSubject(subject);
        observation.setEncounter(encounter);
        observation.setEffective(new DateTimeType(effective));
        gold.add(PhiSpan.field(PhiType.DATE, effective, "Observation.effective.ofType(dateTime)"));
        observation.getValueStringType().setValue(text.text());
        for (PhiSpan span : text.phi()) {
            gold.add(span.relocate("Observation.value.ofType(string)", 0));
        }
        return observation;
    }

    private MedicationRequest medication(ClinicalTerms.Drug drug, Reference subject, Reference encounter,
            String authored, Clinician doc, List<PhiSpan> gold) {
        MedicationRequest request = new MedicationRequest();
        request.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
        request.setIntent(MedicationRequest.MedicationRequestIntent.ORDER);
        request.setMedication(new CodeableConcept(new Coding(RXNORM, drug.rxcui(), drug.name()))
                .setText(drug.name() + " " + drug.dose()));
        request.setSubject(subject);
        request.setEncounter(encounter);
        request.setAuthoredOnElement(new DateTimeType(authored));
        gold.add(PhiSpan.field(PhiType.DATE, authored, "MedicationRequest.authoredOn"));
        request.getRequester().setDisplay(doc.name().full());
        gold.add(PhiSpan.field(PhiType.CLINICIAN_NAME, doc.name().full(), "MedicationRequest.requester.display"));
        request.addDosageInstruction().setText(drug.dose() + " " + drug.sig());
        return request;
    }

    private DocumentReference document(SyntheticNote note, NoteGenerator.Style style, Reference subject, Reference encounter, String date,
            Clinician doc, List<PhiSpan> gold) {
        DocumentReference document = new DocumentReference();
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.setDocStatus(DocumentReference.ReferredDocumentStatus.FINAL);
        String title = note.text().substring(0, note.text().indexOf('\n'));
        Coding type = switch (style) {
            case DISCHARGE -> new Coding(LOINC, "18842-5", "Discharge summary");
            case CONSULT -> new Coding(LOINC, "11488-4", "Consult note");
            case TELEPHONE -> new Coding(LOINC, "34748-4", "Telephone encounter Note");
            default -> new Coding(LOINC, "11506-3", "Progress note");
        };
        document.setType(new CodeableConcept(type).setText(title));
        document.setSubject(subject);
        document.setDateElement(new InstantType(date));
        gold.add(PhiSpan.field(PhiType.DATE, date, "DocumentReference.date"));
        document.addAuthor().setDisplay(doc.name().full());
        gold.add(PhiSpan.field(PhiType.CLINICIAN_NAME, doc.name().full(), "DocumentReference.author[0].display"));
        document.addContent().setAttachment(attachment(note, title));
        document.getContext().addEncounter(encounter);
        for (PhiSpan span : note.phi()) {
            gold.add(span.relocate("DocumentReference.content[0].attachment", 0));
        }
        return document;
    }

    private DiagnosticReport report(People.Patient p, Visit visit, Reference subject, Reference encounter,
            String labUrl, String offset, List<PhiSpan> gold) {
        LocalDateTime examTime = visit.admit().plusMinutes(30 + random.nextInt(90));
        SyntheticNote note = notes.write(p, visit, examTime, NoteGenerator.Style.RADIOLOGY);
        DiagnosticReport report = new DiagnosticReport();
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.addCategory(new CodeableConcept(new Coding("http://terminology.hl7.org/CodeSystem/v2-0074", "RAD",
                "Radiology")));
        report.setCode(new CodeableConcept(new Coding(LOINC, "18748-4", "Diagnostic imaging study"))
                .setText(note.text().substring(0, note.text().indexOf('\n'))));
        report.setSubject(subject);
        report.setEncounter(encounter);
        String effective = Dates.fhirDateTime(examTime, offset);
        report.setEffective(new DateTimeType(effective));
        gold.add(PhiSpan.field(PhiType.DATE, effective, "DiagnosticReport.effective.ofType(dateTime)"));
        String issued = Dates.fhirDateTime(examTime.plusMinutes(20 + random.nextInt(60)), offset);
        report.setIssuedElement(new InstantType(issued));
        gold.add(PhiSpan.field(PhiType.DATE, issued, "DiagnosticReport.issued"));
        report.addResultsInterpreter().setDisplay(visit.attending().name().full());
        gold.add(PhiSpan.field(PhiType.CLINICIAN_NAME, visit.attending().name().full(),
                "DiagnosticReport.resultsInterpreter[0].display"));
        report.addResult(new Reference(labUrl));
        NoteBuilder conclusion = new NoteBuilder();
        conclusion.t("No acute abnormality.");
        if (random.nextBoolean()) {
            conclusion.t(" Unchanged from the study of ")
                    .phi(PhiType.DATE, Dates.format(examTime.toLocalDate().minusDays(30 + random.nextInt(400)),
                            Dates.anyFormat(random)))
                    .t(".");
        }
        SyntheticNote text = conclusion.build();
        report.setConclusion(text.text());
        for (PhiSpan span : text.phi()) {
            gold.add(span.relocate("DiagnosticReport.conclusion", 0));
        }
        report.addPresentedForm(attachment(note, "Imaging report"));
        for (PhiSpan span : note.phi()) {
            gold.add(span.relocate("DiagnosticReport.presentedForm[0]", 0));
        }
        return report;
    }

    // --------------------------------------------------------------------------------------------- helpers

    private Bundle.BundleEntryComponent add(Bundle bundle, String fullUrl, Resource resource) {
        Bundle.BundleEntryComponent entry = bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
        entry.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(resource.fhirType());
        return entry;
    }

    private static Identifier identifier(Identifier.IdentifierUse use, String typeCode, String typeDisplay,
            String system, String value) {
        Identifier identifier = new Identifier().setUse(use).setSystem(system).setValue(value);
        identifier.setType(new CodeableConcept(new Coding(V2_0203, typeCode, typeDisplay)));
        return identifier;
    }

    private static ContactPoint contact(ContactPoint.ContactPointSystem system, String value,
            ContactPoint.ContactPointUse use) {
        return new ContactPoint().setSystem(system).setValue(value).setUse(use);
    }

    private static Address address(PostalAddress address, String path, List<PhiSpan> gold) {
        Address out = new Address().setUse(Address.AddressUse.HOME).setType(Address.AddressType.BOTH);
        out.addLine(address.street());
        gold.add(PhiSpan.field(PhiType.STREET_ADDRESS, address.street(), path + ".line[0]"));
        if (address.secondary() != null) {
            out.addLine(address.secondary());
            gold.add(PhiSpan.field(PhiType.STREET_ADDRESS, address.secondary(), path + ".line[1]"));
        }
        out.setCity(address.city()).setState(address.state()).setPostalCode(address.zip()).setCountry("US");
        gold.add(PhiSpan.field(PhiType.CITY, address.city(), path + ".city"));
        gold.add(PhiSpan.field(PhiType.ZIP, address.zip(), path + ".postalCode"));
        return out;
    }

    private static Quantity ucum(double value, int decimals, String unit) {
        Quantity quantity = new Quantity();
        quantity.setValueElement(new org.hl7.fhir.r4.model.DecimalType(Numbers.format(value, decimals)));
        return quantity.setUnit(unit).setSystem(UCUM).setCode(unit);
    }

    private static Attachment attachment(SyntheticNote note, String title) {
        return new Attachment().setContentType(NOTE_TYPE).setLanguage("en-US")
                .setData(note.text().getBytes(StandardCharsets.UTF_8)).setTitle(title);
    }

    private String uuid() {
        long most = (random.nextLong() & ~0xF000L) | 0x4000L;
        long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return "urn:uuid:" + new UUID(most, least);
    }
}
