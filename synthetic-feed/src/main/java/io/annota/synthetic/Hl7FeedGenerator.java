package io.annota.synthetic;

import io.annota.synthetic.People.Clinician;
import io.annota.synthetic.People.Patient;
import io.annota.synthetic.People.Phone;
import io.annota.synthetic.People.PostalAddress;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A realistic HL7 v2 feed: patients arrive, their stories (registration or admission, updates, results, notes,
 * merges, discharge) interleave in time. Each patient comes from one sending system with its version and quirks,
 * and keeps the same MRN in every message.
 */
final class Hl7FeedGenerator {

    static final List<String> VERSIONS = List.of("2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7", "2.8");

    /** A sending system: version, line end and other habits. */
    record Sender(String application, String facility, String version, String lineEnd, boolean bom, boolean latin1,
            boolean zSegments, boolean repetitions, boolean emptyFields, boolean triggerStructure, String offset,
            boolean noteAsRepetitions) {

        boolean atLeast(String other) {
            return compareVersions(version, other) >= 0;
        }
    }

    /** One patient visit and the messages still to send about it. */
    private static final class Story {
        final Patient patient;
        final Sender sender;
        final Deque<String> events = new ArrayDeque<>();
        final char patientClass;
        Visit visit;
        String priorMrn;
        String priorAccount;

        Story(Patient patient, Sender sender, char patientClass) {
            this.patient = patient;
            this.sender = sender;
            this.patientClass = patientClass;
        }
    }

    private final People people;
    private final Random random;
    private final NoteGenerator notes;
    private final List<Sender> senders;
    private final boolean adtOnly;
    private final List<Story> active = new ArrayList<>();
    private final List<Story> finished = new ArrayList<>();
    private LocalDateTime clock;
    private int controlCounter;

    Hl7FeedGenerator(People people, boolean adtOnly) {
        this.people = people;
        this.random = people.random();
        this.notes = new NoteGenerator(people);
        this.adtOnly = adtOnly;
        this.clock = Dates.EPOCH.plusDays(random.nextInt(365)).plusMinutes(random.nextInt(600));
        this.controlCounter = 1000 + random.nextInt(9000);
        this.senders = senders();
    }

    /** The next {@code count} messages of the feed. */
    List<GeneratedHl7> next(int count) {
        List<GeneratedHl7> out = new ArrayList<>(count);
        while (out.size() < count) {
            if (active.isEmpty() || (active.size() < 5 && random.nextDouble() < 0.3)) {
                active.add(newStory());
            }
            Story story = active.get(random.nextInt(active.size()));
            clock = clock.plusMinutes(1 + random.nextInt(45)).plusSeconds(random.nextInt(60));
            out.add(render(story, story.events.poll()));
            if (story.events.isEmpty()) {
                active.remove(story);
                finished.add(story);
            }
        }
        return out;
    }

    // --------------------------------------------------------------------------------------------- stories

    private List<Sender> senders() {
        List<String> versions = new ArrayList<>(VERSIONS);
        Collections.shuffle(versions, random);
        String[] applications = {"ADT", "REG", "HIS", "PAS", "EHR", "LIS", "CIS", "HUB"};
        String[] lineEnds = {"\r", "\n", "\r\n", "\r", "\r", "\n", "\r", "\r\n"};
        String[] offsets = {null, "-0500", null, "-0600", "+0000", null, "-0800", "-0500"};
        List<Sender> out = new ArrayList<>();
        for (int i = 0; i < versions.size(); i++) {
            String version = versions.get(i);
            String facility = people.faker().letterify("???", true) + (i % 2 == 0 ? "H" : "MC");
            boolean latin1 = i == 0 || i == 5;
            boolean bom = !latin1 && (i == 2 || i == 6);
            String offset = compareVersions(version, "2.4") >= 0 ? offsets[i] : null;
            out.add(new Sender(applications[i], facility, version, lineEnds[i], bom, latin1, i % 3 == 0,
                    i % 2 == 1 || i == 4, i == 0 || i == 3 || i == 7, i == 3 || i == 6, offset, i == 2 || i == 7));
        }
        return out;
    }

