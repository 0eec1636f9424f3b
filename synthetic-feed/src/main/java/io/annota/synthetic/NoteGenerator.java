package io.annota.synthetic;

import static io.annota.synthetic.ClinicalMention.DISORDER;
import static io.annota.synthetic.ClinicalMention.FAMILY_MEMBER;
import static io.annota.synthetic.ClinicalMention.MEDICATION;
import static io.annota.synthetic.ClinicalMention.PROCEDURE;
import static io.annota.synthetic.ClinicalMention.SIGN_SYMPTOM;

import io.annota.synthetic.People.Clinician;
import io.annota.synthetic.People.FamilyHistory;
import io.annota.synthetic.People.Patient;
import io.annota.synthetic.People.Phone;
import io.annota.synthetic.People.PostalAddress;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Writes clinical notes about a patient in several styles. PHI values are the patient's own (name, MRN, birth
 * date, address, phones, SSN, e-mail, portal URL), the relative's and the clinicians'; clinical content comes
 * from {@link ClinicalTerms}. Only patients and relatives get phone numbers in notes, so every phone number in a
 * note is gold.
 */
final class NoteGenerator {

    /** Note styles; the first four are used for {@code note()}, {@code RADIOLOGY} for report attachments. */
    enum Style { PROGRESS, DISCHARGE, CONSULT, TELEPHONE, RADIOLOGY }

    private final People people;
    private final Random random;

    NoteGenerator(People people) {
        this.people = people;
        this.random = people.random();
    }

    Style anyClinicalStyle() {
        return Style.values()[random.nextInt(4)];
    }

    SyntheticNote write(Patient patient, Visit visit, LocalDateTime written, Style style) {
        NoteBuilder b = new NoteBuilder();
        switch (style) {
            case PROGRESS -> progress(b, patient, visit, written);
            case DISCHARGE -> discharge(b, patient, visit, written);
            case CONSULT -> consult(b, patient, visit, written);
            case TELEPHONE -> telephone(b, patient, visit, written);
            case RADIOLOGY -> radiology(b, patient, visit, written);
        }
        return b.build();
    }

    // ------------------------------------------------------------------------------------------------ styles

    private void progress(NoteBuilder b, Patient p, Visit v, LocalDateTime written) {
        Clinician doc = v.attending();
        b.t(pick("PROGRESS NOTE", "Clinic Progress Note", "OUTPATIENT FOLLOW-UP VISIT")).nl();
        b.t("Patient: ");
        patientFull(b, p);
        b.t("    MRN: ").phi(PhiType.MRN, p.mrn()).t("    DOB: ");
        date(b, p.birthDate(), PhiType.BIRTH_DATE);
        b.nl();
        b.t("Date of service: ");
        date(b, written.toLocalDate(), PhiType.DATE);
        b.nl();
        b.t("Provider: ");
        clinicianWithDegree(b, doc);
        b.nl();
        identifiersLine(b, p, v);
        b.nl();

        b.t("HISTORY OF PRESENT ILLNESS:").nl();
        patientRef(b, p);
        int age = p.age(written.toLocalDate());
        b.t(" is a " + age + "-year-old " + (age < 18 ? (p.female() ? "girl" : "boy") : p.female() ? "woman" : "man")
                + " with a history of ");
        problemList(b, p, 2);
        b.t(" who presents with ");
        presenting(b, p);
        b.t(". ");
        denials(b, p);
        if (chance(0.6)) {
            b.t(" ").t(cap(p.he())).t(" was referred by ");
            drRef(b, v.referring());
            b.t(" after a visit on ");
            date(b, written.toLocalDate().minusDays(3 + random.nextInt(30)), PhiType.DATE);
            b.t(".");
        }
        b.nl().nl();

        pastHistory(b, p, written.toLocalDate());
        medications(b, p, "MEDICATIONS:");
        familyHistory(b, p, "FAMILY HISTORY:");
        social(b, p, written.toLocalDate());
        exam(b, p);

        b.t("ASSESSMENT AND PLAN:").nl();
        plan(b, p, doc);
        b.t("Seen and examined with ");
        drRef(b, doc);
        b.t(". Plan discussed with the patient " + (chance(0.2) ? "and\\or" : "and") + " family.").nl();
        contactPreference(b, p);
        b.nl();
        signature(b, doc, written);
    }

