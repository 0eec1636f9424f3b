package io.annota.server.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.annota.nlp.Assertion;
import io.annota.nlp.ConceptCode;
import io.annota.nlp.ConceptMention;
import io.annota.nlp.PipelineInfo;
import io.annota.nlp.SemanticGroup;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.BodyStructure;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnnotationResourcesTest {

    private static final AnnotationResources.Source SOURCE = new AnnotationResources.Source(
            new Reference("DocumentReference/7/_history/2"), "DocumentReference.content[0].attachment",
            new Reference("Patient/p1"), Optional.of(new Reference("Encounter/e1")));

    private static final Assertion AFFIRMED = new Assertion(false, false, false, false, false, "patient");
    private static final Assertion NEGATED = new Assertion(true, false, false, false, false, "patient");
    private static final Assertion UNCERTAIN = new Assertion(false, true, false, false, false, "patient");
    private static final Assertion FAMILY = new Assertion(false, false, true, false, false, "family_member");

    static Stream<Arguments> conditions() {
        return Stream.of(
                Arguments.of(SemanticGroup.DISORDER, AFFIRMED, "unconfirmed"),
                Arguments.of(SemanticGroup.DISORDER, NEGATED, "refuted"),
                Arguments.of(SemanticGroup.SIGN_SYMPTOM, NEGATED, "refuted"),
                Arguments.of(SemanticGroup.SIGN_SYMPTOM, UNCERTAIN, "provisional"),
                Arguments.of(SemanticGroup.DISORDER, FAMILY, "unconfirmed"));
    }

    @ParameterizedTest
    @MethodSource("conditions")
    void disordersAndSymptomsBecomeConditionsWithTheirVerificationStatus(
            SemanticGroup group, Assertion assertion, String verification) {
        Condition condition = (Condition) AnnotationResources.toResource(mention(group, assertion), SOURCE);

        assertThat(condition.getVerificationStatus().getCodingFirstRep().getCode()).isEqualTo(verification);
        assertThat(condition.getSubject().getReference()).isEqualTo("Patient/p1");
        assertThat(condition.getEncounter().getReference()).isEqualTo("Encounter/e1");
        assertThat(condition.getCode().getCoding()).extracting(c -> c.getCode()).containsExactly("DOID:9352", "E11");
        assertThat(condition.getEvidenceFirstRep().getDetailFirstRep().getReference())
                .isEqualTo("DocumentReference/7/_history/2");
        assertEvidenceAndAssertion(condition, assertion);
    }

    static Stream<Arguments> drugs() {
        return Stream.of(
                Arguments.of(AFFIRMED, MedicationStatement.MedicationStatementStatus.UNKNOWN),
                Arguments.of(NEGATED, MedicationStatement.MedicationStatementStatus.NOTTAKEN));
    }

    @ParameterizedTest
    @MethodSource("drugs")
    void drugsBecomeMedicationStatements(Assertion assertion, MedicationStatement.MedicationStatementStatus status) {
        MedicationStatement statement = (MedicationStatement) AnnotationResources
                .toResource(mention(SemanticGroup.MEDICATION, assertion), SOURCE);

        assertThat(statement.getStatus()).isEqualTo(status);
        assertThat(statement.getSubject().getReference()).isEqualTo("Patient/p1");
        assertThat(statement.getContext().getReference()).isEqualTo("Encounter/e1");
        assertThat(statement.getDerivedFromFirstRep().getReference()).isEqualTo("DocumentReference/7/_history/2");
        assertEvidenceAndAssertion(statement, assertion);
    }

    @Test
    void everySemanticGroupHasItsResourceType() {
        Map<SemanticGroup, Class<?>> expected = Map.of(
                SemanticGroup.DISORDER, Condition.class, SemanticGroup.SIGN_SYMPTOM, Condition.class,
                SemanticGroup.MEDICATION, MedicationStatement.class, SemanticGroup.PROCEDURE, Procedure.class,
                SemanticGroup.LAB, Observation.class, SemanticGroup.ANATOMY, BodyStructure.class);
        for (SemanticGroup group : SemanticGroup.values()) {
            DomainResource resource = AnnotationResources.toResource(mention(group, FAMILY), SOURCE);
            assertThat(resource).as(group.name()).isInstanceOf(expected.get(group));
            assertThat(AnnotationExtensions.ANNOTATED_TYPES).contains(resource.fhirType());
            // the mention's DOID code would make a legacy annotation a disorder: the recorded group must win
            assertThat(AnnotationGroups.of(resource)).as(group.name()).isEqualTo(group);
            assertEvidenceAndAssertion(resource, FAMILY);
        }
    }

    static Stream<Arguments> procedures() {
        return Stream.of(
                Arguments.of(AFFIRMED, Procedure.ProcedureStatus.UNKNOWN),
                Arguments.of(NEGATED, Procedure.ProcedureStatus.NOTDONE));
    }

    @ParameterizedTest
    @MethodSource("procedures")
    void proceduresBecomeProceduresNotDoneWhenNegated(Assertion assertion, Procedure.ProcedureStatus status) {
        Procedure procedure = (Procedure) AnnotationResources.toResource(mention(SemanticGroup.PROCEDURE, assertion), SOURCE);

        assertThat(procedure.getStatus()).isEqualTo(status);
        assertThat(procedure.getCode().getCoding()).extracting(c -> c.getCode()).containsExactly("DOID:9352", "E11");
        assertThat(procedure.getSubject().getReference()).isEqualTo("Patient/p1");
        assertThat(procedure.getEncounter().getReference()).isEqualTo("Encounter/e1");
        assertEvidenceAndAssertion(procedure, assertion);
    }

    @ParameterizedTest
    @MethodSource("drugs")
    void labTestsBecomePreliminaryLaboratoryObservations(Assertion assertion) {
        Observation observation = (Observation) AnnotationResources.toResource(mention(SemanticGroup.LAB, assertion), SOURCE);

        assertThat(observation.getStatus()).isEqualTo(Observation.ObservationStatus.PRELIMINARY);
        assertThat(observation.getCategoryFirstRep().getCodingFirstRep().getCode()).isEqualTo("laboratory");
        assertThat(observation.getCode().getCodingFirstRep().getSystem()).isEqualTo("http://purl.obolibrary.org/obo/doid.owl");
        assertThat(observation.getSubject().getReference()).isEqualTo("Patient/p1");
        assertThat(observation.getEncounter().getReference()).isEqualTo("Encounter/e1");
        assertThat(observation.getDerivedFromFirstRep().getReference()).isEqualTo("DocumentReference/7/_history/2");
        assertEvidenceAndAssertion(observation, assertion);
    }

    @Test
    void anatomicalSitesBecomeBodyStructuresLocatedAtTheSite() {
        BodyStructure structure = (BodyStructure) AnnotationResources.toResource(mention(SemanticGroup.ANATOMY, NEGATED), SOURCE);

        assertThat(structure.getLocation().getCodingFirstRep().getCode()).isEqualTo("DOID:9352");
        assertThat(structure.getLocation().getText()).isEqualTo("type 2 diabetes mellitus");
        assertThat(structure.getPatient().getReference()).isEqualTo("Patient/p1");
        assertEvidenceAndAssertion(structure, NEGATED);
    }

    @Test
    void theDeviceIdDependsOnPipelineAndDictionary() {
        PipelineInfo full = new PipelineInfo("Apache cTAKES 5.1.0 full", "starter 1.0");
        PipelineInfo lite = new PipelineInfo("Apache cTAKES 5.1.0 lite", "starter 1.0");

        assertThat(AnnotationResources.deviceId(full)).isEqualTo(AnnotationResources.deviceId(full));
        assertThat(AnnotationResources.deviceId(full)).isNotEqualTo(AnnotationResources.deviceId(lite));
        assertThat(io.annota.deid.Pseudonymizer.isResourceId(AnnotationResources.deviceId(full)))
                .as("kept as it is by de-identification").isTrue();
        assertThat(AnnotationResources.device(full).getDeviceName()).extracting(n -> n.getName())
                .containsExactly("Apache cTAKES 5.1.0 full", "starter 1.0");
    }

    @Test
    void aRunWithoutMentionsTargetsTheDocumentItself() {
        Reference document = new Reference("DocumentReference/7/_history/2");
        Provenance provenance = AnnotationResources.provenance(List.of(), document, new Reference("Device/nlp-1"));

        assertThat(provenance.getTarget()).extracting(Reference::getReference)
                .containsExactly("DocumentReference/7/_history/2");
        assertThat(provenance.getEntityFirstRep().getWhat().getReference()).isEqualTo("DocumentReference/7/_history/2");
        assertThat(provenance.getAgentFirstRep().getWho().getReference()).isEqualTo("Device/nlp-1");
    }

    private static ConceptMention mention(SemanticGroup group, Assertion assertion) {
        return new ConceptMention(group,
                List.of(new ConceptCode("http://purl.obolibrary.org/obo/doid.owl", "DOID:9352", "type 2 diabetes mellitus"),
                        new ConceptCode("http://hl7.org/fhir/sid/icd-10-cm", "E11", null)),
                10, 34, "type 2 diabetes mellitus", assertion);
    }

    private static void assertEvidenceAndAssertion(DomainResource resource, Assertion assertion) {
        Extension evidence = resource.getExtensionByUrl(AnnotationExtensions.EVIDENCE);
        assertThat(evidence.getExtensionByUrl("source").getValue()).isInstanceOfSatisfying(Reference.class,
                r -> assertThat(r.getReference()).isEqualTo("DocumentReference/7/_history/2"));
        assertThat(((IntegerType) evidence.getExtensionByUrl("begin").getValue()).getValue()).isEqualTo(10);
        assertThat(((IntegerType) evidence.getExtensionByUrl("end").getValue()).getValue()).isEqualTo(34);
        assertThat(evidence.getExtensionByUrl("text").getValue().primitiveValue()).isEqualTo("type 2 diabetes mellitus");
        assertThat(evidence.getExtensionByUrl("path").getValue().primitiveValue())
                .isEqualTo("DocumentReference.content[0].attachment");

        Extension flags = resource.getExtensionByUrl(AnnotationExtensions.ASSERTION);
        assertThat(flags.getExtensionByUrl("negated").getValue().primitiveValue())
                .isEqualTo(String.valueOf(assertion.negated()));
        assertThat(flags.getExtensionByUrl("uncertain").getValue().primitiveValue())
                .isEqualTo(String.valueOf(assertion.uncertain()));
        assertThat(flags.getExtensionByUrl("historyOf").getValue().primitiveValue())
                .isEqualTo(String.valueOf(assertion.historyOf()));
        assertThat(flags.getExtensionByUrl("conditional").getValue().primitiveValue())
                .isEqualTo(String.valueOf(assertion.conditional()));
        assertThat(flags.getExtensionByUrl("generic").getValue().primitiveValue())
                .isEqualTo(String.valueOf(assertion.generic()));
        assertThat(flags.getExtensionByUrl("subject").getValue().primitiveValue()).isEqualTo(assertion.subject());
        assertThat(resource.getExtensionByUrl(AnnotationExtensions.REVIEW_STATE).getValue().primitiveValue())
                .isEqualTo("unconfirmed");
    }
}