    private Story newStory() {
        if (!finished.isEmpty() && random.nextDouble() < 0.15) {
            Story previous = finished.get(random.nextInt(finished.size()));
            Story story = new Story(previous.patient, previous.sender, patientClass());
            plan(story, false);
            return story;
        }
        Sender sender = senders.get(random.nextInt(senders.size()));
        boolean accented = sender.latin1() ? random.nextDouble() < 0.7 : random.nextDouble() < 0.08;
        Patient patient = people.patient(clock.toLocalDate(), accented);
        Story story = new Story(patient, sender, patientClass());
        plan(story, !adtOnly && random.nextDouble() < 0.12);
        return story;
    }

    private char patientClass() {
        double roll = random.nextDouble();
        return roll < 0.4 ? 'I' : roll < 0.55 ? 'E' : 'O';
    }

    private void plan(Story story, boolean merge) {
        Deque<String> e = story.events;
        if (adtOnly) {
            e.add(story.patientClass == 'I' ? "A01" : "A04");
            int updates = random.nextInt(story.patientClass == 'I' ? 3 : 2);
            for (int i = 0; i < updates; i++) {
                e.add("A08");
            }
            return;
        }
        switch (story.patientClass) {
            case 'I' -> {
                e.add("A01");
                maybe(e, "A08", 0.5);
                e.add("ORU");
                maybe(e, "ORU", 0.4);
                e.add("MDM:PROGRESS");
                maybe(e, "A08", 0.2);
                e.add("MDM:DISCHARGE");
                e.add("A03");
            }
            case 'E' -> {
                e.add("A04");
                e.add("ORU");
                e.add("MDM:CONSULT");
                maybe(e, "A03", 0.6);
            }
            default -> {
                e.add("A04");
                maybe(e, "A08", 0.3);
                maybe(e, "ORU", 0.6);
                e.add(random.nextBoolean() ? "MDM:PROGRESS" : "MDM:TELEPHONE");
            }
        }
        if (merge) {
            story.priorMrn = people.identifier(8);
            story.priorAccount = people.identifier(10);
            List<String> list = new ArrayList<>(e);
            list.add(1 + random.nextInt(list.size() - 1), "A40");
            e.clear();
            e.addAll(list);
        }
    }

    private void maybe(Deque<String> events, String event, double probability) {
        if (random.nextDouble() < probability) {
            events.add(event);
        }
    }

    // ------------------------------------------------------------------------------------------- rendering

    private GeneratedHl7 render(Story story, String event) {
        if (story.visit == null) {
            story.visit = new Visit(people.identifier(9), people.identifier(10), story.patientClass, clock, null,
                    people.doctor(), people.clinician(), location(story.patientClass));
        }
        if (event.equals("A03")) {
            story.visit = story.visit.discharged(clock);
        }
        Sender sender = story.sender;
        Er7Builder er7 = new Er7Builder();
        Set<String> quirks = new TreeSet<>();
        String type;
        String trigger;
        if (event.startsWith("MDM")) {
            type = "MDM";
            trigger = "T02";
        } else if (event.equals("ORU")) {
            type = "ORU";
            trigger = "R01";
        } else {
            type = "ADT";
            trigger = event;
        }
        String controlId = sender.application() + (++controlCounter);
        boolean nonAscii = msh(er7, sender, story, type, trigger, controlId, quirks);
        switch (type) {
            case "ADT" -> adt(er7, story, trigger);
            case "ORU" -> oru(er7, story);
            default -> mdm(er7, story, NoteGenerator.Style.valueOf(event.substring(4)));
        }
        if (sender.zSegments() && !trigger.equals("A40")) {
            zSegments(er7, story);
            quirks.add(Quirks.Z_SEGMENT);
        }
        String text = er7.encode(sender.lineEnd());
        if (er7.escaped()) {
            quirks.add(Quirks.ESCAPE_SEQUENCES);
        }
        if (er7.repeated()) {
            quirks.add(Quirks.REPETITIONS);
        }
        if (er7.nulls()) {
            quirks.add(Quirks.EMPTY_FIELDS);
        }
        if (sender.lineEnd().equals("\n")) {
            quirks.add(Quirks.LF);
        } else if (sender.lineEnd().equals("\r\n")) {
            quirks.add(Quirks.CRLF);
        }
        Charset charset = sender.latin1() ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8;
        if (sender.latin1()) {
            quirks.add(Quirks.ISO_8859_1);
        } else if (nonAscii) {
            quirks.add(Quirks.UTF_8);
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() + 3);
        if (sender.bom()) {
            bytes.write(0xEF);
            bytes.write(0xBB);
            bytes.write(0xBF);
            quirks.add(Quirks.BOM);
        }
        bytes.writeBytes(text.getBytes(charset));
        return new GeneratedHl7(type + "^" + trigger, sender.version(), controlId, bytes.toByteArray(), charset,
                quirks, er7.phi());
    }