    private void discharge(NoteBuilder b, Patient p, Visit v, LocalDateTime written) {
        Clinician doc = v.attending();
        LocalDate admit = v.admit().toLocalDate();
        LocalDate out = v.discharge() != null ? v.discharge().toLocalDate() : written.toLocalDate();
        ClinicalTerms.Acute acute = p.clinical().acute();
        b.t("DISCHARGE SUMMARY").nl();
        b.t("Patient Name: ").phi(PhiType.PATIENT_NAME, p.name().family()).t(", ")
                .phi(PhiType.PATIENT_NAME, p.name().given()).nl();
        b.t("Medical Record #: ").phi(PhiType.MRN, p.mrn()).nl();
        b.t("Account #: ").phi(PhiType.ACCOUNT_NUMBER, v.accountNumber()).nl();
        b.t("Date of Birth: ");
        date(b, p.birthDate(), PhiType.BIRTH_DATE);
        b.nl();
        b.t("Admission Date: ");
        date(b, admit, PhiType.DATE);
        b.nl().t("Discharge Date: ");
        date(b, out, PhiType.DATE);
        b.nl().t("Attending Physician: ");
        clinicianWithDegree(b, doc);
        b.nl().nl();

        b.t("ADMISSION DIAGNOSIS: ").m(acute.term(), DISORDER, false).t(".").nl();
        b.t("DISCHARGE DIAGNOSES:").nl();
        b.t("1. ").m(acute.term(), DISORDER, false).t(".").nl();
        int n = 2;
        for (ClinicalTerms.Problem problem : p.clinical().problems()) {
            b.t(n++ + ". ").m(problem.term(), DISORDER, false).t(", stable.").nl();
        }
        b.nl();

        b.t("HOSPITAL COURSE:").nl();
        patientRef(b, p);
        b.t(" was admitted on ");
        date(b, admit, PhiType.DATE);
        b.t(" with ");
        presenting(b, p);
        b.t(". ");
        b.t(cap(p.he())).t(" underwent ").m(acute.procedure(), PROCEDURE, false).t(" and was treated with ");
        if (acute.drug() != null) {
            b.m(acute.drug().name(), MEDICATION, false);
        } else {
            b.t("supportive care");
        }
        b.t(". ").t(cap(p.he())).t(" remained hemodynamically stable with no ");
        List<String> neg = p.clinical().negatives();
        b.negatedList(neg.subList(0, 2), "or", SIGN_SYMPTOM).t(". On the day of discharge " + p.he() + " denied ");
        b.negatedList(neg.subList(2, 4), "and", SIGN_SYMPTOM).t(".").nl().nl();

        b.t("PROCEDURES: ").m(acute.procedure(), PROCEDURE, false).t(" on ");
        date(b, admit.plusDays(out.isAfter(admit) ? 1 : 0), PhiType.DATE);
        b.t(".").nl().nl();

        medications(b, p, "DISCHARGE MEDICATIONS:");
        familyHistory(b, p, "FAMILY HISTORY:");

        b.t("FOLLOW-UP:").nl();
        b.t("Follow up with ");
        drRef(b, p.pcp());
        b.t(" on ");
        date(b, out.plusDays(7 + random.nextInt(14)), PhiType.DATE);
        b.t(". ");
        relativeSentence(b, p);
        b.nl();
        b.t("Discharged home to ");
        address(b, p.address());
        b.t(". Home phone ");
        phone(b, p.home());
        b.t(".").nl();
        contactPreference(b, p);
        b.nl();
        b.t("Dictated by: ");
        clinicianWithDegree(b, doc);
        b.t(" on ");
        date(b, written.toLocalDate(), PhiType.DATE);
        b.t(" " + Dates.time(written)).nl();
    }

