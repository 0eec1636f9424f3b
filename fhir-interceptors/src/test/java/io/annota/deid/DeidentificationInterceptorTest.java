package io.annota.deid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ca.uhn.fhir.interceptor.api.HookParams;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.interceptor.executor.InterceptorService;
import ca.uhn.fhir.interceptor.model.RequestPartitionId;
import ca.uhn.fhir.rest.api.InterceptorInvocationTimingEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.api.server.storage.TransactionDetails;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import ca.uhn.fhir.rest.server.servlet.ServletRequestDetails;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.SearchParameter;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;

/** Drives the interceptor through HAPI's real InterceptorService with the parameters each pointcut declares. */
class DeidentificationInterceptorTest {

    private final InMemoryKnownIdentifierStore store = new InMemoryKnownIdentifierStore();
    private final InterceptorService interceptors = new InterceptorService();

    DeidentificationInterceptorTest() {
        interceptors.registerInterceptor(
                new DeidentificationInterceptor(Fixtures.R4, DeidentificationSettings.withKey(Fixtures.KEY), store));
    }

    // --- the parameters HAPI 8.8.0 declares for each pointcut (Pointcut.java) ---

    private void preStorageCreated(IBaseResource resource, TransactionDetails transaction) {
        interceptors.callHooks(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, new HookParams()
                .add(IBaseResource.class, resource)
                .add(RequestDetails.class, null)
                .add(ServletRequestDetails.class, null)
                .add(TransactionDetails.class, transaction)
                .add(RequestPartitionId.class, RequestPartitionId.defaultPartition()));
    }

    private void preStorageUpdated(IBaseResource previous, IBaseResource updated, TransactionDetails transaction) {
        interceptors.callHooks(Pointcut.STORAGE_PRESTORAGE_RESOURCE_UPDATED, new HookParams()
                .add(IBaseResource.class, previous)
                .add(IBaseResource.class, updated)
                .add(RequestDetails.class, null)
                .add(ServletRequestDetails.class, null)
                .add(TransactionDetails.class, transaction));
    }

    private void preCommitCreated(IBaseResource resource, TransactionDetails transaction) {
        interceptors.callHooks(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED, new HookParams()
                .add(IBaseResource.class, resource)
                .add(RequestDetails.class, null)
                .add(ServletRequestDetails.class, null)
                .add(TransactionDetails.class, transaction)
                .add(InterceptorInvocationTimingEnum.class, InterceptorInvocationTimingEnum.ACTIVE));
    }

    private static Patient patient() {
        return Fixtures.resource("patient/patient-full.json", Patient.class);
    }

    private static DocumentReference noteDocument(String subjectId) {
        DocumentReference document = Fixtures.resource("document/document-reference-note.json", DocumentReference.class);
        document.getSubject().setReference("Patient/" + subjectId);
        document.getContentFirstRep().getAttachment()
                .setData(Fixtures.text("note/progress-note.txt").getBytes(StandardCharsets.UTF_8));
        return document;
    }

    private static String attachmentText(DocumentReference document) {
        return new String(document.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8);
    }

    @Test
    void documentOfAPatientStoredEarlierKeepsNoneOfThePatientsValues() {
        Patient patient = patient();
        TransactionDetails patientWrite = new TransactionDetails();
        preStorageCreated(patient, patientWrite);
        assertThat(patient.hasName()).isFalse();
        patient.setId("Patient/101/_history/1"); // what HAPI does between the two pointcuts
        preCommitCreated(patient, patientWrite);
        assertThat(store.fingerprints("101")).isNotEmpty();
        assertThat(patient.getUserData(DeidentificationInterceptor.PENDING_FINGERPRINTS)).isNull();

        DocumentReference document = noteDocument("101");
        preStorageCreated(document, new TransactionDetails());

        String text = attachmentText(document);
        String json = Fixtures.json(document);
        for (String phi : Fixtures.PATIENT_PHI) {
            assertThat(text).as("stored note text").doesNotContain(phi);
            assertThat(json).as("stored DocumentReference").doesNotContain(phi);
        }
        assertThat(text).contains("type 2 diabetes mellitus", "denies chest pain", "metformin 500 mg", "[NAME]");
        assertThat(document.getDescription()).isEqualTo("Progress note, [NAME]");
        int days = new ResourceDeidentifier(Fixtures.R4, DeidentificationSettings.withKey(Fixtures.KEY))
                .dateShiftDays(store.dateShiftSeed("101"));
        String shifted = java.time.LocalDate.of(2024, 3, 5).plusDays(days)
                .format(java.time.format.DateTimeFormatter.ofPattern("MM/dd/yyyy"));
        assertThat(document.getContentFirstRep().getAttachment().getTitle())
                .as("the date moves by the patient's offset, in its own format").isEqualTo("Note " + shifted + " for [NAME]");
        assertThat(document.getContentFirstRep().getAttachment().hasUrl()).isFalse();
        assertThat(document.getMeta().getSecurity()).extracting(Coding::getCode).containsExactly("REDACTED");
    }

