package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.annota.server.nlp.AnnotationExtensions;
import io.annota.server.nlp.DocumentAnnotator;
import io.annota.server.nlp.NlpEngineHolder;
import io.annota.server.support.Notes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Reports and observations are annotated like notes; a changed note gets its unconfirmed annotations replaced. */
class TextResourceAnnotationIT extends AnnotaServerIT {

    private static final Duration ANNOTATION_WAIT = Duration.ofSeconds(120);

    @Autowired
    private DocumentAnnotator annotator;
    @Autowired
    private NlpEngineHolder engine;

    @Test
    void diagnosticReportAndObservationTextsAreAnnotatedWithTheirElementPaths() {
        String patient = newPatient();
        DiagnosticReport report = new DiagnosticReport();
        report.setStatus(DiagnosticReport.DiagnosticReportStatus.FINAL);
        report.getCode().setText("Chest X-ray");
        report.setSubject(new Reference(patient));
        report.addPresentedForm(new Attachment().setContentType("text/plain")
                .setData("Findings consistent with pneumonia.".getBytes(StandardCharsets.UTF_8)));
        report.setConclusion("The patient has asthma.");
        String reportId = fhir().create().resource(report).execute().getId().toUnqualifiedVersionless().getValue();
        Observation observation = new Observation();
        observation.setStatus(Observation.ObservationStatus.FINAL);
        observation.getCode().setText("Nursing assessment");
        observation.setSubject(new Reference(patient));
        observation.setValue(new StringType("Patient reports a cough."));
        observation.addNote().setText("Known hypertension.");
        String observationId = fhir().create().resource(observation).execute().getId().toUnqualifiedVersionless()
                .getValue();

        List<Condition> conditions = await().atMost(ANNOTATION_WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> annotationsOf(Condition.class, patient), found -> found.size() >= 4);

        Map<String, String> pathByText = conditions.stream().collect(Collectors.toMap(
                c -> evidence(c, "text").toLowerCase(), c -> evidence(c, "path")));
        assertThat(pathByText).containsEntry("pneumonia", "DiagnosticReport.presentedForm[0]")
                .containsEntry("asthma", "DiagnosticReport.conclusion")
                .containsEntry("cough", "Observation.valueString")
                .containsEntry("hypertension", "Observation.note[0].text");
        DiagnosticReport storedReport = fhir().read().resource(DiagnosticReport.class).withUrl(reportId).execute();
        Observation storedObservation = fhir().read().resource(Observation.class).withUrl(observationId).execute();
        for (Condition condition : conditions) {
            String text = switch (evidence(condition, "path")) {
                case "DiagnosticReport.presentedForm[0]" -> new String(
                        storedReport.getPresentedFormFirstRep().getData(), StandardCharsets.UTF_8);
                case "DiagnosticReport.conclusion" -> storedReport.getConclusion();
                case "Observation.valueString" -> storedObservation.getValueStringType().getValue();
                default -> storedObservation.getNoteFirstRep().getText();
            };
            int begin = ((IntegerType) evidenceExtension(condition).getExtensionByUrl("begin").getValue()).getValue();
            int end = ((IntegerType) evidenceExtension(condition).getExtensionByUrl("end").getValue()).getValue();
            assertThat(text.substring(begin, end)).isEqualTo(evidence(condition, "text"));
            assertThat(((Reference) evidenceExtension(condition).getExtensionByUrl("source").getValue())
                    .getReference()).startsWith(evidence(condition, "path").startsWith("Diagnostic")
                            ? reportId + "/_history/1" : observationId + "/_history/1");
        }
        assertThat(provenancesOf(reportId)).hasSize(1);
        assertThat(provenancesOf(observationId)).hasSize(1);

        Bundle preview = fhir().operation().onInstance(new IdType(reportId)).named("$annotate")
                .withNoParameters(Parameters.class).returnResourceType(Bundle.class).execute();
        assertThat(preview.getEntry()).extracting(e -> evidence((DomainResource) e.getResource(), "path"))
                .contains("DiagnosticReport.presentedForm[0]", "DiagnosticReport.conclusion");
        assertThat(provenancesOf(reportId)).as("a preview stores nothing").hasSize(1);
    }