    private void consult(NoteBuilder b, Patient p, Visit v, LocalDateTime written) {
        Clinician doc = v.attending();
        ClinicalTerms.Acute acute = p.clinical().acute();
        b.t(pick("HISTORY AND PHYSICAL", "CONSULTATION NOTE", "Emergency Department Note")).nl();
        b.t("Name: ");
        patientFull(b, p);
        b.t("   MRN ").phi(PhiType.MRN, p.mrn()).t("   DOB ");
        date(b, p.birthDate(), PhiType.BIRTH_DATE);
        b.t("   Visit # ").phi(PhiType.VISIT_NUMBER, v.visitNumber()).nl();
        b.t("Date: ");
        date(b, written.toLocalDate(), PhiType.DATE);
        b.nl().t("Referring physician: ");
        drRef(b, v.referring());
        b.nl().t("Consultant: ");
        clinicianWithDegree(b, doc);
        b.nl().nl();

        b.t("REASON FOR CONSULTATION: ").m(acute.symptoms().get(0), SIGN_SYMPTOM, false).t(".").nl().nl();
        b.t("HPI: ");
        patientFull(b, p);
        b.t(" is a " + p.age(written.toLocalDate()) + " y/o " + (p.female() ? "female" : "male") + " seen by ");
        drRef(b, v.referring());
        b.t(" on ");
        date(b, written.toLocalDate().minusDays(1 + random.nextInt(5)), PhiType.DATE);
        b.t(" for ");
        presenting(b, p);
        b.t(". ");
        denials(b, p);
        b.nl();
        b.t("ROS: Positive for ").m(acute.symptoms().get(1), SIGN_SYMPTOM, false).t(". Negative for ");
        List<String> neg = p.clinical().negatives();
        b.negatedList(neg.subList(neg.size() - 3, neg.size()), "and", SIGN_SYMPTOM).t(".").nl();
        b.t("PMH: ");
        problemList(b, p, p.clinical().problems().size());
        b.t(".").nl();
        if (!p.clinical().pastProcedures().isEmpty()) {
            b.t("PSH: s/p ");
            List<String> procs = p.clinical().pastProcedures();
            for (int i = 0; i < procs.size(); i++) {
                b.t(i == 0 ? "" : ", ").m(procs.get(i), PROCEDURE, false);
            }
            b.t(".").nl();
        }
        familyHistory(b, p, "Family history:");
        b.t("Social: lives with " + p.his() + " " + p.relative().relation().word() + ", ");
        b.phi(PhiType.RELATIVE_NAME, p.relative().name().full()).t(", at ");
        address(b, p.address());
        b.t(". Contact ");
        phone(b, p.relative().phone());
        b.t(".").nl();
        if (chance(0.3)) {
            b.t("SSN ").phi(PhiType.SSN, p.ssn()).t(" verified with registration.").nl();
        }
        b.t("Medications: ");
        List<ClinicalTerms.Drug> drugs = drugs(p);
        for (int i = 0; i < drugs.size(); i++) {
            b.t(i == 0 ? "" : "; ").m(drugs.get(i).name(), MEDICATION, false)
                    .t(" " + drugs.get(i).dose() + " " + drugs.get(i).sig());
        }
        b.t(".").nl().t("Allergies: NKDA.").nl().nl();
        exam(b, p);
        b.t("IMPRESSION/PLAN:").nl();
        plan(b, p, doc);
        b.nl();
        clinicianWithDegree(b, doc);
        b.nl();
    }

