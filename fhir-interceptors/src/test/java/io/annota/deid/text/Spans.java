package io.annota.deid.text;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Test helper: detector output as "TYPE=covered text" strings, in text order. */
final class Spans {

    private Spans() {
    }

    static List<String> of(String text, List<PhiSpan> spans) {
        List<PhiSpan> sorted = new ArrayList<>(spans);
        sorted.sort(Comparator.comparingInt(PhiSpan::start).thenComparingInt(PhiSpan::end));
        List<String> out = new ArrayList<>();
        for (PhiSpan s : sorted) {
            out.add(s.type() + "=" + text.substring(s.start(), s.end()));
        }
        return out;
    }

    static List<String> patterns(String text) {
        List<PhiSpan> spans = new ArrayList<>();
        PatternFinder.find(text, spans);
        return of(text, spans);
    }

    static List<String> dates(String text) {
        List<PhiSpan> spans = new ArrayList<>();
        DateFinder.find(text, spans, 1);
        return of(text, spans);
    }

    static List<String> names(String text) {
        List<PhiSpan> spans = new ArrayList<>();
        new NameFinder().find(text, spans);
        AddressBlocks.find(text, spans);
        return of(text, spans);
    }
}
