package io.annota.synthetic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DeterminismTest {

    /** One output kind: how to draw a batch and how to reduce it to comparable text or bytes. */
    record Kind(String name, String stream, Function<SyntheticFeed, List<Object>> draw) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Arguments> kinds() {
        return Stream.of(
                Arguments.of(new Kind("HL7 feed bytes", "hl7", f -> bytes(f.hl7Feed(150)))),
                Arguments.of(new Kind("ADT feed bytes", "adt", f -> bytes(f.adtFeed(60)))),
                Arguments.of(new Kind("bundle JSON", "fhir", f -> new ArrayList<>(f.fhirBundles(4).stream()
                        .map(GeneratedBundle::json).toList()))),
                Arguments.of(new Kind("notes", "notes", f -> new ArrayList<>(f.notes(20).stream().map(SyntheticNote::text)
                        .toList()))),
                Arguments.of(new Kind("nursing notes", "nursing", f -> new ArrayList<>(f.nursingNotes(30).stream()
                        .map(SyntheticNote::text).toList()))),
                Arguments.of(new Kind("nursing gold", "nursing", f -> new ArrayList<>(f.nursingNotes(30).stream()
                        .map(n -> List.of(n.phi(), n.clinical())).toList()))),
                Arguments.of(new Kind("HL7 gold", "hl7", f -> new ArrayList<>(f.hl7Feed(60).stream()
                        .map(GeneratedHl7::phi).toList()))),
                Arguments.of(new Kind("note gold", "notes", f -> new ArrayList<>(f.notes(10).stream()
                        .map(n -> List.of(n.phi(), n.clinical())).toList()))),
                Arguments.of(new Kind("bundle gold", "fhir", f -> new ArrayList<>(f.fhirBundles(3).stream()
                        .map(GeneratedBundle::phi).toList()))));
    }

    private static List<Object> bytes(List<GeneratedHl7> messages) {
        List<Object> out = new ArrayList<>();
        for (GeneratedHl7 message : messages) {
            out.add(new String(message.bytes(), java.nio.charset.StandardCharsets.ISO_8859_1));
            out.add(message.quirks().toString() + message.charset());
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void sameSeedGivesIdenticalOutput(Kind kind) {
        assertThat(kind.draw().apply(new SyntheticFeed(7))).isEqualTo(kind.draw().apply(new SyntheticFeed(7)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void differentSeedsGiveDifferentOutput(Kind kind) {
        List<Object> a = kind.draw().apply(new SyntheticFeed(7));
        List<Object> b = kind.draw().apply(new SyntheticFeed(8));
        assertThat(a).isNotEqualTo(b);
        assertThat(a.get(0)).isNotEqualTo(b.get(0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void streamsDoNotDependOnOtherCalls(Kind kind) {
        // each kind draws from its own stream: calls of the other methods in between change nothing
        SyntheticFeed fresh = new SyntheticFeed(7);
        kind.draw().apply(fresh);
        List<Object> expected = kind.draw().apply(fresh);
        SyntheticFeed other = new SyntheticFeed(7);
        kind.draw().apply(other);
        if (!kind.stream().equals("notes")) {
            other.note();
        }
        if (!kind.stream().equals("hl7")) {
            other.hl7Feed(3);
        }
        if (!kind.stream().equals("nursing")) {
            other.nursingNote();
        }
        if (!kind.stream().equals("adt")) {
            other.adtFeed(2);
        }
        if (!kind.stream().equals("fhir")) {
            other.fhirBundles(1);
        }
        assertThat(kind.draw().apply(other)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void successiveCallsContinueTheFeed() {
        SyntheticFeed split = new SyntheticFeed(11);
        List<GeneratedHl7> parts = new ArrayList<>(split.hl7Feed(25));
        parts.addAll(split.hl7Feed(25));
        assertThat(bytes(parts)).isEqualTo(bytes(new SyntheticFeed(11).hl7Feed(50)));
    }
}