    private void telephone(NoteBuilder b, Patient p, Visit v, LocalDateTime written) {
        People.Relative rel = p.relative();
        List<String> neg = p.clinical().negatives();
        b.t("TELEPHONE ENCOUNTER").nl();
        date(b, written.toLocalDate(), PhiType.DATE);
        b.t(" " + Dates.time(written)).nl();
        b.t("Patient: ");
        patientFull(b, p);
        b.t(" (MRN ").phi(PhiType.MRN, p.mrn()).t("), DOB ");
        date(b, p.birthDate(), PhiType.BIRTH_DATE);
        b.nl().nl();
        b.t("Spoke with the patient's " + rel.relation().word() + ", ");
        b.phi(PhiType.RELATIVE_NAME, rel.name().full()).t(", at ");
        phone(b, rel.phone());
        b.t(". " + cap(rel.relation().sex() == 'F' ? "she" : "he") + " reports that ");
        b.phi(PhiType.PATIENT_NAME, p.name().given()).t(" has had ");
        b.m(p.clinical().acute().symptoms().get(0), SIGN_SYMPTOM, false).t(" since ");
        date(b, written.toLocalDate().minusDays(1 + random.nextInt(4)), PhiType.DATE);
        b.t(". Denies ").m(neg.get(0), SIGN_SYMPTOM, true).t(". No ").m(neg.get(1), SIGN_SYMPTOM, true).t(".")
                .nl();
        ClinicalTerms.Problem problem = p.clinical().problems().get(0);
        if (problem.drug() != null) {
            b.t("Advised to continue ").m(problem.drug().name(), MEDICATION, false)
                    .t(" " + problem.drug().dose() + " " + problem.drug().sig()).t(" for ")
                    .m(problem.term(), DISORDER, false).t(".").nl();
        }
        b.t("Address confirmed: ");
        address(b, p.address());
        b.t(". Callback number ");
        phone(b, p.home());
        b.t(".").nl();
        contactPreference(b, p);
        b.t("Routed to ");
        drRef(b, v.attending());
        b.t(" for review.").nl().nl();
        b.phi(PhiType.CLINICIAN_NAME, people.nurse().full()).t(", RN").nl();
    }

    private void radiology(NoteBuilder b, Patient p, Visit v, LocalDateTime written) {
        boolean chest = random.nextBoolean();
        String acute = p.clinical().acute().term();
        b.t(chest ? "EXAM: CHEST X-RAY, 2 VIEWS" : "EXAM: CT ABDOMEN AND PELVIS WITH CONTRAST").nl();
        b.t("Patient: ").phi(PhiType.PATIENT_NAME, p.name().family()).t(", ")
                .phi(PhiType.PATIENT_NAME, p.name().given()).t("    MRN: ").phi(PhiType.MRN, p.mrn()).t("    DOB: ");
        date(b, p.birthDate(), PhiType.BIRTH_DATE);
        b.nl().t("Exam date: ");
        date(b, written.toLocalDate(), PhiType.DATE);
        b.nl().t("Ordering physician: ");
        clinicianWithDegree(b, v.attending());
        b.nl().nl();
        b.t("CLINICAL HISTORY: ").m(p.clinical().acute().symptoms().get(0), SIGN_SYMPTOM, false)
                .t(". History of ").m(p.clinical().problems().get(0).term(), DISORDER, false).t(".").nl();
        b.t("COMPARISON: ");
        if (chance(0.5)) {
            date(b, written.toLocalDate().minusDays(60 + random.nextInt(600)), PhiType.DATE);
        } else {
            b.t("None");
        }
        b.t(".").nl().nl().t("FINDINGS:").nl();
        boolean positive = acute.equals("pneumonia") && chest;
        if (chest) {
            if (positive) {
                b.t("Right lower lobe consolidation consistent with ").m("pneumonia", DISORDER, false).t(". ");
            }
            b.t("No ").m("pleural effusion", DISORDER, true).t(" or ").m("pneumothorax", DISORDER, true)
                    .t(". Heart size is normal.").nl();
        } else {
            b.t("Liver, spleen & pancreas are unremarkable. No ").m("bowel obstruction", DISORDER, true)
                    .t(". No ").m("free air", SIGN_SYMPTOM, true).t(". No ")
                    .m("kidney stones", DISORDER, true).t(".").nl();
        }
        b.nl().t("IMPRESSION:").nl();
        if (positive) {
            b.t("1. Findings consistent with right lower lobe ").m("pneumonia", DISORDER, false).t(".").nl();
        } else {
            b.t("1. No acute abnormality.").nl();
        }
        b.nl().t("Findings discussed with ");
        drRef(b, v.attending());
        b.t(" at " + Dates.time(written) + " on ");
        date(b, written.toLocalDate(), PhiType.DATE);
        b.t(".").nl().t("Electronically signed: ");
        clinicianWithDegree(b, people.doctor());
        b.nl();
    }

    // ---------------------------------------------------------------------------------------------- sections

