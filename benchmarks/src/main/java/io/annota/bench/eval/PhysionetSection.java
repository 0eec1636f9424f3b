package io.annota.bench.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.annota.bench.eval.PhysionetDeidSet.Note;
import io.annota.bench.eval.SpanScore.Span;
import io.annota.bench.eval.SpanScore.Totals;
import io.annota.deid.TextScrubber;
import io.annota.deid.text.PhiSpan;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The scrubber on the PhysioNet deid development notes ({@link PhysionetDeidSet}), scored by {@link SpanScore}
 * beside the deid.pl baseline of the same notes, with per-rule counts, throughput and, on request, the clinical
 * damage ({@link ClinicalDamage}). No patient is known for these notes, so no fingerprints. Prints counts and
 * shapes only; values only under {@code --show-values}.
 */
final class PhysionetSection {

    /** Options of this section. */
    record Options(boolean misses, boolean showValues, double seconds, Path writeSpans, String damageProfile,
                   int damageNotes) {
    }

    private PhysionetSection() {
    }

    static void run(Path dir, TextScrubber scrubber, Options options) throws IOException {
        System.out.println("## PhysioNet deid development notes (real ICU nursing notes, no fingerprints)");
        System.out.println();
        if (!Files.exists(dir.resolve("notes.jsonl"))) {
            System.out.println("Not run: no " + dir.resolve("notes.jsonl") + ".");
            System.out.println();
            return;
        }
        PhysionetDeidSet set = PhysionetDeidSet.read(dir);
        SpanScore annota = new SpanScore(Set.of(PhysionetDeidSet.DATE_YEAR));
        SpanScore baseline = new SpanScore(Set.of(PhysionetDeidSet.DATE_YEAR));
        long chars = 0;
        long t0 = System.nanoTime();
        Map<PhysionetDeidSet.Key, List<Span>> predicted = new LinkedHashMap<>();
        for (Note note : set.notes()) {
            List<Span> spans = new ArrayList<>();
            for (PhiSpan s : scrubber.detect(note.text(), Set.of())) {
                spans.add(new Span(s.start(), s.end(), s.type().name(), s.rule()));
            }
            predicted.put(note.key(), spans);
            chars += note.text().length();
        }
        double detectSeconds = (System.nanoTime() - t0) / 1e9;
        for (Note note : set.notes()) {
            List<Span> gold = set.goldOf(note.key());
            annota.add(note.text(), gold, predicted.get(note.key()));
            baseline.add(note.text(), gold, set.baseline().getOrDefault(note.key(), List.of()));
        }
        System.out.printf(Locale.ROOT, "%d notes, %,d characters, %d gold spans; detect over all notes took %.1f s "
                + "(first pass, cold).%n%n", set.notes().size(), chars, annota.all.gold, detectSeconds);

        System.out.println("| system | gold | span recall (overlap) | full-span recall | exact | predicted "
                + "| span precision | char recall | char precision |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        System.out.print(totalsRow("**Annota**, all types", annota.all));
        System.out.print(totalsRow("**Annota**, without DateYear", annota.withoutSetApart));
        if (!set.baseline().isEmpty()) {
            System.out.print(totalsRow("deid.pl, all types", baseline.all));
            System.out.print(totalsRow("deid.pl, without DateYear", baseline.withoutSetApart));
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "Without DateYear: %d Annota and %d deid.pl spans that overlap only a DateYear "
                        + "gold span are left out of precision.%n%n", annota.withoutSetApart.leftOut,
                baseline.withoutSetApart.leftOut);

        System.out.println("| gold type | gold | Annota recall (overlap) | Annota full | Annota exact "
                + "| found as (Annota type) | deid.pl recall (overlap) | deid.pl full |");
        System.out.println("|---|---:|---:|---:|---:|---|---:|---:|");
        annota.byType.entrySet().stream()
                .sorted(Map.Entry.<String, SpanScore.TypeRecall>comparingByValue(
                        (a, b) -> Integer.compare(b.gold, a.gold)).thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> {
                    SpanScore.TypeRecall a = e.getValue();
                    SpanScore.TypeRecall b = baseline.byType.getOrDefault(e.getKey(), new SpanScore.TypeRecall());
                    System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %s |%n", e.getKey(), a.gold,
                            Ratios.format(a.overlap, a.gold), Ratios.format(a.full, a.gold),
                            Ratios.format(a.exact, a.gold), foundAs(a.foundAs),
                            Ratios.format(b.overlap, b.gold), Ratios.format(b.full, b.gold));
                });
        System.out.println();

        System.out.println("Predicted spans by rule (a merged span counts under the rule that typed it):");
        System.out.println();
        System.out.println("| rule | spans | false positives | on DateYear gold only |");
        System.out.println("|---|---:|---:|---:|");
        annota.byRule.forEach((rule, c) -> System.out.printf(Locale.ROOT, "| %s | %d | %d | %d |%n", rule,
                c.predicted, c.falsePositives, c.onlySetApart));
        System.out.println();

        List<String> texts = set.notes().stream().map(Note::text).toList();
        ScrubberEvaluation.throughput(texts, t -> t, t -> scrubber.scrub(t, Set.of()), options.seconds());

        if (options.misses()) {
            ScrubberEvaluation.printTop("Missed gold spans, not overlapped at all (type shape)", annota.missedShapes);
            ScrubberEvaluation.printTop("Gold spans overlapped only in part (type shape)", annota.partialShapes);
            ScrubberEvaluation.printTop("False positives (type rule shape)", annota.falsePositiveShapes);
            if (options.showValues()) {
                ScrubberEvaluation.printTop("Missed gold spans (values)", annota.missedValues);
                ScrubberEvaluation.printTop("Gold spans overlapped only in part (values)", annota.partialValues);
                ScrubberEvaluation.printTop("False positives (values)", annota.falsePositiveValues);
            }
        }
        if (options.writeSpans() != null) {
            writeSpans(options.writeSpans(), predicted);
            System.out.println("Predicted spans written to " + options.writeSpans() + " (check: python3 "
                    + "score_phi_spans.py gold-dev.phrase " + options.writeSpans().getFileName() + ").");
            System.out.println();
        }
        if (options.damageProfile() != null) {
            System.out.print(ClinicalDamage.measure(set, scrubber, options.damageProfile(), options.damageNotes())
                    .report());
        }
    }

