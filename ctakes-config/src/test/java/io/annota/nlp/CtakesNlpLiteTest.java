package io.annota.nlp;

import static io.annota.nlp.SemanticGroup.DISORDER;
import static io.annota.nlp.SemanticGroup.MEDICATION;
import static io.annota.nlp.SemanticGroup.SIGN_SYMPTOM;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The lite profile (rule-based negation and status, no ClearTK), started with a custom lookup XML that adds a
 * second BSV dictionary to the bundled one. Known misses of lite (measured, not asserted): "Mother had breast
 * cancer." keeps subject "patient" (only "family history" is a cue), no conditional or generic detection.
 */
class CtakesNlpLiteTest {

    static Stream<MentionCase> cases() {
        return Stream.of(
                MentionCase.of("Patient has type 2 diabetes mellitus.", "type 2 diabetes mellitus", DISORDER)
                        .code(CtakesNlpFullTest.DOID, "DOID:9352").negated(false).uncertain(false).historyOf(false)
                        .subject("patient"),
                MentionCase.of("denies chest pain", "chest pain", SIGN_SYMPTOM).negated(true),
                MentionCase.of("He reports fatigue and denies chest pain.", "chest pain", SIGN_SYMPTOM).negated(true),
                MentionCase.of("He reports fatigue and denies chest pain.", "fatigue", SIGN_SYMPTOM).negated(false),
                MentionCase.of("No fever or cough.", "cough", SIGN_SYMPTOM).negated(true),
                MentionCase.of("possible pneumonia", "pneumonia", DISORDER).uncertain(true).negated(false),
                MentionCase.of("Rule out pneumonia.", "pneumonia", DISORDER).uncertain(true).negated(false),
                MentionCase.of("Started metformin 500 mg twice daily.", "metformin", MEDICATION)
                        .code(CtakesNlpFullTest.RXNORM, "6809").negated(false),
                MentionCase.of("History of asthma.", "asthma", DISORDER).historyOf(true),
                MentionCase.of("Family history of hypertension.", "hypertension", DISORDER)
                        .subject("family_member"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mentions(MentionCase c) {
        c.check(SharedEngines.lite());
    }

    @Test
    void customLookupXmlAddsADictionaryWhoseIdsAreMappedByPrefix() {
        List<ConceptMention> mentions = SharedEngines.lite().annotate("Labs confirmed a zorbulin deficiency.");
        assertThat(mentions).singleElement().satisfies(m -> {
            assertThat(m.group()).isEqualTo(DISORDER);
            assertThat(m.coveredText()).isEqualTo("zorbulin deficiency");
            assertThat(m.codes()).containsExactly(new ConceptCode("http://terminology.hl7.org/CodeSystem/umls",
                    "C9999991", "zorbulin deficiency"));
        });
    }

    @Test
    void infoNamesLiteProfileAndBothDictionaries() {
        PipelineInfo info = SharedEngines.lite().info();
        assertThat(info.pipeline()).isEqualTo("Apache cTAKES 5.1.0 lite");
        assertThat(info.dictionary()).startsWith("Annota starter dictionary 1.1").endsWith("+ Annota test extra 0.1");
    }
}