    private void identifiersLine(NoteBuilder b, Patient p, Visit v) {
        if (chance(0.35)) {
            b.t("Acct: ").phi(PhiType.ACCOUNT_NUMBER, v.accountNumber()).t("   Visit: ")
                    .phi(PhiType.VISIT_NUMBER, v.visitNumber()).nl();
        }
        if (chance(0.2)) {
            b.t("SSN: ").phi(PhiType.SSN, p.ssn()).nl();
        }
    }

    private void pastHistory(NoteBuilder b, Patient p, LocalDate today) {
        b.t("PAST MEDICAL HISTORY:").nl();
        int n = 1;
        for (ClinicalTerms.Problem problem : p.clinical().problems()) {
            b.t(n++ + ". ").m(problem.term(), DISORDER, false).nl();
        }
        if (!p.clinical().pastProcedures().isEmpty()) {
            b.nl().t("PAST SURGICAL HISTORY:").nl();
            for (String procedure : p.clinical().pastProcedures()) {
                if (chance(0.5)) {
                    b.t("- ").m(procedure, PROCEDURE, false).t(" on ");
                    date(b, pastDate(p, today), PhiType.DATE);
                    b.nl();
                } else {
                    b.t("- s/p ").m(procedure, PROCEDURE, false).nl();
                }
            }
        }
        b.nl();
    }

    private void medications(NoteBuilder b, Patient p, String heading) {
        b.t(heading).nl();
        int n = 1;
        for (ClinicalTerms.Drug drug : drugs(p)) {
            b.t(n++ + ". ").m(drug.name(), MEDICATION, false).t(" " + drug.dose() + " " + drug.sig()).nl();
        }
        b.nl();
    }

    private void familyHistory(NoteBuilder b, Patient p, String heading) {
        b.t(heading).nl();
        People.Relative rel = p.relative();
        boolean named = false;
        for (FamilyHistory item : p.clinical().family()) {
            if (item.negative()) {
                b.t("No family history of ").mention(item.disorder(), DISORDER, true, FAMILY_MEMBER).t(".");
            } else if (item.relation().equals(rel.relation()) && !named) {
                named = true;
                b.t(cap(p.his()) + " " + item.relation().word() + ", ");
                b.phi(PhiType.RELATIVE_NAME, rel.name().full()).t(", was diagnosed with ");
                b.mention(item.disorder(), DISORDER, false, FAMILY_MEMBER);
                b.t(item.age() > 0 ? " at age " + item.age() + "." : ".");
            } else if (chance(0.5)) {
                b.t(cap(item.relation().word()) + " had ").mention(item.disorder(), DISORDER, false, FAMILY_MEMBER)
                        .t(item.age() > 0 ? " in " + (item.relation().sex() == 'F' ? "her" : "his") + " "
                                + (item.age() / 10 * 10) + "s." : ".");
            } else {
                b.t(cap(item.relation().word()) + " with ").mention(item.disorder(), DISORDER, false, FAMILY_MEMBER)
                        .t(".");
            }
            b.t(" ");
        }
        b.nl().nl();
    }

    private void social(NoteBuilder b, Patient p, LocalDate today) {
        People.Relative rel = p.relative();
        b.t("SOCIAL HISTORY:").nl();
        b.t("Lives at ");
        address(b, p.address());
        b.t(" with " + p.his() + " " + rel.relation().word() + ", ");
        b.phi(PhiType.RELATIVE_NAME, rel.name().full()).t(p.age(today) >= 18 ? ". Never smoker. Drinks alcohol socially."
                : ". Attends school; no tobacco exposure at home.").nl();
        b.t("Emergency contact: ").phi(PhiType.RELATIVE_NAME, rel.name().full())
                .t(" (" + rel.relation().word() + "), ");
        phone(b, rel.phone());
        b.t(".").nl().nl();
    }