    /** MSH and EVN; returns whether the message will hold non-ASCII text. */
    private boolean msh(Er7Builder er7, Sender sender, Story story, String type, String trigger, String controlId,
            Set<String> quirks) {
        boolean nonAscii = story.patient.accented();
        Er7Builder.Segment msh = er7.segment("MSH");
        msh.put(3, sender.application()).put(4, sender.facility()).put(5, "ANNOTA").put(6, "ANNOTA")
                .put(7, ts(sender, clock)).put(9, 1, 1, type).put(9, 1, 2, trigger);
        if (sender.atLeast("2.3.1")) {
            String structure = structure(type, trigger);
            if (sender.triggerStructure() && (trigger.equals("A04") || trigger.equals("A08"))) {
                structure = "ADT_" + trigger;
                quirks.add(Quirks.TRIGGER_STRUCTURE);
            }
            msh.put(9, 1, 3, structure);
        }
        msh.put(10, controlId).put(11, "P").put(12, sender.version());
        if (sender.atLeast("2.4")) {
            msh.put(15, "AL").put(16, "NE");
        }
        if (sender.latin1()) {
            msh.put(18, "8859/1");
        } else if (nonAscii && sender.atLeast("2.5")) {
            msh.put(18, "UNICODE UTF-8");
        }
        if (!type.equals("ORU")) {
            Er7Builder.Segment evn = er7.segment("EVN");
            evn.put(1, sender.atLeast("2.7") ? null : trigger).put(2, ts(sender, clock));
        }
        return nonAscii;
    }

    private static String structure(String type, String trigger) {
        return switch (type + "^" + trigger) {
            case "ADT^A01", "ADT^A04", "ADT^A08" -> "ADT_A01";
            case "ADT^A03" -> "ADT_A03";
            case "ADT^A40" -> "ADT_A39";
            case "ORU^R01" -> "ORU_R01";
            default -> "MDM_T02";
        };
    }

    private void adt(Er7Builder er7, Story story, String trigger) {
        pid(er7, story);
        if (trigger.equals("A40")) {
            Er7Builder.Segment mrg = er7.segment("MRG");
            mrg.phi(1, 1, 1, PhiType.MRN, story.priorMrn).put(1, 1, 4, story.sender.facility()).put(1, 1, 5, "MR");
            mrg.phi(3, 1, 1, PhiType.ACCOUNT_NUMBER, story.priorAccount).put(3, 1, 4, story.sender.facility())
                    .put(3, 1, 5, "AN");
            if (story.sender.atLeast("2.3.1") && random.nextBoolean()) {
                mrg.phi(7, 1, 1, PhiType.PATIENT_NAME, story.patient.name().family())
                        .phi(7, 1, 2, PhiType.PATIENT_NAME, story.patient.name().given());
            }
            return;
        }
        if (!trigger.equals("A03")) {
            nk1(er7, story);
        }
        pv1(er7, story, trigger);
    }

