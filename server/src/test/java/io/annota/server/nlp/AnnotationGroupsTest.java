package io.annota.server.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.annota.nlp.SemanticGroup;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.BodyStructure;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AnnotationGroupsTest {

    @Test
    void everyGroupHasACodeThatParsesBack() {
        assertThat(AnnotationGroups.CODES).containsExactly("disorder", "sign-symptom", "medication", "procedure",
                "anatomy", "lab");
        for (SemanticGroup group : SemanticGroup.values()) {
            assertThat(AnnotationGroups.parse(AnnotationGroups.code(group))).contains(group);
        }
        assertThat(AnnotationGroups.parse("SIGN_SYMPTOM")).isEmpty();
        assertThat(AnnotationGroups.parse(null)).isEmpty();
    }

    /** Annotations stored before the group was recorded carry only their type and codes. */
    static Stream<Arguments> legacy() {
        Condition symptom = new Condition();
        symptom.getCode().addCoding(new Coding("http://purl.obolibrary.org/obo/symp.owl", "SYMP:0000099", null));
        Condition disorder = new Condition();
        disorder.getCode().addCoding(new Coding("http://purl.obolibrary.org/obo/doid.owl", "DOID:9352", null));
        return Stream.of(
                Arguments.of(symptom, SemanticGroup.SIGN_SYMPTOM),
                Arguments.of(disorder, SemanticGroup.DISORDER),
                Arguments.of(new MedicationStatement(), SemanticGroup.MEDICATION),
                Arguments.of(new Procedure(), SemanticGroup.PROCEDURE),
                Arguments.of(new Observation(), SemanticGroup.LAB),
                Arguments.of(new BodyStructure(), SemanticGroup.ANATOMY));
    }

    @ParameterizedTest
    @MethodSource("legacy")
    void withoutARecordedGroupTypeAndCodesDecide(DomainResource annotation, SemanticGroup expected) {
        assertThat(AnnotationGroups.of(annotation)).isEqualTo(expected);
    }

    @Test
    void aRecordedGroupWins() {
        Condition condition = new Condition();
        condition.getCode().addCoding(new Coding("http://purl.obolibrary.org/obo/doid.owl", "DOID:9352", null));
        Extension evidence = new Extension(AnnotationExtensions.EVIDENCE);
        evidence.addExtension(AnnotationExtensions.GROUP, new CodeType("sign-symptom"));
        condition.addExtension(evidence);
        assertThat(AnnotationGroups.of(condition)).isEqualTo(SemanticGroup.SIGN_SYMPTOM);
    }
}