    private static String totalsRow(String label, Totals t) {
        return String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %d | %s | %s | %s |%n", label, t.gold,
                Ratios.format(t.overlap, t.gold), Ratios.format(t.full, t.gold), Ratios.format(t.exact, t.gold),
                t.predicted - t.leftOut, Ratios.format(t.correct, t.predicted - t.leftOut),
                Ratios.format(t.charRecall()), Ratios.format(t.charPrecision()));
    }

    private static String foundAs(Map<String, Integer> counts) {
        StringBuilder b = new StringBuilder();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> b.append(b.isEmpty() ? "" : ", ").append(e.getKey()).append(' ').append(e.getValue()));
        return b.toString();
    }

    /** JSONL {@code {patient, note, start, end, type, rule}}, the form score_phi_spans.py reads. */
    private static void writeSpans(Path file, Map<PhysionetDeidSet.Key, List<Span>> predicted) throws IOException {
        ObjectMapper json = new ObjectMapper();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Map.Entry<PhysionetDeidSet.Key, List<Span>> e : predicted.entrySet()) {
                for (Span s : e.getValue()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("patient", e.getKey().patient());
                    row.put("note", e.getKey().note());
                    row.put("start", s.start());
                    row.put("end", s.end());
                    row.put("type", s.type());
                    row.put("rule", s.rule());
                    out.write(json.writeValueAsString(row));
                    out.write('\n');
                }
            }
        }
    }
}