    private void pid(Er7Builder er7, Story story) {
        Patient p = story.patient;
        Sender s = story.sender;
        Er7Builder.Segment pid = er7.segment("PID");
        pid.put(1, "1");
        int rep = 1;
        pid.phi(3, rep, 1, PhiType.MRN, p.mrn()).put(3, rep, 4, s.facility()).put(3, rep, 5, "MR");
        if (s.repetitions()) {
            rep++;
            pid.phi(3, rep, 1, PhiType.MRN, p.enterpriseId()).put(3, rep, 4, "EMPI").put(3, rep, 5, "PI");
        }
        if (s.atLeast("2.7")) {
            rep++;
            pid.phi(3, rep, 1, PhiType.SSN, p.ssn()).put(3, rep, 4, "SSA").put(3, rep, 5, "SS");
        }
        pid.phi(5, 1, 1, PhiType.PATIENT_NAME, p.name().family()).phi(5, 1, 2, PhiType.PATIENT_NAME, p.name().given());
        if (p.name().middle() != null) {
            pid.phi(5, 1, 3, PhiType.PATIENT_NAME, p.name().middle());
        }
        pid.put(5, 1, 7, "L");
        if (p.mothersMaidenName() != null) {
            pid.phi(6, 1, 1, PhiType.RELATIVE_NAME, p.mothersMaidenName());
        } else if (s.emptyFields()) {
            pid.put(6, "\"\"");
        }
        pid.phi(7, PhiType.BIRTH_DATE, Dates.hl7Date(p.birthDate()));
        pid.put(8, String.valueOf(p.sex()));
        address(pid, 11, p.address(), "H");
        rep = 1;
        phone(pid, 13, rep, p.home(), "PRN", "PH", s);
        if (s.repetitions()) {
            phone(pid, 13, ++rep, p.mobile(), "PRN", "CP", s);
            rep++;
            pid.put(13, rep, 2, "NET").put(13, rep, 3, "Internet").phi(13, rep, 4, PhiType.EMAIL, p.email());
        }
        if (p.work() != null) {
            phone(pid, 14, 1, p.work(), "WPN", "PH", s);
        }
        pid.put(16, s.emptyFields() ? "\"\"" : p.maritalStatus());
        Visit v = story.visit;
        pid.phi(18, 1, 1, PhiType.ACCOUNT_NUMBER, v.accountNumber()).put(18, 1, 4, s.facility()).put(18, 1, 5, "AN");
        if (!s.atLeast("2.7")) {
            // some systems send the SSN with dashes, others as nine digits (a habit of the sender)
            String ssn = s.application().compareTo("H") < 0 ? p.ssn() : p.ssn().replace("-", "");
            pid.phi(19, PhiType.SSN, ssn);
        }
        if (s.emptyFields()) {
            pid.padTo(30);
        }
    }

    private void nk1(Er7Builder er7, Story story) {
        People.Relative rel = story.patient.relative();
        Er7Builder.Segment nk1 = er7.segment("NK1");
        nk1.put(1, String.valueOf(er7.count("NK1")));
        nk1.phi(2, 1, 1, PhiType.RELATIVE_NAME, rel.name().family())
                .phi(2, 1, 2, PhiType.RELATIVE_NAME, rel.name().given());
        nk1.put(3, 1, 1, rel.relation().hl7Code()).put(3, 1, 2, rel.relation().hl7Text()).put(3, 1, 3, "HL70063");
        address(nk1, 4, rel.address(), "H");
        phone(nk1, 5, 1, rel.phone(), "PRN", "PH", story.sender);
        nk1.put(7, 1, 1, "EC").put(7, 1, 2, "Emergency Contact").put(7, 1, 3, "HL70131");
    }