    private void exam(NoteBuilder b, Patient p) {
        b.t("PHYSICAL EXAM:").nl();
        int systolic = 104 + random.nextInt(50);
        int diastolic = 62 + random.nextInt(30);
        b.t("Vitals: BP " + systolic + "/" + diastolic + " | HR " + (58 + random.nextInt(45)) + " | T "
                + Numbers.format(Numbers.between(random, 36.2, 38.4, 1), 1) + " C | SpO2 " + (91 + random.nextInt(9))
                + "% on room air | BMI " + Numbers.format(Numbers.between(random, 19, 38, 1), 1) + " kg/m^2").nl();
        b.t("HEENT: normocephalic; ears, nose & throat clear.").nl();
        List<String> acuteSymptoms = p.clinical().acute().symptoms();
        if (acuteSymptoms.contains("wheezing")) {
            b.t("Lungs: scattered expiratory ").m("wheezing", SIGN_SYMPTOM, false).t(" bilaterally.").nl();
        } else {
            b.t("Lungs: clear to auscultation bilaterally, no ").m("wheezing", SIGN_SYMPTOM, true).t(".").nl();
        }
        if (acuteSymptoms.contains("leg swelling")) {
            b.t("Extremities: 2+ pitting ").m("edema", SIGN_SYMPTOM, false).t(" of both legs.").nl();
        } else {
            b.t("Extremities: no ").m("edema", SIGN_SYMPTOM, true).t(".").nl();
        }
        b.nl();
    }

    private void plan(NoteBuilder b, Patient p, Clinician doc) {
        ClinicalTerms.Acute acute = p.clinical().acute();
        b.t("1. ").m(acute.term(), DISORDER, false).t(": ").t(acute.plan());
        if (acute.drug() != null) {
            b.t(" Start ").m(acute.drug().name(), MEDICATION, false)
                    .t(" " + acute.drug().dose() + " " + acute.drug().sig()).t(".");
        }
        b.t(" Plan for ").m(acute.procedure(), PROCEDURE, false).t(".").nl();
        int n = 2;
        for (ClinicalTerms.Problem problem : p.clinical().problems()) {
            b.t(n++ + ". ").m(problem.term(), DISORDER, false).t(": ");
            if (problem.drug() != null) {
                b.t("continue ").m(problem.drug().name(), MEDICATION, false).t(".").nl();
            } else {
                b.t("monitor.").nl();
            }
        }
        b.t("Follow up in ~" + (2 + random.nextInt(5)) + " weeks with ");
        drRef(b, chance(0.5) ? doc : p.pcp());
        b.t(" or sooner if symptoms worsen.").nl();
    }

    private void contactPreference(NoteBuilder b, Patient p) {
        double roll = random.nextDouble();
        if (roll < 0.3) {
            b.t("Prefers contact by e-mail at ").phi(PhiType.EMAIL, p.email()).t(".").nl();
        } else if (roll < 0.4) {
            b.t("Results released to the patient portal: ").phi(PhiType.URL, p.portalUrl()).nl();
        } else if (roll < 0.7) {
            b.t("Best number: ");
            phone(b, p.mobile());
            b.t(" (cell).").nl();
        }
    }

    private void relativeSentence(NoteBuilder b, Patient p) {
        People.Relative rel = p.relative();
        if (random.nextBoolean()) {
            b.t(cap(p.his()) + " " + rel.relation().word() + ", ");
            b.phi(PhiType.RELATIVE_NAME, rel.name().full()).t(", will drive " + (p.female() ? "her" : "him")
                    + " home and can be reached at ");
            phone(b, rel.phone());
            b.t(".");
        } else {
            b.t("Discharge instructions reviewed with ").phi(PhiType.RELATIVE_NAME, rel.name().full())
                    .t(" (" + rel.relation().word() + "), phone ");
            phone(b, rel.phone());
            b.t(".");
        }
    }

    private void signature(NoteBuilder b, Clinician doc, LocalDateTime written) {
        b.t("Electronically signed by ").phi(PhiType.CLINICIAN_NAME, doc.name().full()).t(", " + doc.degree()
                + " on ");
        date(b, written.toLocalDate(), PhiType.DATE);
        b.t(" at " + Dates.time(written) + ".").nl();
    }

    private void presenting(NoteBuilder b, Patient p) {
        List<String> symptoms = p.clinical().acute().symptoms();
        b.m(symptoms.get(0), SIGN_SYMPTOM, false).t(" for " + (1 + random.nextInt(6)) + " days");
        if (random.nextBoolean()) {
            b.t(", associated with ").m(symptoms.get(1), SIGN_SYMPTOM, false);
        }
    }

