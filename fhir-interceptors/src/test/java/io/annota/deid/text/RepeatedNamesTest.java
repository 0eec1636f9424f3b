package io.annota.deid.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RepeatedNamesTest {

    private static final RepeatedNames REPEATS = new RepeatedNames(SafeWords.get(), Lexicon.get());

    /** The words of {@code text} in spans after {@code found} (a word marked as a name) has spread. */
    private static List<String> after(String text, String found) {
        List<PhiSpan> spans = new ArrayList<>();
        int at = text.indexOf(found);
        spans.add(new PhiSpan(at, at + found.length(), PhiType.LOCATION, 55, "cue:institution"));
        REPEATS.find(new Tokens(text), spans);
        return Spans.of(text, spans);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        // an unlisted word spreads to its other occurrences, in any case
        "transfer to Quartermain 2 or quartermain 3.|Quartermain|[LOCATION=Quartermain, LOCATION=quartermain]",
        // words of the safe list never do: the second 'heart' is clinical
        "d/c to Sacred Heart Hospital. heart rate 80s.|Sacred Heart|[LOCATION=Sacred Heart]",
        // nor plurals of abbreviations or misspellings of listed words
        "report to MDs at Oakhurst, MDs aware.|MDs|[LOCATION=MDs]"})
    void aFoundNameIsFoundWhereverItRecurs(String text, String found, String expected) {
        assertThat(after(text, found).toString()).isEqualTo(expected);
    }
}