    private void pv1(Er7Builder er7, Story story, String trigger) {
        Visit v = story.visit;
        Sender s = story.sender;
        Er7Builder.Segment pv1 = er7.segment("PV1");
        pv1.put(1, "1").put(2, String.valueOf(v.patientClass()));
        String[] location = v.location().split(",");
        pv1.put(3, 1, 1, location[0]).put(3, 1, 2, location[1]).put(3, 1, 3, location[2]).put(3, 1, 4, s.facility());
        xcn(pv1, 7, v.attending());
        xcn(pv1, 8, v.referring());
        pv1.put(10, v.patientClass() == 'E' ? "EM" : "MED");
        if (v.patientClass() == 'I') {
            xcn(pv1, 17, v.attending());
        }
        pv1.phi(19, 1, 1, PhiType.VISIT_NUMBER, v.visitNumber()).put(19, 1, 4, s.facility()).put(19, 1, 5, "VN");
        if (trigger.equals("A03")) {
            pv1.put(36, "01");
        }
        pv1.phi(44, PhiType.DATE, ts(s, v.admit()));
        if (v.discharge() != null) {
            pv1.phi(45, PhiType.DATE, ts(s, v.discharge()));
        } else if (s.emptyFields()) {
            pv1.put(45, "\"\"");
        }
    }

    private void oru(Er7Builder er7, Story story) {
        Sender s = story.sender;
        Visit v = story.visit;
        pid(er7, story);
        pv1(er7, story, "R01");
        Clinician orderer = random.nextBoolean() ? v.attending() : people.doctor();
        LocalDateTime collected = clock.minusMinutes(30 + random.nextInt(300));
        List<ClinicalTerms.Panel> panels = people.sample(ClinicalTerms.PANELS, 1 + random.nextInt(2));
        int obx = 0;
        for (ClinicalTerms.Panel panel : panels) {
            String placer = people.identifier(8);
            if (s.atLeast("2.4")) {
                Er7Builder.Segment orc = er7.segment("ORC");
                orc.put(1, "RE").put(2, placer).put(3, placer + "-1");
                xcn(orc, 12, orderer);
            }
            Er7Builder.Segment obr = er7.segment("OBR");
            obr.put(1, String.valueOf(er7.count("OBR"))).put(2, placer).put(3, placer + "-1");
            obr.put(4, 1, 1, panel.loinc()).put(4, 1, 2, panel.name()).put(4, 1, 3, "LN");
            obr.phi(7, PhiType.DATE, ts(s, collected));
            xcn(obr, 16, orderer);
            obr.phi(22, PhiType.DATE, ts(s, clock));
            obr.put(25, "F");
            if (random.nextDouble() < 0.35) {
                callNote(er7, story);
            }
            for (ClinicalTerms.Lab lab : panel.labs()) {
                Er7Builder.Segment seg = er7.segment("OBX");
                seg.put(1, String.valueOf(++obx)).put(2, "NM");
                seg.put(3, 1, 1, lab.loinc()).put(3, 1, 2, lab.name()).put(3, 1, 3, "LN");
                double spread = (lab.high() - lab.low()) * 0.25;
                double value = Numbers.between(random, Math.max(0, lab.low() - spread), lab.high() + spread,
                        lab.decimals());
                seg.put(5, Numbers.format(value, lab.decimals()));
                seg.put(6, 1, 1, lab.unit()).put(6, 1, 3, "UCUM");
                seg.put(7, lab.range());
                seg.put(8, value > lab.high() ? "H" : value < lab.low() ? "L" : "N");
                seg.put(11, "F");
                seg.phi(14, PhiType.DATE, ts(s, collected));
            }
        }
        if (random.nextDouble() < 0.6) {
            ClinicalTerms.TextResult result = Numbers.pick(random, ClinicalTerms.TEXT_RESULTS);
            String placer = people.identifier(8);
            Er7Builder.Segment obr = er7.segment("OBR");
            obr.put(1, String.valueOf(er7.count("OBR"))).put(2, placer).put(3, placer + "-1");
            obr.put(4, 1, 1, result.loinc()).put(4, 1, 2, result.name()).put(4, 1, 3, "LN");
            obr.phi(7, PhiType.DATE, ts(s, collected));
            xcn(obr, 16, orderer);
            obr.put(25, "F");
            Er7Builder.Segment seg = er7.segment("OBX");
            seg.put(1, String.valueOf(++obx)).put(2, result.type());
            seg.put(3, 1, 1, result.loinc()).put(3, 1, 2, result.name()).put(3, 1, 3, "LN");
            seg.put(5, Numbers.pick(random, result.values())).put(11, "F");
            if (random.nextBoolean()) {
                Er7Builder.Segment nte = er7.segment("NTE");
                nte.put(1, "1").put(2, "L").put(3, Numbers.pick(random, List.of(
                        "Specimen received > 2 hours after collection; interpret with caution.",
                        "Result verified by repeat analysis & reviewed by the pathologist.",
                        "Reference ranges updated; see lab handbook | section 4.")));
            }
        }
    }

