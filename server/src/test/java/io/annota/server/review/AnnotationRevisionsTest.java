package io.annota.server.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.annota.nlp.Assertion;
import io.annota.nlp.ConceptCode;
import io.annota.nlp.ConceptMention;
import io.annota.nlp.SemanticGroup;
import io.annota.server.nlp.AnnotationExtensions;
import io.annota.server.nlp.AnnotationResources;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Assertion corrections: the flags asked for change, the others stay, and the native status follows negation. */
class AnnotationRevisionsTest {

    private static final AnnotationResources.Source SOURCE = new AnnotationResources.Source(
            new Reference("DocumentReference/7/_history/2"), "DocumentReference.content[0].attachment",
            new Reference("Patient/p1"), Optional.empty());
    private static final Assertion AFFIRMED = new Assertion(false, false, false, false, false, "patient");
    private static final Assertion NEGATED = new Assertion(true, false, false, false, false, "patient");

    private static final Function<DomainResource, String> CONDITION_STATUS =
            r -> ((Condition) r).getVerificationStatus().getCodingFirstRep().getCode();
    private static final Function<DomainResource, String> DRUG_STATUS = r -> ((MedicationStatement) r).getStatus()
            .toCode();
    private static final Function<DomainResource, String> PROCEDURE_STATUS = r -> ((Procedure) r).getStatus()
            .toCode();

    static Stream<Arguments> corrections() {
        return Stream.of(
                Arguments.of("a negated disorder was affirmed", SemanticGroup.DISORDER, NEGATED,
                        Map.of("negated", false), null, CONDITION_STATUS, "confirmed"),
                Arguments.of("an affirmed symptom was negated", SemanticGroup.SIGN_SYMPTOM, AFFIRMED,
                        Map.of("negated", true), null, CONDITION_STATUS, "refuted"),
                Arguments.of("a family history, not the patient's", SemanticGroup.DISORDER, AFFIRMED,
                        Map.of("historyOf", true), "family_member", CONDITION_STATUS, "confirmed"),
                Arguments.of("a drug not taken after all", SemanticGroup.MEDICATION, AFFIRMED,
                        Map.of("negated", true), null, DRUG_STATUS, "not-taken"),
                Arguments.of("a drug taken after all", SemanticGroup.MEDICATION, NEGATED,
                        Map.of("negated", false, "uncertain", true), null, DRUG_STATUS, "unknown"),
                Arguments.of("a procedure that was done", SemanticGroup.PROCEDURE, NEGATED,
                        Map.of("negated", false), null, PROCEDURE_STATUS, "unknown"),
                Arguments.of("only the subject of a procedure", SemanticGroup.PROCEDURE, NEGATED,
                        Map.of(), "other", PROCEDURE_STATUS, "not-done"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corrections")
    void flagsAndSubjectAreCorrectedAndTheStatusFollows(String name, SemanticGroup group, Assertion machine,
            Map<String, Boolean> flags, String subject, Function<DomainResource, String> status, String expected) {
        DomainResource annotation = AnnotationResources.toResource(mention(group, machine), SOURCE);

        AnnotationRevisions.correct(annotation, new AnnotationRevisions.Correction(null, null, null, null, flags,
                subject));
        AnnotationRevisions.setState(annotation, ReviewStates.CORRECTED);

        Extension assertion = annotation.getExtensionByUrl(AnnotationExtensions.ASSERTION);
        List<Boolean> before = List.of(machine.negated(), machine.uncertain(), machine.historyOf(),
                machine.conditional(), machine.generic());
        for (int i = 0; i < before.size(); i++) {
            int index = i;
            String flag = AnnotationExtensions.FLAGS.get(i);
            assertThat(assertion.getExtensionsByUrl(flag)).as(flag).singleElement()
                    .satisfies(e -> assertThat(e.getValue().primitiveValue())
                            .isEqualTo(String.valueOf(flags.getOrDefault(flag, before.get(index)))));
        }
        assertThat(assertion.getExtensionByUrl(AnnotationExtensions.SUBJECT).getValue().primitiveValue())
                .isEqualTo(subject == null ? machine.subject() : subject);
        assertThat(status.apply(annotation)).isEqualTo(expected);
        // the code and span were not part of the correction
        assertThat(annotation.getExtensionByUrl(AnnotationExtensions.EVIDENCE)
                .getExtensionByUrl(AnnotationExtensions.TEXT).getValue().primitiveValue()).isEqualTo("aspirin");
    }

    private static ConceptMention mention(SemanticGroup group, Assertion assertion) {
        return new ConceptMention(group, List.of(new ConceptCode("http://example.org/codes", "c1", null)),
                4, 11, "aspirin", assertion);
    }
}