    @Test
    void aChangedNoteGetsItsUnconfirmedAnnotationsReplacedAndDecidedOnesKept() throws Exception {
        String patient = newPatient();
        DocumentReference note =
                Notes.note(patient, "He has pneumonia and type 2 diabetes mellitus and takes metformin.");
        String noteId = fhir().create().resource(note).execute().getId().toUnqualifiedVersionless().getValue();
        await().atMost(ANNOTATION_WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> provenancesOf(noteId).size() == 1);
        List<Condition> first = annotationsOf(Condition.class, patient);
        assertThat(first).extracting(c -> c.getCode().getText().toLowerCase())
                .containsExactlyInAnyOrder("pneumonia", "type 2 diabetes mellitus");
        assertThat(annotationsOf(MedicationStatement.class, patient)).hasSize(1);
        Condition decided = first.stream().filter(c -> c.getCode().getText().equalsIgnoreCase("pneumonia"))
                .findFirst().orElseThrow();
        decided.getExtensionByUrl(AnnotationExtensions.REVIEW_STATE).setValue(new CodeType("accepted"));
        fhir().update().resource(decided).execute();

        note.setId(noteId);
        note.getContentFirstRep().getAttachment()
                .setData("He has pneumonia and asthma.".getBytes(StandardCharsets.UTF_8));
        fhir().update().resource(note).execute();
        await().atMost(ANNOTATION_WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> provenancesOf(noteId).size() == 2);

        List<Condition> second = annotationsOf(Condition.class, patient);
        String decidedId = decided.getIdElement().toUnqualifiedVersionless().getValue();
        assertThat(second).extracting(c -> c.getIdElement().toUnqualifiedVersionless().getValue())
                .as("the accepted pneumonia of version 1 stays").contains(decidedId);
        // (its evidence lost the version on the way: HAPI's client strips versions from references it sends)
        assertThat(second).filteredOn(c -> !c.getIdElement().toUnqualifiedVersionless().getValue().equals(decidedId))
                .extracting(c -> c.getCode().getText().toLowerCase() + "@" + sourceVersion(c))
                .as("diabetes (unconfirmed) is replaced by version 2's annotations")
                .containsExactlyInAnyOrder("pneumonia@2", "asthma@2");
        assertThat(annotationsOf(MedicationStatement.class, patient)).as("unconfirmed metformin replaced").isEmpty();
        Provenance firstRun = provenancesOf(noteId).stream()
                .filter(p -> p.getEntityFirstRep().getWhat().getReference().endsWith("/_history/1"))
                .findFirst().orElseThrow();
        assertThat(firstRun.getTarget()).extracting(Reference::getReference)
                .containsExactly(decided.getIdElement().toUnqualifiedVersionless().getValue());

        annotator.annotate(noteId, engine.await(Duration.ofSeconds(5)));
        assertThat(annotationsOf(Condition.class, patient)).as("running again adds nothing").hasSize(3);
        assertThat(provenancesOf(noteId)).hasSize(2);
    }

    private String newPatient() {
        Patient patient = new Patient();
        patient.setGender(Enumerations.AdministrativeGender.UNKNOWN);
        return fhir().create().resource(patient).execute().getId().toUnqualifiedVersionless().getValue();
    }

    private <T extends DomainResource> List<T> annotationsOf(Class<T> type, String patient) {
        Bundle bundle = fhir().search().forResource(type).where(Condition.SUBJECT.hasId(patient))
                .returnBundle(Bundle.class).execute();
        return bundle.getEntry().stream().map(e -> type.cast(e.getResource())).toList();
    }

    private List<Provenance> provenancesOf(String resource) {
        Bundle bundle = fhir().search().forResource(Provenance.class).where(Provenance.ENTITY.hasId(resource))
                .returnBundle(Bundle.class).execute();
        return bundle.getEntry().stream().map(e -> (Provenance) e.getResource()).toList();
    }

    private static Extension evidenceExtension(DomainResource annotation) {
        return annotation.getExtensionByUrl(AnnotationExtensions.EVIDENCE);
    }

    private static String evidence(DomainResource annotation, String part) {
        return evidenceExtension(annotation).getExtensionByUrl(part).getValue().primitiveValue();
    }

    private static String sourceVersion(DomainResource annotation) {
        Reference source = (Reference) evidenceExtension(annotation).getExtensionByUrl("source").getValue();
        return source.getReferenceElement().getVersionIdPart();
    }
}
