package io.annota.deid.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import opennlp.tools.ml.model.Event;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PhiTokenModelTest {

    private static final PhiTokenModel BUNDLED = PhiTokenModel.bundled();

    /** Probability of the word at {@code word} (its first occurrence) in {@code text}. */
    private static double probability(PhiTokenModel model, String text, String word) {
        Tokens t = new Tokens(text);
        for (int i = 0; i < t.size(); i++) {
            if (t.text().substring(t.start(i), t.end(i)).equals(word)) {
                return model.probability(t, i);
            }
        }
        throw new IllegalArgumentException(word + " not in " + text);
    }

    @ParameterizedTest(name = "{1} in \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "pt seen by dr okonkwo this am, plan unchanged.|okonkwo",
        "WIFE MARGARETHE AT BEDSIDE, UPDATED BY RN.|MARGARETHE",
        "transferred to Brackley Hospital for cath.|Brackley",
        "Jon Vetrano, RRT|Vetrano"})
    void theBundledModelFindsNamesInNotes(String text, String word) {
        assertThat(probability(BUNDLED, text, word)).isGreaterThan(0.5);
    }

    @ParameterizedTest(name = "{1} in \"{0}\"")
    @CsvSource(delimiter = '|', value = {
        "lasix 40 mg iv given, good uo.|lasix",
        "NEURO: A&OX3, MAE, PERRLA.|PERRLA",
        "Resp: LS coarse, sx for thick tan secretions.|coarse",
        "Plan: cont heparin gtt, f/u PTT.|heparin"})
    void theBundledModelLeavesClinicalWords(String text, String word) {
        assertThat(probability(BUNDLED, text, word)).isLessThan(PhiTokenModel.VETO);
    }

    @Test
    void trainingLearnsFromTheGoldItIsGiven() throws Exception {
        List<Event> events = new ArrayList<>();
        for (String name : List.of("quorvel", "bantrey", "sillano", "dravick", "tolmers", "peskan")) {
            String text = "spoke with " + name + " about plan, lasix given.";
            int start = text.indexOf(name);
            events.addAll(PhiTokenModel.events(text, List.<int[]>of(new int[] {start, start + name.length()})));
        }
        PhiTokenModel model = PhiTokenModel.train(events, 50, 1);
        String unseen = "spoke with varnock about plan, lasix given.";
        assertThat(probability(model, unseen, "varnock")).isGreaterThan(0.5);
        assertThat(probability(model, unseen, "lasix")).isLessThan(0.5);
        assertThat(PhiTokenModel.events(unseen, List.of())).allMatch(e -> e.getOutcome().equals("o"));
    }

    @Test
    void theVetoRemovesOnlyWeakGuessesTheModelDoubts() {
        String text = "Plan: cont heparin gtt, f/u PTT. Dr. Okonkwo aware.";
        Tokens t = new Tokens(text);
        int heparin = text.indexOf("heparin");
        int doctor = text.indexOf("Okonkwo");
        List<PhiSpan> spans = new ArrayList<>(List.of(
                new PhiSpan(heparin, heparin + 7, PhiType.NAME, 50, "cue:contact"),
                new PhiSpan(doctor, doctor + 7, PhiType.NAME, 55, "cue:title")));
        BUNDLED.veto(t, spans);
        assertThat(spans).extracting(PhiSpan::rule).containsExactly("cue:title");
    }
}