    @Test
    void clientAssignedPatientIdIsBoundImmediately() {
        Patient patient = patient();
        patient.setId("Patient/102");

        preStorageCreated(patient, new TransactionDetails());

        assertThat(store.fingerprints("102")).isNotEmpty();
        assertThat(patient.getUserData(DeidentificationInterceptor.PENDING_FINGERPRINTS)).isNull();
    }

    @Test
    void serverAssignedPatientIdIsBoundAtPreCommit() {
        Patient patient = patient();
        TransactionDetails transaction = new TransactionDetails();

        preStorageCreated(patient, transaction);

        assertThat(patient.getUserData(DeidentificationInterceptor.PENDING_FINGERPRINTS)).isNotNull();
        patient.setId("Patient/109");
        preCommitCreated(patient, transaction);
        assertThat(store.fingerprints("109")).isNotEmpty();
    }

    @Test
    void documentInTheSameTransactionAsItsPatientIsScrubbedBeforeThePatientCommits() {
        TransactionDetails transaction = new TransactionDetails();
        Patient patient = patient();
        preStorageCreated(patient, transaction);
        patient.setId("Patient/103"); // assigned; PRECOMMIT is deferred to the end of the FHIR transaction

        DocumentReference document = noteDocument("103");
        preStorageCreated(document, transaction);

        assertThat(store.fingerprints("103")).isEmpty();
        assertThat(attachmentText(document)).doesNotContain("Marisol", "Okonkwo", "Larkspur", "448812");
    }

    @Test
    void clientAssignedIdHoldingAnIdentifyingValueIsRefused() {
        Patient patient = patient();
        patient.setId("Patient/mrn448812");

        assertThatThrownBy(() -> preStorageCreated(patient, new TransactionDetails()))
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("CLIENT_ID_NOT_PSEUDONYMISED")
                .hasMessageNotContaining("448812");
        assertThat(store.fingerprints("mrn448812")).isEmpty();
    }

    @Test
    void updateDeidentifiesTheNewContentsOnly() {
        Patient previous = new Patient();
        previous.setId("Patient/104/_history/1");
        previous.addName().setFamily("Stored");
        Patient updated = patient();
        updated.setId("Patient/104");

        preStorageUpdated(previous, updated, new TransactionDetails());

        assertThat(updated.hasName()).isFalse();
        assertThat(updated.getBirthDateElement().getValueAsString()).isEqualTo("1984");
        assertThat(previous.getNameFirstRep().getFamily()).isEqualTo("Stored");
        assertThat(store.fingerprints("104")).isNotEmpty();
    }

    @Test
    void nonTextAttachmentIsRefusedWith422AndNoValuesInTheMessage() {
        DocumentReference document = noteDocument("101");
        document.getContentFirstRep().getAttachment().setContentType("application/pdf")
                .setData("%PDF-1.4 Marisol Okonkwo-Vance".getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> preStorageCreated(document, new TransactionDetails()))
                .isInstanceOfSatisfying(UnprocessableEntityException.class, e -> {
                    assertThat(e.getStatusCode()).isEqualTo(422);
                    assertThat(e.getMessage()).contains("DocumentReference", "NON_TEXT_ATTACHMENT");
                    for (String phi : Fixtures.PATIENT_PHI) {
                        assertThat(e.getMessage()).doesNotContain(phi);
                    }
                    assertThat(e.getCause()).isNull();
                });
    }

    @Test
    void attachmentDataMovedToBinaryStorageBeforeDeidentificationIsRefused() {
        DocumentReference created = noteDocument("101");
        created.getContentFirstRep().getAttachment().setData(null)
                .addExtension(ResourceDeidentifier.EXTERNALIZED_BINARY_ID, new StringType("blob-1"));

        assertThatThrownBy(() -> preStorageCreated(created, new TransactionDetails()))
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("EXTERNALIZED_DATA");

        // an update that keeps the blob the stored (already de-identified) version referenced is fine
        DocumentReference previous = noteDocument("101");
        previous.getContentFirstRep().getAttachment().setData(null).setSize(120)
                .addExtension(ResourceDeidentifier.EXTERNALIZED_BINARY_ID, new StringType("blob-1"));
        DocumentReference updated = previous.copy();
        updated.setId("DocumentReference/201");
        preStorageUpdated(previous, updated, new TransactionDetails());
        assertThat(updated.getContentFirstRep().getAttachment().getSize()).isEqualTo(120);

        DocumentReference swapped = previous.copy();
        swapped.getContentFirstRep().getAttachment().getExtensionByUrl(ResourceDeidentifier.EXTERNALIZED_BINARY_ID)
                .setValue(new StringType("blob-2"));
        assertThatThrownBy(() -> preStorageUpdated(previous, swapped, new TransactionDetails()))
                .isInstanceOf(UnprocessableEntityException.class);
    }

