package io.annota.server.quality;

import static io.annota.nlp.SemanticGroup.DISORDER;
import static org.assertj.core.api.Assertions.assertThat;

import io.annota.nlp.Assertion;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AttributeScoresTest {

    /*
     * Four matched pairs, (machine; gold):
     *   p1 negated, family_member  ; negated, family_member  -> negated tp, subject tp
     *   p2 negated, family_member  ; -, other                -> negated fp, subject fp (someone else, but not them)
     *   p3 -, patient              ; negated, patient        -> negated fn, subject tn
     *   p4 -, patient              ; -, family_member        -> negated tn, subject fn
     * negated and subject: tp 1 fp 1 fn 1 tn 1: precision 1/2, recall 1/2, F1 1/2, accuracy 2/4.
     * uncertain is never set: tn 4, precision, recall and F1 undefined, accuracy 1.
     */
    @Test
    void confusionPerAttribute() {
        List<Matching.Pair> pairs = List.of(
                pair(assertion(true, "family_member"), assertion(true, "family_member")),
                pair(assertion(true, "family_member"), assertion(false, "other")),
                pair(assertion(false, "patient"), assertion(true, "patient")),
                pair(assertion(false, "patient"), assertion(false, "family_member")));

        Map<AttributeScores.Attribute, AttributeScores.Score> scores = AttributeScores.of(pairs).stream()
                .collect(Collectors.toMap(AttributeScores.Score::attribute, Function.identity()));

        assertThat(scores).hasSize(6);
        for (AttributeScores.Attribute attribute : List.of(AttributeScores.Attribute.NEGATED,
                AttributeScores.Attribute.SUBJECT)) {
            AttributeScores.Score score = scores.get(attribute);
            assertThat(score).isEqualTo(new AttributeScores.Score(attribute, 1, 1, 1, 1));
            assertThat(score.counts().precision()).hasValue(0.5);
            assertThat(score.counts().recall()).hasValue(0.5);
            assertThat(score.counts().f1()).hasValue(0.5);
            assertThat(score.accuracy()).hasValue(0.5);
        }
        AttributeScores.Score uncertain = scores.get(AttributeScores.Attribute.UNCERTAIN);
        assertThat(uncertain.tn()).isEqualTo(4);
        assertThat(uncertain.counts().precision()).isEmpty();
        assertThat(uncertain.counts().f1()).isEmpty();
        assertThat(uncertain.accuracy()).hasValue(1.0);
    }

    @Test
    void attributeNamesAreThoseOfTheAssertionExtension() {
        assertThat(List.of(AttributeScores.Attribute.values())).extracting(AttributeScores.Attribute::code)
                .containsExactly("negated", "uncertain", "historyOf", "conditional", "generic", "subject");
    }

    private static Assertion assertion(boolean negated, String subject) {
        return new Assertion(negated, false, false, false, false, subject);
    }

    private static Matching.Pair pair(Assertion machine, Assertion gold) {
        return new Matching.Pair(mention(gold), mention(machine));
    }

    private static Mention mention(Assertion assertion) {
        return new Mention(ExtractionScoresTest.TEXT, 0, 5, DISORDER, Set.of("s|A"), assertion);
    }
}