    private void denials(NoteBuilder b, Patient p) {
        List<String> neg = p.clinical().negatives();
        b.t(cap(p.he()) + " denies ");
        b.negatedList(neg.subList(0, 3), "or", SIGN_SYMPTOM).t(". No ").m(neg.get(3), SIGN_SYMPTOM, true).t(".");
    }

    private void problemList(NoteBuilder b, Patient p, int max) {
        List<ClinicalTerms.Problem> problems = p.clinical().problems();
        int count = Math.min(max, problems.size());
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                b.t(i == count - 1 ? (count > 2 ? ", and " : " and ") : ", ");
            }
            b.m(problems.get(i).term(), DISORDER, false);
        }
    }

    // ------------------------------------------------------------------------------------------------ PHI

    private void patientFull(NoteBuilder b, Patient p) {
        People.PersonName name = p.name();
        String full = name.middle() != null && chance(0.5)
                ? name.given() + " " + name.middle().charAt(0) + ". " + name.family() : name.full();
        b.phi(PhiType.PATIENT_NAME, full);
    }

    private void patientRef(NoteBuilder b, Patient p) {
        double roll = random.nextDouble();
        if (roll < 0.4) {
            b.t(p.honorific() + " ").phi(PhiType.PATIENT_NAME, p.name().family());
        } else if (roll < 0.7) {
            b.phi(PhiType.PATIENT_NAME, p.name().full());
        } else {
            b.phi(PhiType.PATIENT_NAME, p.name().given());
        }
    }

    private void drRef(NoteBuilder b, Clinician c) {
        if (!c.doctor()) {
            b.phi(PhiType.CLINICIAN_NAME, c.name().full()).t(", " + c.degree());
        } else if (random.nextBoolean()) {
            b.t("Dr. ").phi(PhiType.CLINICIAN_NAME, c.name().family());
        } else {
            b.t("Dr. ").phi(PhiType.CLINICIAN_NAME, c.name().full());
        }
    }

    private void clinicianWithDegree(NoteBuilder b, Clinician c) {
        b.phi(PhiType.CLINICIAN_NAME, c.name().full()).t(", " + c.degree());
    }

    private void date(NoteBuilder b, LocalDate date, PhiType type) {
        b.phi(type, Dates.format(date, Dates.anyFormat(random)));
    }

    private void phone(NoteBuilder b, Phone phone) {
        int style = random.nextInt(4);
        b.phi(PhiType.PHONE, switch (style) {
            case 0, 1 -> phone.paren();
            case 2 -> phone.dashed();
            default -> phone.dotted();
        });
    }

    private void address(NoteBuilder b, PostalAddress address) {
        b.phi(PhiType.STREET_ADDRESS, address.street());
        if (address.secondary() != null) {
            b.t(", ").phi(PhiType.STREET_ADDRESS, address.secondary());
        }
        b.t(", ").phi(PhiType.CITY, address.city()).t(", " + address.state() + " ").phi(PhiType.ZIP, address.zip());
    }

    // --------------------------------------------------------------------------------------------- helpers

    /** A day between the patient's 18th birthday (or birth, for children) and a month before {@code today}. */
    private LocalDate pastDate(Patient p, LocalDate today) {
        LocalDate from = p.birthDate().plusYears(Math.min(18, p.age(today)));
        long days = java.time.temporal.ChronoUnit.DAYS.between(from, today.minusDays(30));
        return days <= 0 ? from : from.plusDays((long) (random.nextDouble() * days));
    }

    private List<ClinicalTerms.Drug> drugs(Patient p) {
        List<ClinicalTerms.Drug> drugs = new ArrayList<>();
        for (ClinicalTerms.Problem problem : p.clinical().problems()) {
            if (problem.drug() != null && !drugs.contains(problem.drug())) {
                drugs.add(problem.drug());
            }
        }
        if (drugs.isEmpty()) {
            drugs.add(ClinicalTerms.ACETAMINOPHEN);
        }
        return drugs;
    }

    private String pick(String... options) {
        return options[random.nextInt(options.length)];
    }

    private boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    static String cap(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