    @Test
    void anyFailureIsRefusedWithoutItsMessage() {
        KnownIdentifierStore broken = new KnownIdentifierStore() {
            @Override
            public void remember(String patientId, Set<String> fingerprints) {
                throw new IllegalStateException("cannot store Marisol Okonkwo-Vance");
            }

            @Override
            public Set<String> fingerprints(String patientId) {
                return Set.of();
            }

            @Override
            public String rememberDateShiftSeed(String patientId, String seed) {
                return seed;
            }

            @Override
            public String dateShiftSeed(String patientId) {
                return null;
            }
        };
        InterceptorService service = new InterceptorService();
        service.registerInterceptor(
                new DeidentificationInterceptor(Fixtures.R4, DeidentificationSettings.withKey(Fixtures.KEY), broken));
        Patient patient = patient();
        patient.setId("105");

        assertThatThrownBy(() -> service.callHooks(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, new HookParams()
                        .add(IBaseResource.class, patient)
                        .add(RequestDetails.class, null)
                        .add(ServletRequestDetails.class, null)
                        .add(TransactionDetails.class, new TransactionDetails())
                        .add(RequestPartitionId.class, null)))
                .isInstanceOf(UnprocessableEntityException.class)
                .hasMessageContaining("Patient")
                .hasMessageContaining("IllegalStateException")
                .hasMessageNotContaining("Marisol")
                .hasNoCause();
    }

    @Test
    void conditionPassesUnchanged() {
        Condition condition = Fixtures.resource("condition/condition-nlp.json", Condition.class);
        String before = Fixtures.json(condition);

        preStorageCreated(condition, new TransactionDetails());

        assertThat(Fixtures.json(condition)).isEqualTo(before);
        assertThat(condition.getMeta().hasSecurity()).isFalse();
    }

    @Test
    void theServersOwnConformanceWritesPassUnscrubbedOnlyWhenFlaggedAndOnlyForConformanceTypes() {
        String expression = "Condition.extension('https://annota.io/fhir/StructureDefinition/nlp-evidence').value";
        SearchParameter flagged = new SearchParameter().setExpression(expression);
        SearchParameter unflagged = new SearchParameter().setExpression(expression);
        Condition flaggedCondition = new Condition();
        flaggedCondition.addNote().setText("see https://example.org/chart");
        SystemRequestDetails server = new SystemRequestDetails();
        server.getUserData().put(DeidentificationInterceptor.SERVER_CONFORMANCE, Boolean.TRUE);

        preStorageCreated(flagged, server);
        preStorageCreated(unflagged, new SystemRequestDetails());
        preStorageCreated(flaggedCondition, server);

        assertThat(flagged.getExpression()).isEqualTo(expression);
        assertThat(unflagged.getExpression()).doesNotContain("https://annota.io");
        assertThat(flaggedCondition.getNoteFirstRep().getText()).doesNotContain("example.org");
    }

    @Test
    void exportOutputPassesOnlyWhenFlaggedAndOnlyForBinary() {
        byte[] ndjson = "{\"resourceType\":\"Patient\",\"birthDate\":\"1956\"}\n".getBytes(StandardCharsets.UTF_8);
        Binary flagged = new Binary().setContentType("application/fhir+ndjson").setData(ndjson);
        flagged.setId("Xb7Qp2LmZ9");
        Condition flaggedCondition = new Condition();
        flaggedCondition.addNote().setText("see https://example.org/chart");
        SystemRequestDetails server = new SystemRequestDetails();
        server.getUserData().put(DeidentificationInterceptor.SERVER_EXPORT_OUTPUT, Boolean.TRUE);

        preStorageCreated(flagged, server);
        preStorageCreated(flaggedCondition, server);

        assertThat(flagged.getData()).isEqualTo(ndjson);
        assertThat(flaggedCondition.getNoteFirstRep().getText()).doesNotContain("example.org");
        Binary unflagged = new Binary().setContentType("application/fhir+ndjson").setData(ndjson);
        assertThatThrownBy(() -> preStorageCreated(unflagged, new SystemRequestDetails()))
                .isInstanceOf(UnprocessableEntityException.class);
    }

    private void preStorageCreated(IBaseResource resource, RequestDetails request) {
        interceptors.callHooks(Pointcut.STORAGE_PRESTORAGE_RESOURCE_CREATED, new HookParams()
                .add(IBaseResource.class, resource)
                .add(RequestDetails.class, request)
                .add(ServletRequestDetails.class, null)
                .add(TransactionDetails.class, new TransactionDetails())
                .add(RequestPartitionId.class, RequestPartitionId.defaultPartition()));
    }
}
