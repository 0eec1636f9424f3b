package io.annota.nlp.ctakes;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.ctakes.core.fsm.output.StatusIndicator;
import org.apache.ctakes.necontexts.ContextAnnotator;
import org.apache.ctakes.necontexts.ContextHit;
import org.apache.ctakes.necontexts.status.StatusContextAnalyzer;
import org.apache.ctakes.typesystem.type.textsem.SignSymptomMention;
import org.apache.uima.fit.factory.JCasFactory;
import org.apache.uima.jcas.JCas;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Our hit consumers only write what a hit means, and never overwrite ClearTK's polarity 1 with 0. */
class NegationHitConsumerTest {

    JCas jcas;

    @BeforeEach
    void setUp() throws Exception {
        jcas = JCasFactory.createJCas();
    }

    SignSymptomMention mention(String text, String covered, int polarity) {
        jcas.reset();
        jcas.setDocumentText(text);
        int begin = text.indexOf(covered);
        SignSymptomMention m = new SignSymptomMention(jcas, begin, begin + covered.length());
        m.setPolarity(polarity);
        m.addToIndexes();
        return m;
    }

    static ContextHit hit(String text, String cue) {
        int begin = text.indexOf(cue);
        return new ContextHit(begin, begin + cue.length());
    }

    @Test
    void leftNegationCueNegates() {
        String text = "He reports fatigue and denies chest pain.";
        SignSymptomMention chestPain = mention(text, "chest pain", 1);
        new NegationHitConsumer().consumeHit(jcas, chestPain, ContextAnnotator.LEFT_SCOPE, hit(text, "denies"));
        assertThat(chestPain.getPolarity()).isEqualTo(-1);
    }

    @Test
    void preNegationCueOnTheRightIsIgnoredAndPolarityKept() {
        String text = "He reports fatigue and denies chest pain.";
        SignSymptomMention fatigue = mention(text, "fatigue", 1);
        new NegationHitConsumer().consumeHit(jcas, fatigue, ContextAnnotator.RIGHT_SCOPE, hit(text, "denies"));
        assertThat(fatigue.getPolarity()).isEqualTo(1);
    }

    @Test
    void postNegationCueOnTheRightNegates() {
        String text = "Pulmonary embolism was ruled out.";
        SignSymptomMention pe = mention(text, "Pulmonary embolism", 1);
        new NegationHitConsumer().consumeHit(jcas, pe, ContextAnnotator.RIGHT_SCOPE, hit(text, "ruled out"));
        assertThat(pe.getPolarity()).isEqualTo(-1);
    }

    @Test
    void ruleOutIsUncertaintyNotNegation() {
        String text = "Rule out pneumonia.";
        SignSymptomMention p = mention(text, "pneumonia", 1);
        new NegationHitConsumer().consumeHit(jcas, p, ContextAnnotator.LEFT_SCOPE, hit(text, "Rule out"));
        assertThat(p.getPolarity()).isEqualTo(1);
        assertThat(p.getUncertainty()).isEqualTo(1);
    }

    @Test
    void statusHitsUseClearTkValues() {
        String text = "Family history of hypertension.";
        SignSymptomMention m = mention(text, "hypertension", 1);
        ContextHit family = hit(text, "Family history");
        family.addMetaData(StatusContextAnalyzer.CTX_HIT_KEY_STATUS_TYPE, StatusIndicator.FAMILY_HISTORY_STATUS);
        new StatusHitConsumer().consumeHit(jcas, m, ContextAnnotator.LEFT_SCOPE, family);
        assertThat(m.getSubject()).isEqualTo("family_member");
        assertThat(m.getHistoryOf()).isEqualTo(1);
        assertThat(m.getUncertainty()).isZero();
        assertThat(m.getPolarity()).isEqualTo(1);

        SignSymptomMention p = mention("possible pneumonia", "pneumonia", 1);
        ContextHit possible = hit("possible pneumonia", "possible");
        possible.addMetaData(StatusContextAnalyzer.CTX_HIT_KEY_STATUS_TYPE, StatusIndicator.PROBABLE_STATUS);
        new StatusHitConsumer().consumeHit(jcas, p, ContextAnnotator.LEFT_SCOPE, possible);
        assertThat(p.getUncertainty()).isEqualTo(1);
        assertThat(p.getHistoryOf()).isZero();
    }
}
