package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.annota.server.nlp.AnnotationExtensions;
import io.annota.server.support.Notes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.StructureDefinition;
import org.junit.jupiter.api.Test;

/** The annotation API: extension definitions, custom search parameters and $annotate, through the FHIR API. */
class AnnotationApiIT extends AnnotaServerIT {

    private static final String NOTE = "He has type 2 diabetes mellitus and takes metformin. He denies chest pain.";

    @Test
    void extensionDefinitionsAndSearchParametersAreServed() {
        for (String url : List.of(AnnotationExtensions.EVIDENCE, AnnotationExtensions.ASSERTION,
                AnnotationExtensions.REVIEW_STATE)) {
            Bundle found = fhir().search().forResource(StructureDefinition.class)
                    .where(StructureDefinition.URL.matches().value(url)).returnBundle(Bundle.class).execute();
            assertThat(found.getEntry()).as(url).hasSize(1);
            StructureDefinition definition = (StructureDefinition) found.getEntryFirstRep().getResource();
            assertThat(definition.getUrl()).as("stored unscrubbed").isEqualTo(url);
            assertThat(definition.getDifferential().getElement()).extracting(e -> e.getPath()).contains("Extension.url");
        }
        CapabilityStatement capabilities = fhir().capabilities().ofType(CapabilityStatement.class).execute();
        for (String type : AnnotationExtensions.ANNOTATED_TYPES) {
            List<String> parameters = capabilities.getRestFirstRep().getResource().stream()
                    .filter(r -> r.getType().equals(type)).findFirst().orElseThrow().getSearchParam().stream()
                    .map(p -> p.getName()).toList();
            assertThat(parameters).as(type).contains("annotation-source", "annotation-negated", "annotation-subject",
                    "annotation-group", "review-state");
        }
    }

    @Test
    void annotationsAreSearchableByDocumentCodeAssertionReviewStateAndPatient() {
        String patient = createPatient();
        String document = createDocument(patient);
        List<Condition> conditions = awaitConditions(document, 2);
        MedicationStatement metformin = (MedicationStatement) search("MedicationStatement?annotation-source=" + document)
                .getEntryFirstRep().getResource();
        assertThat(metformin.getMedicationCodeableConcept().getText()).isEqualTo("metformin");

        Condition diabetes = conditions.stream().filter(c -> c.getCode().getText().contains("diabetes")).findFirst()
                .orElseThrow();
        String code = diabetes.getCode().getCodingFirstRep().getSystem() + "|"
                + diabetes.getCode().getCodingFirstRep().getCode();
        assertThat(ids(search("Condition?annotation-source=" + document + "&code=" + code)))
                .containsExactly(diabetes.getIdElement().toUnqualifiedVersionless().getValue());
        assertThat(texts(search("Condition?annotation-source=" + document + "&annotation-negated=false")))
                .contains(diabetes.getCode().getText()).doesNotContain("chest pain");
        assertThat(texts(search("Condition?annotation-source=" + document + "&annotation-negated=true")))
                .containsExactly("chest pain");
        assertThat(texts(search("Condition?annotation-source=" + document + "&annotation-group=sign-symptom")))
                .containsExactly("chest pain");
        assertThat(texts(search("Condition?annotation-source=" + document + "&annotation-group=disorder")))
                .contains(diabetes.getCode().getText()).doesNotContain("chest pain");
        assertThat(search("Condition?annotation-source=" + document + "&review-state=unconfirmed").getEntry())
                .hasSameSizeAs(conditions);
        assertThat(search("Condition?annotation-source=" + document + "&annotation-subject=patient").getEntry())
                .hasSameSizeAs(conditions);
        assertThat(search("Condition?subject=" + patient).getEntry()).hasSameSizeAs(conditions);

        Bundle included = search("Condition?annotation-source=" + document + "&_include=Condition:annotation-source"
                + "&_revinclude=Provenance:target");
        assertThat(included.getEntry()).extracting(e -> e.getResource().fhirType())
                .contains("Condition", "DocumentReference", "Provenance");
    }

