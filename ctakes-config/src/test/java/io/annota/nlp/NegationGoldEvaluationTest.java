package io.annota.nlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in measurement of assertion accuracy on the NegEx/ConText gold standard (Chapman et al., 2,376 annotated
 * conditions in sentences from 120 reports; file {@code rsAnnotations-1-120-random.txt}: number, condition,
 * sentence, negation, temporality, experiencer). Only conditions that our dictionary finds count.
 *
 * <pre>
 * mvn -B -pl ctakes-config test -Dtest=NegationGoldEvaluationTest -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dannota.eval.gold=/work/shared/data/notes/negex-genconText-gold \
 *     -Dannota.eval.pipers=full:annota/ctakes/full.piper,lite:annota/ctakes/lite.piper
 * </pre>
 * Results are printed and written to {@code target/negation-eval.txt}.
 */
@EnabledIfSystemProperty(named = "annota.eval.gold", matches = ".+")
class NegationGoldEvaluationTest {

    record GoldRow(String condition, String sentence, boolean negated, boolean historical, boolean otherExperiencer) {
    }

    static final class Counts {
        int rows;
        int matched;
        int tp;
        int fp;
        int fn;
        int tn;
        int histTp;
        int histFp;
        int histFn;
        int otherTp;
        int otherFp;
        int otherFn;
        long nanos;

        String report(String name) {
            double p = tp + fp == 0 ? 0 : (double) tp / (tp + fp);
            double r = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
            double f = p + r == 0 ? 0 : 2 * p * r / (p + r);
            double acc = matched == 0 ? 0 : (double) (tp + tn) / matched;
            return String.format(Locale.ROOT,
                    "%s: matched %d of %d conditions; negation TP %d FP %d FN %d TN %d -> precision %.3f recall %.3f"
                            + " F1 %.3f accuracy %.3f; history TP %d FP %d FN %d; other-experiencer TP %d FP %d FN %d;"
                            + " %.1f ms/sentence",
                    name, matched, rows, tp, fp, fn, tn, p, r, f, acc, histTp, histFp, histFn, otherTp, otherFp,
                    otherFn, nanos / 1e6 / rows);
        }
    }

    static List<GoldRow> readGold(Path dir) throws IOException {
        List<GoldRow> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(dir.resolve("rsAnnotations-1-120-random.txt"),
                StandardCharsets.ISO_8859_1);
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split("\t");
            if (f.length < 6) {
                continue;
            }
            rows.add(new GoldRow(f[1].trim(), f[2], f[3].trim().equalsIgnoreCase("Negated"),
                    f[4].trim().equalsIgnoreCase("Historical"), f[5].trim().equalsIgnoreCase("Other")));
        }
        return rows;
    }

    static Counts evaluate(ClinicalNlp nlp, List<GoldRow> gold) {
        Counts c = new Counts();
        long t0 = System.nanoTime();
        for (GoldRow row : gold) {
            c.rows++;
            String sentence = row.sentence();
            String upper = row.condition().toUpperCase(Locale.ROOT);
            int begin = sentence.indexOf(upper);
            if (begin < 0) {
                begin = sentence.toLowerCase(Locale.ROOT).indexOf(row.condition().toLowerCase(Locale.ROOT));
            }
            if (begin < 0) {
                continue;
            }
            int end = begin + row.condition().length();
            // the gold marks the condition in capitals; give the tagger ordinary lower case (same length)
            String text = sentence.substring(0, begin) + sentence.substring(begin, end).toLowerCase(Locale.ROOT)
                    + sentence.substring(end);
            ConceptMention best = null;
            int bestOverlap = 0;
            for (ConceptMention m : nlp.annotate(text)) {
                int overlap = Math.min(end, m.end()) - Math.max(begin, m.begin());
                if (overlap > bestOverlap) {
                    best = m;
                    bestOverlap = overlap;
                }
            }
            if (best == null) {
                continue;
            }
            c.matched++;
            boolean neg = best.assertion().negated();
            if (neg && row.negated()) {
                c.tp++;
            } else if (neg) {
                c.fp++;
            } else if (row.negated()) {
                c.fn++;
            } else {
                c.tn++;
            }
            boolean hist = best.assertion().historyOf();
            c.histTp += hist && row.historical() ? 1 : 0;
            c.histFp += hist && !row.historical() ? 1 : 0;
            c.histFn += !hist && row.historical() ? 1 : 0;
            boolean other = !"patient".equals(best.assertion().subject());
            c.otherTp += other && row.otherExperiencer() ? 1 : 0;
            c.otherFp += other && !row.otherExperiencer() ? 1 : 0;
            c.otherFn += !other && row.otherExperiencer() ? 1 : 0;
        }
        c.nanos = System.nanoTime() - t0;
        return c;
    }

    @Test
    void negationAccuracyOnGold() throws IOException {
        Path dir = Path.of(System.getProperty("annota.eval.gold"));
        List<GoldRow> gold = readGold(dir);
        assertThat(gold).hasSizeGreaterThan(2000);
        String pipers = System.getProperty("annota.eval.pipers",
                "full:annota/ctakes/full.piper,lite:annota/ctakes/lite.piper");
        List<String> results = new ArrayList<>();
        for (String spec : pipers.split(",")) {
            String[] nameAndPath = spec.split(":", 2);
            String profile = nameAndPath[1].contains("full") ? "full" : "lite";
            try (CtakesNlp nlp = CtakesNlp.start(new NlpSettings(profile, 1, null), profile, nameAndPath[1])) {
                String line = evaluate(nlp, gold).report(nameAndPath[0]);
                System.out.println(line);
                results.add(line);
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "negation-eval.txt"), results, StandardCharsets.UTF_8);
    }
}