    /** An NTE that records a phoned result: nurse and physician names and a date in free text. */
    private void callNote(Er7Builder er7, Story story) {
        NoteBuilder b = new NoteBuilder();
        Clinician doc = story.visit.attending();
        b.t("Critical value called to Dr. ").phi(PhiType.CLINICIAN_NAME, doc.name().family()).t(" on ")
                .phi(PhiType.DATE, Dates.format(clock.toLocalDate(), Dates.anyFormat(random)))
                .t(" at " + Dates.time(clock) + "; read back by ")
                .phi(PhiType.CLINICIAN_NAME, people.nurse().full()).t(", RN.");
        SyntheticNote note = b.build();
        Er7Builder.Segment nte = er7.segment("NTE");
        nte.put(1, "1").put(2, "L").text(3, 1, note.text(), note.phi());
    }

    private void mdm(Er7Builder er7, Story story, NoteGenerator.Style style) {
        Sender s = story.sender;
        Visit v = story.visit;
        pid(er7, story);
        pv1(er7, story, "T02");
        SyntheticNote note = notes.write(story.patient, v, clock, style);
        String[] doc = switch (style) {
            case DISCHARGE -> new String[] {"DS", "Discharge summary", "18842-5", "Discharge summary"};
            case CONSULT -> new String[] {"CN", "Consultation", "11488-4", "Consult note"};
            case TELEPHONE -> new String[] {"PR", "Progress note", "34748-4", "Telephone encounter Note"};
            default -> new String[] {"PR", "Progress note", "11506-3", "Progress note"};
        };
        Er7Builder.Segment txa = er7.segment("TXA");
        txa.put(1, "1").put(2, 1, 1, doc[0]);
        if (s.atLeast("2.7")) {
            txa.put(2, 1, 2, doc[1]).put(2, 1, 3, "HL70270");
        }
        txa.put(3, "TX");
        txa.phi(4, PhiType.DATE, ts(s, clock));
        xcn(txa, 5, v.attending());
        txa.phi(6, PhiType.DATE, ts(s, clock.minusMinutes(5 + random.nextInt(120))));
        xcn(txa, 9, v.attending());
        txa.put(12, 1, 1, people.identifier(9)).put(12, 1, 2, s.facility());
        txa.put(17, "AU").put(19, "AV");

        String[] lines = note.text().split("\n", -1);
        int first = er7.count("OBX") + 1;
        if (s.noteAsRepetitions()) {
            Er7Builder.Segment obx = er7.segment("OBX");
            obx.put(1, "1").put(2, "TX").put(3, 1, 1, doc[2]).put(3, 1, 2, doc[3]).put(3, 1, 3, "LN").put(4, "1");
            for (int i = 0; i < lines.length; i++) {
                obx.put(5, i + 1, 1, lines[i]);
            }
            obx.put(11, "F");
        } else {
            for (int i = 0; i < lines.length; i++) {
                Er7Builder.Segment obx = er7.segment("OBX");
                obx.put(1, String.valueOf(i + 1)).put(2, "TX").put(3, 1, 1, doc[2]).put(3, 1, 2, doc[3])
                        .put(3, 1, 3, "LN").put(4, "1").put(5, lines[i]).put(11, "F");
            }
        }
        String path = Hl7Path.noteRange(first, er7.count("OBX"));
        for (PhiSpan span : note.phi()) {
            er7.addPhi(span.relocate(path, 0));
        }
    }