    @Test
    void annotateReturnsWithoutWritingOrStoresOnce() throws Exception {
        String patient = createPatient();
        String document = createDocument(patient);
        int stored = awaitConditions(document, 2).size();

        Bundle preview = annotate(document, false);
        assertThat(preview.getType()).isEqualTo(Bundle.BundleType.COLLECTION);
        assertThat(preview.getEntry()).extracting(e -> e.getResource().fhirType())
                .contains("Condition", "MedicationStatement").doesNotContain("Provenance");
        // not stored: entries are named by urn:uuid, not by a server id
        assertThat(preview.getEntry()).allSatisfy(e -> assertThat(e.getFullUrl()).startsWith("urn:uuid:"));
        assertThat(search("Condition?annotation-source=" + document).getEntry()).hasSize(stored);

        for (int run = 0; run < 2; run++) {
            Bundle written = annotate(document, true);
            assertThat(written.getEntry()).extracting(e -> e.getResource().fhirType()).contains("Provenance");
            assertThat(written.getEntry().stream().filter(e -> e.getResource() instanceof Condition)).hasSize(stored);
            assertThat(search("Condition?annotation-source=" + document).getEntry()).hasSize(stored);
            assertThat(search("Provenance?entity=" + document).getEntry()).hasSize(1);
        }

        Parameters job = startJob("_id=" + new IdType(document).getIdPart());
        assertThat(job.getParameter("total").getValue().primitiveValue()).isEqualTo("1");
        Parameters status = await().atMost(Duration.ofSeconds(60)).until(
                () -> fhir().operation().onServer().named("$annotate-status")
                        .withParameter(Parameters.class, "job", new StringType(job.getParameter("job").getValue().primitiveValue()))
                        .useHttpGet().execute(),
                s -> s.getParameter("status").getValue().primitiveValue().equals("completed"));
        assertThat(status.getParameter("done").getValue().primitiveValue()).isEqualTo("1");
        assertThat(search("Condition?annotation-source=" + document).getEntry()).hasSize(stored);
    }

    private String createPatient() {
        return create(namedPatient("Oyelaran", "Tamsin"));
    }

    private String createDocument(String patient) {
        return create(Notes.note(patient, NOTE));
    }

    private List<Condition> awaitConditions(String document, int atLeast) {
        // the Provenance is written in the same transaction as the annotations: once it is there, all are
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> search("Provenance?entity=" + document).getEntry().size() == 1);
        List<Condition> conditions = search("Condition?annotation-source=" + document).getEntry().stream()
                .map(e -> (Condition) e.getResource()).toList();
        assertThat(conditions).hasSizeGreaterThanOrEqualTo(atLeast);
        return conditions;
    }

    private Bundle annotate(String document, boolean store) {
        return fhir().operation().onInstance(new IdType(document)).named("$annotate")
                .withParameter(Parameters.class, "store", new BooleanType(store))
                .returnResourceType(Bundle.class).execute();
    }

    /** Raw HTTP: the generic client cannot put search parameters on an operation's URL. */
    private Parameters startJob(String query) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + httpPort + "/fhir/DocumentReference/$annotate?" + query))
                .header("Content-Type", "application/fhir+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceType\":\"Parameters\"}")).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ca.uhn.fhir.context.FhirContext.forR4Cached().newJsonParser().parseResource(Parameters.class, response.body());
    }

    private Bundle search(String query) {
        return fhir().search().byUrl(query).returnBundle(Bundle.class).execute();
    }

    private static List<String> ids(Bundle bundle) {
        return bundle.getEntry().stream().map(e -> e.getResource().getIdElement().toUnqualifiedVersionless().getValue())
                .toList();
    }

    private static List<String> texts(Bundle bundle) {
        return bundle.getEntry().stream().map(Bundle.BundleEntryComponent::getResource)
                .filter(Condition.class::isInstance).map(r -> ((Condition) r).getCode().getText()).toList();
    }
}
