package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.annota.server.nlp.AnnotationQueue;
import io.annota.server.support.MllpClient;
import io.annota.server.support.PhiScanner;
import io.annota.server.support.PhiScanner.Finding;
import io.annota.server.support.PhiScanner.LogCapture;
import io.annota.server.support.PhiScanner.Needle;
import io.annota.synthetic.GeneratedBundle;
import io.annota.synthetic.GeneratedHl7;
import io.annota.synthetic.PhiSpan;
import io.annota.synthetic.PhiType;
import io.annota.synthetic.SyntheticFeed;
import io.annota.synthetic.SyntheticNote;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Narrative;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * PHI leak test: identifiers injected through every write path (MLLP, REST create, update with a client id,
 * conditional create and update, JSON Patch and FHIRPath Patch, transaction, batch, {@code $deidentify},
 * in-process DAO writes) must appear nowhere afterwards: not in any column of any table (HAPI's compressed
 * resource text decompressed), not in the data directory's files, not in anything logged meanwhile, not in
 * {@code $deidentify} responses. The values come from the synthetic feed (its PHI gold) and from persons made up
 * here, in structured fields and inside notes (DocumentReference text, Observation.note, Condition.note,
 * narrative), and from the hand-written real-style nursing notes of {@code fhir-interceptors}
 * ({@value #REAL_STYLE_NOTES}: capitals, lower case, shorthand dates, relatives by relation, doctors after "dr",
 * hospitals by short name), each posted as a DocumentReference. Clinical event dates are not searched for:
 * de-identification shifts them, so a shifted date may equal an injected one by chance; birth dates are. Neither
 * are years and ages (a bare number matches anything) nor values shorter than three characters.
 *
 * <p>The self-check proves the scanner finds a value where nothing protects it (a scratch table: plain, gzip-compressed
 * and as base64 attachment data; and a log line).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PhiLeakIT extends AnnotaServerIT {

    private static final long SEED = 20_261_129L;
    private static final String MRN_SYSTEM = "http://hospital.example.org/mrn";
    private static final String SSN_SYSTEM = "http://hl7.org/fhir/sid/us-ssn";
    /** Gold kinds searched for; DATE (clinical event dates) is not, see the class comment. */
    private static final Set<PhiType> SEARCHED = Set.of(PhiType.PATIENT_NAME, PhiType.RELATIVE_NAME,
            PhiType.CLINICIAN_NAME, PhiType.STREET_ADDRESS, PhiType.CITY, PhiType.ZIP, PhiType.BIRTH_DATE,
            PhiType.PHONE, PhiType.EMAIL, PhiType.SSN, PhiType.MRN, PhiType.ACCOUNT_NUMBER, PhiType.VISIT_NUMBER,
            PhiType.URL, PhiType.HOSPITAL);
    /** Hand-written notes in the style of real ICU nursing notes, with gold (see the README beside them). */
    static final String REAL_STYLE_NOTES = "../fhir-interceptors/src/test/resources/notes/real-style/notes.jsonl";
    private static final Set<PhiType> NUMBERS = Set.of(PhiType.PHONE, PhiType.SSN, PhiType.MRN,
            PhiType.ACCOUNT_NUMBER, PhiType.VISIT_NUMBER, PhiType.ZIP);

    @Autowired
    private DataSource dataSource;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private DaoRegistry daos;
    @Autowired
    private AnnotationQueue annotationQueue;

    private final List<Needle> needles = new ArrayList<>();
    private final Map<String, String> refusedWrites = new LinkedHashMap<>();
    private final List<String> deidentifyResponses = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private List<String> logLines;
    private boolean ingested;

    /** A made-up person, unique per write path. */
    private record Person(String path, String given, String family, String mrn, String ssn, String phone,
            String email, String street) {

        String clientId() {
            return "mrn-" + mrn;
        }

        String fullName() {
            return given + " " + family;
        }

        String note() {
            return fullName() + " (MRN " + mrn + ", SSN " + ssn + ") lives at " + street + ". Call " + phone
                    + " or write to " + email + ". " + given + " has type 2 diabetes mellitus and denies chest pain.";
        }

        Patient patient() {
            Patient patient = new Patient();
            patient.addIdentifier().setSystem(MRN_SYSTEM).setValue(mrn);
            patient.addIdentifier().setSystem(SSN_SYSTEM).setValue(ssn);
            patient.addName().setFamily(family).addGiven(given);
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue(phone);
            patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL).setValue(email);
            patient.addAddress().addLine(street).setCity("Springfield").setState("IL").setPostalCode("62704");
            patient.setBirthDateElement(new DateType("1961-02-14"));
            patient.setText(narrative(fullName() + ", MRN " + mrn));
            return patient;
        }
    }

    @Test
    @Order(1)
    void theScannerFindsInjectedValuesWhereNothingProtectsThem() {
        Needle word = Needle.text("SELF_CHECK", "scratch", "Quorlebatch");
        Needle phone = Needle.digits("SELF_CHECK", "scratch", "(312) 555-0176");
        Needle attached = Needle.text("SELF_CHECK", "scratch", "Vexwhistle");
        PhiScanner scanner = new PhiScanner(List.of(word, phone, attached));
        jdbc.execute("CREATE TABLE IF NOT EXISTS phi_scanner_scratch (note VARCHAR(200), packed BLOB)");
        try (LogCapture capture = LogCapture.attach()) {
            jdbc.update("INSERT INTO phi_scanner_scratch (note, packed) VALUES (?, ?)",
                    "seen by dr. QUORLEBATCH today", gzip("call 312.555.0176 tomorrow"));
            // a note as a DocumentReference stores it: base64 attachment data inside the resource JSON
            jdbc.update("INSERT INTO phi_scanner_scratch (note) VALUES (?)", "{\"contentType\":\"text/plain\",\"data\":\""
                    + java.util.Base64.getEncoder().encodeToString("dtr vexwhistle called".getBytes(StandardCharsets.UTF_8))
                    + "\"}");
            org.slf4j.LoggerFactory.getLogger(PhiLeakIT.class).info("self-check: patient {} called", "Quorlebatch");

            List<Finding> inDatabase = scanner.scanDatabase(dataSource);
            assertThat(inDatabase).anySatisfy(f -> {
                assertThat(f.needle()).isEqualTo(word);
                assertThat(f.where()).isEqualToIgnoringCase("PHI_SCANNER_SCRATCH.NOTE");
            });
            assertThat(inDatabase).anySatisfy(f -> {
                assertThat(f.needle()).isEqualTo(phone);
                assertThat(f.where()).isEqualToIgnoringCase("PHI_SCANNER_SCRATCH.PACKED");
            });
            assertThat(inDatabase).anySatisfy(f -> {
                assertThat(f.needle()).isEqualTo(attached);
                assertThat(f.where()).isEqualToIgnoringCase("PHI_SCANNER_SCRATCH.NOTE (base64 data)");
            });
            assertThat(capture.lines()).anySatisfy(line -> assertThat(scanner.scan("log", line)).isNotEmpty());
        } finally {
            jdbc.execute("DROP TABLE phi_scanner_scratch");
        }
        // Whole words and whole numbers only: no false alarms inside longer words or hex pseudonyms.
        assertThat(scanner.scan("x", "Quorlebatchery 13125550176 a3125550176f")).isEmpty();
    }

    @Test
    @Order(2)
    void everyWritePathAcceptsItsWrites() throws Exception {
        ingest();
        assertThat(refusedWrites).as("writes refused (path: answer)").isEmpty();
    }

    @TestFactory
    @Order(3)
    Stream<DynamicTest> nothingInjectedIsStored() throws Exception {
        ingest();
        PhiScanner scanner = new PhiScanner(needles);
        List<Finding> findings = new ArrayList<>(scanner.scanDatabase(dataSource));
        findings.addAll(scanner.scanFiles(dataDir()));
        return perKind(findings, "stored");
    }

    @TestFactory
    @Order(4)
    Stream<DynamicTest> nothingInjectedIsLogged() throws Exception {
        ingest();
        PhiScanner scanner = new PhiScanner(needles);
        List<Finding> findings = new ArrayList<>();
        for (String line : logLines) {
            findings.addAll(scanner.scan("log", line));
        }
        return perKind(findings, "logged");
    }

    @TestFactory
    @Order(5)
    Stream<DynamicTest> nothingInjectedIsReturnedByDeidentify() throws Exception {
        ingest();
        PhiScanner scanner = new PhiScanner(needles);
        List<Finding> findings = new ArrayList<>();
        for (String response : deidentifyResponses) {
            findings.addAll(scanner.scan("$deidentify response", response));
        }
        assertThat(deidentifyResponses).isNotEmpty();
        return perKind(findings, "returned by $deidentify");
    }

    /** One dynamic test per kind of injected value, each failing with the values and places found. */
    private Stream<DynamicTest> perKind(List<Finding> findings, String verb) {
        Set<String> kinds = new TreeSet<>();
        needles.forEach(n -> kinds.add(n.kind()));
        return kinds.stream().map(kind -> DynamicTest.dynamicTest(kind + " not " + verb, () -> {
            List<String> found = findings.stream().filter(f -> f.needle().kind().equals(kind))
                    .map(Finding::toString).distinct().sorted().toList();
            assertThat(found).as(kind + " values " + verb).isEmpty();
        }));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Ingestion through every write path

    private synchronized void ingest() throws Exception {
        if (ingested) {
            return;
        }
        ingested = true;
        try (LogCapture capture = LogCapture.attach()) {
            SyntheticFeed feed = new SyntheticFeed(SEED);
            int deadLetters = deadLetterCount();
            viaMllp(feed);
            viaMllpMessageSet(person(9, "MLLP message set"));
            if (deadLetterCount() != deadLetters) {
                refusedWrites.put("MLLP", (deadLetterCount() - deadLetters) + " message(s) kept as dead letters");
            }
            Person created = person(0, "POST");
            String createdId = viaRestCreate(created);
            viaRestUpdateWithClientId(person(1, "PUT"));
            viaConditionalCreateAndUpdate(person(2, "conditional"));
            viaPatch(person(3, "PATCH"));
            viaTransaction(person(4, "transaction"));
            viaBatch(person(5, "batch"));
            viaSyntheticBundlesAndNotes(feed);
            viaRealStyleNotes();
            viaDeidentify(person(6, "$deidentify"), person(7, "$deidentify-type"), created, createdId);
            viaDao(person(8, "DAO"));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> annotationQueue.counts().outstanding() == 0);
            Thread.sleep(500);
            logLines = capture.lines();
        }
    }

    private static Person person(int index, String path) {
        String[] given = {"Philippa", "Ambrosius", "Leocadia", "Thaddeus", "Ottoline", "Barnabus", "Clementia",
            "Evander", "Wilhelmina", "Perpetua"};
        String[] family = {"Quillfeather", "Brandvoort", "Drummelkin", "Erskwith", "Fallowmere", "Gastrinelli",
            "Hollenbrack", "Kettleborne", "Lindqvarr", "Marchbanks"};
        String mrn = "73" + index + "58" + (index + 1) + "941";
        String ssn = "51" + index + "-4" + (index + 2) + "-83" + (index + 10);
        String phone = "(617) 55" + index + "-01" + (40 + index);
        return new Person(path, given[index], family[index], mrn, ssn, phone,
                given[index].toLowerCase() + "." + family[index].toLowerCase() + "@mailbox.example.net",
                (400 + index * 7) + " Marrowgate Lane");
    }

    private void inject(Person p) {
        String origin = p.path();
        needles.add(Needle.text("NAME", origin, p.given()));
        needles.add(Needle.text("NAME", origin, p.family()));
        needles.add(Needle.digits("MRN", origin, p.mrn()));
        needles.add(Needle.digits("SSN", origin, p.ssn()));
        needles.add(Needle.digits("PHONE", origin, p.phone()));
        needles.add(Needle.text("EMAIL", origin, p.email()));
        needles.add(Needle.text("STREET", origin, p.street()));
        needles.add(Needle.text("CLIENT_ID", origin, p.clientId()));
        needles.add(Needle.text("BIRTH_DATE", origin, "1961-02-14"));
    }

    private void injectGold(String origin, List<PhiSpan> gold) {
        injectGold("GOLD_", origin, gold);
    }

    private void injectGold(String kindPrefix, String origin, List<PhiSpan> gold) {
        for (PhiSpan span : gold) {
            if (!SEARCHED.contains(span.type()) || span.value().isBlank()) {
                continue;
            }
            String value = span.value().trim();
            String kind = kindPrefix + span.type().name();
            boolean number = NUMBERS.contains(span.type()) && value.matches("[\\d\\s().\\-/+]+");
            if (number && value.replaceAll("\\D", "").length() < 5) {
                continue; // a fragment (area code, extension): identifies no one and matches any number
            }
            if (number) {
                needles.add(Needle.digits(kind, origin, value));
            } else if (span.type() == PhiType.BIRTH_DATE && value.matches("\\d{8}")) {
                needles.add(Needle.text(kind, origin, value));
                needles.add(Needle.text(kind, origin,
                        value.substring(0, 4) + "-" + value.substring(4, 6) + "-" + value.substring(6, 8)));
            } else if (value.length() >= 3) {
                needles.add(Needle.text(kind, origin, value));
            }
        }
    }

    /** MLLP: a synthetic feed (ADT incl. A40 merges, ORU results, MDM notes) with its own gold. */
    private void viaMllp(SyntheticFeed feed) throws IOException {
        try (MllpClient mllp = new MllpClient("127.0.0.1", MLLP_PORT)) {
            for (GeneratedHl7 message : feed.hl7Feed(16)) {
                injectGold("MLLP", message.phi());
                String ack = mllp.send(message.bytes(), message.charset());
                if (!accepted(ack)) {
                    refusedWrites.put("MLLP " + message.controlId(), Hl7Fixtures.segment(ack, "MSA"));
                }
            }
        }
    }

    /**
     * MLLP: one message of each mapped family for one person (next of kin, orders, results with comments, notes,
     * appointments, immunisations, a merge with a prior MRN), each carrying the person's identifiers in
     * structured fields and in free text.
     */
    private void viaMllpMessageSet(Person p) throws IOException {
        inject(p);
        String priorMrn = "9" + p.mrn();
        needles.add(Needle.digits("MRN", p.path(), priorMrn));
        needles.add(Needle.text("NAME", p.path(), "Gwendolyn"));
        needles.add(Needle.digits("PHONE", p.path(), "(617) 555-0177"));
        String msh = "MSH|^~\\&|HIS|LEAKCHECK|ANNOTA|ANNOTA|20240305101500||%s|LEAK-%s|P|2.5.1\r";
        String pid = "PID|1||" + p.mrn() + "^^^LEAKCHECK^MR~" + p.ssn() + "^^^SSA^SS||" + p.family() + "^" + p.given()
                + "||19610214|F|||" + p.street() + "^^Springfield^IL^62704||" + p.phone() + "^PRN^PH~^NET^Internet^"
                + p.email() + "\r";
        String pv1 = "PV1|1|I|4WEST^412^B||||||||||||||||V" + p.mrn() + "\r";
        String comment = "NTE|1||" + p.note() + "\r";
        List<String> messages = List.of(
                msh.formatted("ADT^A01^ADT_A01", "A01") + "EVN|A01|20240305101500\r" + pid
                        + "NK1|1|" + p.family() + "^Gwendolyn|SPO^Spouse|" + p.street() + "^^Springfield^IL^62704|"
                        + "(617) 555-0177\r" + pv1,
                msh.formatted("ORU^R01^ORU_R01", "R01") + pid + pv1
                        + "OBR|1|ORD-" + p.mrn() + "|FIL-" + p.mrn() + "|24331-1^Lipid panel^LN|||20240305090000\r"
                        + "OBX|1|NM|2093-3^Cholesterol^LN||212|mg/dL|<200|H|||F\r"
                        + "OBX|2|TX|11526-1^Pathology study^LN||" + p.note() + "||||||F\r" + comment,
                msh.formatted("MDM^T02^MDM_T02", "T02") + "EVN|T02|20240305101500\r" + pid + pv1
                        + "TXA|1|PN^Progress note|TX|20240305100000|||||||DOC-" + p.mrn() + "||||||AU\r"
                        + "OBX|1|TX|18842-5^Discharge summary^LN||" + p.note() + "||||||F\r",
                msh.formatted("ORM^O01^ORM_O01", "O01") + pid + pv1
                        + "ORC|NW|PLC-" + p.mrn() + "|FIL2-" + p.mrn() + "|||||||||1234^Welby^Marcus\r"
                        + "OBR|1|PLC-" + p.mrn() + "|FIL2-" + p.mrn() + "|71020^Chest X-ray^CPT4\r" + comment,
                msh.formatted("SIU^S12^SIU_S12", "S12") + "SCH|APT-" + p.mrn() + "|APF-" + p.mrn()
                        + "|||||FOLLOWUP^Follow-up|ROUTINE^Routine|30|MIN|^^^20240501093000^20240501100000\r"
                        + comment.replace("NTE|1||", "NTE|1||Appointment for ") + pid
                        + "RGS|1\rAIS|1||CARDIO^Cardiology consult|20240501093000||30|MIN\r",
                msh.formatted("VXU^V04^VXU_V04", "V04") + pid
                        + "ORC|RE||IMM-" + p.mrn() + "\r"
                        + "RXA|0|1|20240305||08^Hep B, adolescent or pediatric^CVX|0.5|mL||00^New immunization record^NIP001"
                        + "||||||LOT-" + p.mrn() + "\r",
                msh.formatted("ADT^A40^ADT_A39", "A40") + "EVN|A40|20240305101500\r" + pid
                        + "MRG|" + priorMrn + "^^^LEAKCHECK^MR\r");
        try (MllpClient mllp = new MllpClient("127.0.0.1", MLLP_PORT)) {
            for (String message : messages) {
                String ack = mllp.send(message);
                if (!accepted(ack)) {
                    refusedWrites.put(p.path() + " " + Hl7Fixtures.segment(message, "MSH").split("\\|")[8],
                            Hl7Fixtures.segment(ack, "MSA") + " " + Hl7Fixtures.segment(ack, "ERR"));
                }
            }
        }
    }

    /**
     * AA, or CA from senders that ask for enhanced mode (MSH-15/16 of some generated senders): then a message not
     * stored would be a dead letter, which {@link #ingest()} counts.
     */
    private static boolean accepted(String ack) {
        return ack.contains("MSA|AA|") || ack.contains("MSA|CA|");
    }

    private int deadLetterCount() {
        return jdbc.queryForObject("SELECT COUNT(*) FROM annota_hl7_dead_letter", Integer.class);
    }

    /** REST create: the Patient, then notes about it by its server-assigned id. */
    private String viaRestCreate(Person p) {
        inject(p);
        String id = write(p.path() + " Patient", () -> fhir().create().resource(p.patient()).execute().getId()
                .getIdPart());
        if (id == null) {
            return null;
        }
        for (Resource note : notes(p, "Patient/" + id)) {
            write(p.path() + " " + note.fhirType(), () -> fhir().create().resource(note).execute());
        }
        return id;
    }

    /**
     * REST update with client-assigned ids: PUT Patient/mrn-..., read it back by that id, notes PUT under client
     * ids that reference the Patient by its client id, a search by that reference.
     */
    private void viaRestUpdateWithClientId(Person p) {
        inject(p);
        Patient patient = p.patient();
        patient.setId(p.clientId());
        write(p.path() + " Patient", () -> fhir().update().resource(patient).execute());
        write(p.path() + " read back", () -> {
            Patient read = fhir().read().resource(Patient.class).withId(p.clientId()).execute();
            assertThat(read.getIdElement().getIdPart()).isEqualTo(PSEUDONYMS.pseudonymousId("Patient", p.clientId()));
            return read;
        });
        int n = 0;
        for (Resource note : notes(p, "Patient/" + p.clientId())) {
            note.setId("note-" + (n++) + "-" + p.clientId());
            write(p.path() + " " + note.fhirType(), () -> fhir().update().resource(note).execute());
        }
        write(p.path() + " search by reference", () -> fhir().search().forResource(Observation.class)
                .where(Observation.SUBJECT.hasId("Patient/" + p.clientId())).returnBundle(Bundle.class).execute());
        write(p.path() + " history", () -> fhir().history().onInstance("Patient/" + p.clientId())
                .returnBundle(Bundle.class).execute());
    }

    /** Conditional create (If-None-Exist) and conditional update on the MRN, then a note by server id. */
    private void viaConditionalCreateAndUpdate(Person p) {
        inject(p);
        String condition = "Patient?identifier=" + MRN_SYSTEM + "|" + p.mrn();
        String id = write(p.path() + " create", () -> fhir().create().resource(p.patient())
                .conditionalByUrl(condition).execute().getId().getIdPart());
        write(p.path() + " update", () -> fhir().update().resource(p.patient()).conditionalByUrl(condition).execute());
        if (id != null) {
            DocumentReference document = document(p, "Patient/" + id);
            write(p.path() + " DocumentReference", () -> fhir().create().resource(document)
                    .conditionalByUrl("DocumentReference?identifier=urn:annota:test|doc-" + p.mrn()).execute());
        }
    }

    /** JSON Patch on a Patient and FHIRPath Patch on an Observation, both adding PHI. */
    private void viaPatch(Person p) {
        inject(p);
        Patient bare = new Patient();
        bare.setActive(true);
        String patientId = write(p.path() + " Patient", () -> fhir().create().resource(bare).execute().getId()
                .getIdPart());
        if (patientId == null) {
            return;
        }
        String jsonPatch = "[{\"op\":\"add\",\"path\":\"/name\",\"value\":[{\"family\":\"" + p.family()
                + "\",\"given\":[\"" + p.given() + "\"]}]},"
                + "{\"op\":\"add\",\"path\":\"/telecom\",\"value\":[{\"system\":\"phone\",\"value\":\"" + p.phone()
                + "\"},{\"system\":\"email\",\"value\":\"" + p.email() + "\"}]},"
                + "{\"op\":\"add\",\"path\":\"/identifier\",\"value\":[{\"system\":\"" + MRN_SYSTEM
                + "\",\"value\":\"" + p.mrn() + "\"}]},"
                + "{\"op\":\"add\",\"path\":\"/text\",\"value\":{\"status\":\"generated\",\"div\":"
                + "\"<div xmlns=\\\"http://www.w3.org/1999/xhtml\\\">" + p.fullName() + " SSN " + p.ssn()
                + "</div>\"}}]";
        write(p.path() + " JSON Patch", () -> fhir().patch().withBody(jsonPatch).withId("Patient/" + patientId)
                .execute());
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().setText("follow-up call");
        observation.setSubject(new Reference("Patient/" + patientId));
        String observationId = write(p.path() + " Observation", () -> fhir().create().resource(observation)
                .execute().getId().getIdPart());
        if (observationId == null) {
            return;
        }
        Parameters fhirPatch = new Parameters();
        Parameters.ParametersParameterComponent operation = fhirPatch.addParameter().setName("operation");
        operation.addPart().setName("type").setValue(new CodeType("add"));
        operation.addPart().setName("path").setValue(new StringType("Observation"));
        operation.addPart().setName("name").setValue(new StringType("note"));
        operation.addPart().setName("value").setValue(new org.hl7.fhir.r4.model.Annotation()
                .setText(p.note()).setAuthor(new StringType(p.fullName())));
        write(p.path() + " FHIRPath Patch", () -> fhir().patch().withFhirPatch(fhirPatch)
                .withId("Observation/" + observationId).execute());
    }

    /** A transaction: Patient PUT under its client id (fullUrl Patient/mrn-...), notes referencing it. */
    private void viaTransaction(Person p) {
        inject(p);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        addPatientAndNotes(bundle, p);
        write(p.path(), () -> fhir().transaction().withBundle(bundle).execute());
    }

    /** A batch: the same shape, each entry on its own. */
    private void viaBatch(Person p) {
        inject(p);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.BATCH);
        addPatientAndNotes(bundle, p);
        Bundle response = write(p.path(), () -> fhir().transaction().withBundle(bundle).execute());
        if (response != null) {
            for (Bundle.BundleEntryComponent entry : response.getEntry()) {
                if (!entry.getResponse().getStatus().startsWith("2")) {
                    refusedWrites.put(p.path() + " entry", entry.getResponse().getStatus());
                }
            }
        }
    }

    private void addPatientAndNotes(Bundle bundle, Person p) {
        Patient patient = p.patient();
        patient.setId(p.clientId());
        bundle.addEntry().setFullUrl("Patient/" + p.clientId()).setResource(patient)
                .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl("Patient/" + p.clientId());
        int n = 0;
        for (Resource note : notes(p, "Patient/" + p.clientId())) {
            String id = note.fhirType().toLowerCase() + "-" + (n++) + "-" + p.clientId();
            note.setId(id);
            bundle.addEntry().setFullUrl(note.fhirType() + "/" + id).setResource(note)
                    .getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(note.fhirType() + "/" + id);
        }
    }

    /** Synthetic FHIR bundles (transactions with conditional creates) and notes, each note with its Patient. */
    private void viaSyntheticBundlesAndNotes(SyntheticFeed feed) {
        for (GeneratedBundle generated : feed.fhirBundles(2)) {
            injectGold("synthetic transaction", generated.phi());
            Bundle bundle = FHIR_JSON.parseResource(Bundle.class, generated.json());
            write("synthetic transaction", () -> fhir().transaction().withBundle(bundle).execute());
        }
        for (SyntheticNote note : feed.notes(2)) {
            injectGold("synthetic note", note.phi());
            Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            String patientUrl = "urn:uuid:" + java.util.UUID.randomUUID();
            bundle.addEntry().setFullUrl(patientUrl).setResource(patientFromGold(note.phi()))
                    .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
            DocumentReference document = new DocumentReference();
            document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
            document.setSubject(new Reference(patientUrl));
            document.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                    .setData(note.text().getBytes(StandardCharsets.UTF_8)));
            bundle.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID()).setResource(document)
                    .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("DocumentReference");
            write("synthetic note", () -> fhir().transaction().withBundle(bundle).execute());
        }
    }

    /**
     * The real-style notes, each in a transaction with the Patient it is about. The Patient holds only what a record
     * would: the patient's name and MRN where the note has them; relatives, clinicians, places and dates in the note
     * are known to no one but the note.
     */
    private void viaRealStyleNotes() throws IOException {
        Path file = Path.of(REAL_STYLE_NOTES);
        assertThat(file).as("real-style notes (tests run in the server module directory)").exists();
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            com.fasterxml.jackson.databind.JsonNode note = json.readTree(line);
            String origin = "real-style note " + note.get("id").asText();
            List<PhiSpan> gold = new ArrayList<>();
            java.util.Set<String> knownMisses = new java.util.HashSet<>();
            for (com.fasterxml.jackson.databind.JsonNode span : note.get("phi")) {
                if (span.path("knownMiss").asBoolean(false)) {
                    knownMisses.add(span.get("value").asText()); // a leak listed in docs/privacy.md
                }
            }
            for (com.fasterxml.jackson.databind.JsonNode span : note.get("phi")) {
                if (knownMisses.contains(span.get("value").asText())) {
                    continue; // the value is searched for everywhere, so no occurrence of it can be
                }
                gold.add(new PhiSpan(PhiType.valueOf(span.get("type").asText()), span.get("value").asText(),
                        "DocumentReference.content[0].attachment", span.get("start").asInt(), span.get("end").asInt()));
            }
            injectGold("REAL_STYLE_", origin, gold);
            Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
            String patientUrl = "urn:uuid:" + java.util.UUID.randomUUID();
            bundle.addEntry().setFullUrl(patientUrl).setResource(patientFromGold(gold.stream()
                            .filter(s -> s.type() == PhiType.PATIENT_NAME || s.type() == PhiType.MRN).toList()))
                    .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("Patient");
            DocumentReference document = new DocumentReference();
            document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
            document.setSubject(new Reference(patientUrl));
            document.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                    .setData(note.get("text").asText().getBytes(StandardCharsets.UTF_8)));
            bundle.addEntry().setFullUrl("urn:uuid:" + java.util.UUID.randomUUID()).setResource(document)
                    .getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl("DocumentReference");
            write(origin, () -> fhir().transaction().withBundle(bundle).execute());
        }
    }

    /** The Patient a note is about, as its record would hold it: names, identifiers, phones, address, relatives. */
    private static Patient patientFromGold(List<PhiSpan> gold) {
        Patient patient = new Patient();
        HumanName name = patient.addName();
        for (PhiSpan span : gold) {
            switch (span.type()) {
                case PATIENT_NAME -> name.setText(name.hasText() ? name.getText() + " " + span.value() : span.value());
                case RELATIVE_NAME -> patient.addContact().getName().setText(span.value());
                case MRN -> patient.addIdentifier().setSystem(MRN_SYSTEM).setValue(span.value());
                case SSN -> patient.addIdentifier().setSystem(SSN_SYSTEM).setValue(span.value());
                case ACCOUNT_NUMBER, VISIT_NUMBER ->
                        patient.addIdentifier().setSystem("urn:annota:test:" + span.type()).setValue(span.value());
                case PHONE -> patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE)
                        .setValue(span.value());
                case EMAIL -> patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.EMAIL)
                        .setValue(span.value());
                case STREET_ADDRESS -> patient.getAddressFirstRep().addLine(span.value());
                case CITY -> patient.getAddressFirstRep().setCity(span.value());
                case ZIP -> patient.getAddressFirstRep().setPostalCode(span.value());
                default -> {
                }
            }
        }
        return patient;
    }

    /**
     * $deidentify: a Bundle (a Patient and notes about it) at server level, a Patient at type level, and lone notes
     * about a stored Patient (whose fingerprints apply) at type level. Nothing may be stored. A lone note about a
     * patient Annota has never seen can only be scrubbed by patterns (there is no name recogniser), so none is sent.
     */
    private void viaDeidentify(Person p, Person typeLevel, Person stored, String storedId) throws Exception {
        inject(p);
        inject(typeLevel);
        Bundle bundle = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        addPatientAndNotes(bundle, p);
        deidentify(p.path() + " Bundle", "/$deidentify", json(bundle));
        Patient patient = typeLevel.patient();
        patient.setId(typeLevel.clientId());
        deidentify(typeLevel.path() + " Patient", "/Patient/$deidentify", json(patient));
        if (storedId != null) {
            for (Resource note : notes(stored, "Patient/" + storedId)) {
                deidentify(typeLevel.path() + " " + note.fhirType(), "/" + note.fhirType() + "/$deidentify",
                        json(note));
            }
        }
    }

    private void deidentify(String what, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + httpPort + "/fhir" + path))
                .header("Content-Type", "application/fhir+json").header("Accept", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        deidentifyResponses.add(response.body());
        if (response.statusCode() != 200) {
            refusedWrites.put(what, "HTTP " + response.statusCode());
        }
    }

    /** In-process DAO writes: create, and an update under a client-assigned id (which must not be stored as such). */
    private void viaDao(Person p) {
        inject(p);
        IFhirResourceDao<Patient> patients = daos.getResourceDao(Patient.class);
        String id = write(p.path() + " Patient", () -> patients.create(p.patient(), new SystemRequestDetails())
                .getId().getIdPart());
        if (id != null) {
            for (Resource note : notes(p, "Patient/" + id)) {
                @SuppressWarnings("unchecked")
                IFhirResourceDao<Resource> dao = (IFhirResourceDao<Resource>) daos.getResourceDao(note.fhirType());
                write(p.path() + " " + note.fhirType(), () -> dao.create(note, new SystemRequestDetails()));
            }
        }
        Patient withClientId = p.patient();
        withClientId.setId(p.clientId());
        try {
            patients.update(withClientId, new SystemRequestDetails());
            // Stored: only acceptable if it went in under another id; the scan finds the client id otherwise.
        } catch (BaseServerResponseException refused) {
            // Refused: acceptable, a DAO caller must map client ids itself.
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** A DocumentReference (text/plain note), an Observation with a note and a Condition with a note. */
    private static List<Resource> notes(Person p, String patientReference) {
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().setText("blood pressure");
        observation.setSubject(new Reference(patientReference));
        observation.addNote().setText(p.note());
        observation.setText(narrative(p.fullName() + " BP 120/80"));
        Condition condition = new Condition();
        condition.setSubject(new Reference(patientReference));
        condition.getCode().setText("type 2 diabetes mellitus");
        condition.addNote().setText(p.note());
        condition.setText(narrative("Diabetes of " + p.fullName() + ", phone " + p.phone()));
        return List.of(document(p, patientReference), observation, condition);
    }

    private static DocumentReference document(Person p, String patientReference) {
        DocumentReference document = new DocumentReference();
        document.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        document.addIdentifier().setSystem("urn:annota:test").setValue("doc-" + p.mrn());
        document.setSubject(new Reference(patientReference));
        document.setText(narrative("Note about " + p.fullName()));
        document.addContent().setAttachment(new Attachment().setContentType("text/plain; charset=utf-8")
                .setData(p.note().getBytes(StandardCharsets.UTF_8)));
        return document;
    }

    private static Narrative narrative(String text) {
        Narrative narrative = new Narrative();
        narrative.setStatus(Narrative.NarrativeStatus.GENERATED);
        narrative.setDivAsString("<div xmlns=\"http://www.w3.org/1999/xhtml\">" + text + "</div>");
        return narrative;
    }

    private <T> T write(String what, java.util.concurrent.Callable<T> call) {
        try {
            return call.call();
        } catch (BaseServerResponseException e) {
            refusedWrites.put(what, "HTTP " + e.getStatusCode() + " " + e.getClass().getSimpleName());
        } catch (Exception | AssertionError e) {
            refusedWrites.put(what, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return null;
    }

    private static byte[] gzip(String text) {
        try {
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream out = new java.util.zip.GZIPOutputStream(bytes)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final ca.uhn.fhir.parser.IParser FHIR_JSON =
            ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser();
}
