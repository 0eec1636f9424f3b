package io.annota.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every semantic group of the starter dictionary and every assertion attribute, on short notes written for the
 * project ({@code notes/dictionary-cases.tsv}), through the shared full engine.
 */
class DictionaryNotesTest {

    static final String TABLE = "notes/dictionary-cases.tsv";

    /** One table row: the mention (text, span, group, primary code) and the one assertion it must carry. */
    record NoteCase(MentionCase mention, String assertion) {
        @Override
        public String toString() {
            return assertion + ": " + mention;
        }
    }

    static Stream<NoteCase> cases() throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                DictionaryNotesTest.class.getClassLoader().getResourceAsStream(TABLE), StandardCharsets.UTF_8))) {
            return r.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).map(DictionaryNotesTest::row)
                    .toList().stream();
        }
    }

    static NoteCase row(String line) {
        String[] f = line.split("\t");
        MentionCase mention = MentionCase.of(f[0], f[1], SemanticGroup.valueOf(f[2])).code(f[3], f[4]);
        return new NoteCase(mention, f[5]);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void mentionHasGroupCodeAndAssertion(NoteCase c) {
        ConceptMention m = c.mention().check(SharedEngines.full());
        assertThat(m.assertion()).as("%s: %s", c.assertion(), m).matches(expectation(c.assertion()));
    }

    static Predicate<Assertion> expectation(String assertion) {
        return switch (assertion) {
            case "affirmed" -> a -> !a.negated() && !a.uncertain() && a.subject().equals("patient");
            case "negated" -> Assertion::negated;
            case "uncertain" -> a -> a.uncertain() && !a.negated();
            case "historyOf" -> Assertion::historyOf;
            case "conditional" -> Assertion::conditional;
            case "generic" -> Assertion::generic;
            case "family_member" -> a -> a.subject().equals("family_member");
            default -> throw new IllegalArgumentException("unknown assertion in " + TABLE + ": " + assertion);
        };
    }

    @Test
    void tableCoversEveryGroupAndAssertion() throws IOException {
        List<NoteCase> all = cases().toList();
        assertThat(all).extracting(c -> c.mention().group()).contains(SemanticGroup.values());
        assertThat(all).extracting(NoteCase::assertion).contains("affirmed", "negated", "uncertain", "historyOf",
                "conditional", "generic", "family_member");
    }
}
