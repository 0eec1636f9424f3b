package io.annota.nlp;

import static io.annota.nlp.SemanticGroup.DISORDER;
import static io.annota.nlp.SemanticGroup.MEDICATION;
import static io.annota.nlp.SemanticGroup.SIGN_SYMPTOM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full profile (ClearTK assertion + NegEx-style negation) on short synthetic notes. Only behaviour that was
 * measured to work is asserted. Known misses (measured, not asserted; see README): the subject of
 * "Her father has diabetes." stays "patient", and "If chest pain recurs, ..." is not marked conditional.
 */
class CtakesNlpFullTest {

    static final String DOID = "http://purl.obolibrary.org/obo/doid.owl";
    static final String SYMP = "http://purl.obolibrary.org/obo/symp.owl";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String DRUGBANK = "https://go.drugbank.com/drugs";
    static final String ICD10CM = "http://hl7.org/fhir/sid/icd-10-cm";

    static Stream<MentionCase> cases() {
        return Stream.of(
                MentionCase.of("Patient has type 2 diabetes mellitus.", "type 2 diabetes mellitus", DISORDER)
                        .code(DOID, "DOID:9352").negated(false).uncertain(false).historyOf(false).subject("patient"),
                MentionCase.of("denies chest pain", "chest pain", SIGN_SYMPTOM).code(SYMP, "SYMP:0000576")
                        .negated(true),
                MentionCase.of("He reports fatigue and denies chest pain.", "chest pain", SIGN_SYMPTOM).negated(true),
                MentionCase.of("He reports fatigue and denies chest pain.", "fatigue", SIGN_SYMPTOM).negated(false),
                MentionCase.of("No fever or cough.", "fever", SIGN_SYMPTOM).negated(true),
                MentionCase.of("No fever or cough.", "cough", SIGN_SYMPTOM).negated(true),
                MentionCase.of("Negative for dyspnea.", "dyspnea", SIGN_SYMPTOM).negated(true),
                MentionCase.of("possible pneumonia", "pneumonia", DISORDER).code(DOID, "DOID:552")
                        .uncertain(true).negated(false),
                MentionCase.of("Rule out pneumonia.", "pneumonia", DISORDER).uncertain(true).negated(false),
                MentionCase.of("Started metformin 500 mg twice daily.", "metformin", MEDICATION)
                        .code(RXNORM, "6809").negated(false),
                MentionCase.of("Takes lisinopril, aspirin and insulin.", "lisinopril", MEDICATION).code(RXNORM, "29046"),
                MentionCase.of("Takes lisinopril, aspirin and insulin.", "aspirin", MEDICATION)
                        .code(DRUGBANK, "DB00945"),
                MentionCase.of("Takes lisinopril, aspirin and insulin.", "insulin", MEDICATION).code(RXNORM, "253182"),
                MentionCase.of("History of asthma.", "asthma", DISORDER).code(DOID, "DOID:2841").historyOf(true),
                MentionCase.of("Family history of hypertension.", "hypertension", DISORDER).code(DOID, "DOID:10763")
                        .subject("family_member"),
                MentionCase.of("Mother had breast cancer.", "breast cancer", DISORDER).subject("family_member"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mentions(MentionCase c) {
        c.check(SharedEngines.full());
    }

    @Test
    void infoNamesCtakesProfileAndDictionary() {
        PipelineInfo info = SharedEngines.full().info();
        assertThat(info.pipeline()).isEqualTo("Apache cTAKES 5.1.0 full");
        assertThat(info.dictionary()).startsWith("Annota starter dictionary 1.1")
                .contains("DOID", "RxNorm", "MAxO", "Uberon", "CDISC SDTM CT", "CVX", "ICD-10-PCS");
        assertThat(SharedEngines.full().workers()).isEqualTo(2);
    }

    @Test
    void codesListThePrimaryCodeFirstThenCrossReferences() {
        ConceptMention dm = only(SharedEngines.full().annotate("Known type 2 diabetes mellitus."), DISORDER);
        assertThat(dm.codes()).containsExactly(
                new ConceptCode(DOID, "DOID:9352", "type 2 diabetes mellitus"),
                new ConceptCode(ICD10CM, "E11", "Type 2 diabetes mellitus"));
        ConceptMention cp = only(SharedEngines.full().annotate("Chest pain since yesterday."), SIGN_SYMPTOM);
        assertThat(cp.codes()).extracting(ConceptCode::code).containsExactly("SYMP:0000576", "R07.9");
        ConceptMention met = only(SharedEngines.full().annotate("Metformin was increased."), MEDICATION);
        assertThat(met.codes()).containsExactly(new ConceptCode(RXNORM, "6809", "metformin"),
                new ConceptCode(DRUGBANK, "DB00331", "Metformin"));
    }

    @Test
    void offsetsIndexIntoTheGivenText() {
        String note = "\n\n  HPI:\tThe patient, a 70 y/o woman, has hypertension.\r\nShe denies chest pain.  "
                + "Meds: aspirin 81 mg daily.\n";
        List<ConceptMention> mentions = SharedEngines.full().annotate(note);
        // the longest span is kept per group only, so the body part inside "chest pain" is reported as anatomy
        assertThat(mentions).extracting(ConceptMention::coveredText)
                .containsExactly("hypertension", "chest", "chest pain", "aspirin");
        for (ConceptMention m : mentions) {
            assertThat(note.substring(m.begin(), m.end())).isEqualTo(m.coveredText());
        }
        assertThat(mentions.get(2).assertion().negated()).isTrue();
        assertThat(mentions.get(0).assertion().negated()).isFalse();
    }

    @Test
    void blankTextGivesNoMentionsAndNullIsRejected() {
        assertThat(SharedEngines.full().annotate("")).isEmpty();
        assertThat(SharedEngines.full().annotate("  \n ")).isEmpty();
        assertThat(SharedEngines.full().annotate("The weather is nice today.")).isEmpty();
        assertThatThrownBy(() -> SharedEngines.full().annotate(null)).isInstanceOf(IllegalArgumentException.class);
    }

    static ConceptMention only(List<ConceptMention> mentions, SemanticGroup group) {
        List<ConceptMention> inGroup = mentions.stream().filter(m -> m.group() == group).toList();
        assertThat(inGroup).hasSize(1);
        return inGroup.get(0);
    }
}