    private void zSegments(Er7Builder er7, Story story) {
        Patient p = story.patient;
        People.Relative rel = p.relative();
        NoteBuilder b = new NoteBuilder();
        b.t("Call " + rel.relation().word() + " ").phi(PhiType.RELATIVE_NAME, rel.name().full()).t(" at ")
                .phi(PhiType.PHONE, rel.phone().dashed()).t(" & leave message | no texts");
        SyntheticNote contact = b.build();
        Er7Builder.Segment zpd = er7.segment("ZPD");
        zpd.put(1, "1").phi(2, PhiType.EMAIL, p.email()).put(3, p.accented() ? "es" : "en")
                .text(4, 1, contact.text(), contact.phi());
        Er7Builder.Segment zvi = er7.segment("ZVI");
        zvi.put(1, "1").phi(2, PhiType.VISIT_NUMBER, story.visit.visitNumber())
                .phi(3, PhiType.CLINICIAN_NAME, story.visit.attending().name().full());
    }

    // ---------------------------------------------------------------------------------------------- fields

    private void address(Er7Builder.Segment segment, int field, PostalAddress address, String type) {
        segment.phi(field, 1, 1, PhiType.STREET_ADDRESS, address.street());
        if (address.secondary() != null) {
            segment.phi(field, 1, 2, PhiType.STREET_ADDRESS, address.secondary());
        }
        segment.phi(field, 1, 3, PhiType.CITY, address.city()).put(field, 1, 4, address.state())
                .phi(field, 1, 5, PhiType.ZIP, address.zip()).put(field, 1, 6, "USA").put(field, 1, 7, type);
    }

    /** XTN: formatted number in XTN-1 up to v2.6, country/area/local components (5, 6, 7) from v2.7 on. */
    private static void phone(Er7Builder.Segment segment, int field, int rep, Phone phone, String use,
            String equipment, Sender sender) {
        if (sender.atLeast("2.7")) {
            segment.put(field, rep, 2, use).put(field, rep, 3, equipment).put(field, rep, 5, "1")
                    .phi(field, rep, 6, PhiType.PHONE, phone.area())
                    .phi(field, rep, 7, PhiType.PHONE, phone.local());
        } else {
            segment.phi(field, rep, 1, PhiType.PHONE, phone.hl7()).put(field, rep, 2, use)
                    .put(field, rep, 3, equipment);
        }
    }

    /** XCN: id^family^given^^^prefix^degree. */
    private static void xcn(Er7Builder.Segment segment, int field, Clinician clinician) {
        segment.put(field, 1, 1, clinician.npi())
                .phi(field, 1, 2, PhiType.CLINICIAN_NAME, clinician.name().family())
                .phi(field, 1, 3, PhiType.CLINICIAN_NAME, clinician.name().given());
        if (clinician.doctor()) {
            segment.put(field, 1, 6, "Dr");
        }
        segment.put(field, 1, 7, clinician.degree());
    }

    private String location(char patientClass) {
        return switch (patientClass) {
            case 'I' -> Numbers.pick(random, List.of("MED", "SURG", "ICU", "TELE")) + "," + (100 + random.nextInt(400))
                    + "," + (char) ('A' + random.nextInt(2));
            case 'E' -> "ED," + (1 + random.nextInt(30)) + ",1";
            default -> "CLINIC," + (1 + random.nextInt(12)) + ",1";
        };
    }

    /** HL7 TS: minutes only in v2.3/2.3.1, seconds and the sender's offset (if any) from v2.4 on. */
    private static String ts(Sender sender, LocalDateTime time) {
        boolean modern = sender.atLeast("2.4");
        return Dates.hl7Time(time, modern, modern ? sender.offset() : null);
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int xi = i < x.length ? Integer.parseInt(x[i]) : 0;
            int yi = i < y.length ? Integer.parseInt(y[i]) : 0;
            if (xi != yi) {
                return Integer.compare(xi, yi);
            }
        }
        return 0;
    }
}
