package io.annota.bench.eval;

import io.annota.nlp.ClinicalNlp;
import io.annota.nlp.ConceptMention;
import java.util.List;

/**
 * Negation scored on the gold rows whose condition our dictionary finds, with the rows it does not find counted
 * apart (never dropped silently).
 *
 * <p>Per row: the condition is located in the sentence ({@link NegationGold#locate}); the sentence is annotated;
 * the mention with the largest character overlap with the condition is its mention (first one on a tie). With a
 * mention: TP = mention negated and gold negated, FP = negated but gold not, FN = gold negated but mention not,
 * TN = neither. Without one the row is "not found by the dictionary", counted by its gold label, and enters only
 * the end-to-end recall (negated rows found and negated ÷ all located negated rows).
 */
final class NegationScore {

    int rows;
    int notLocated;
    int notFoundNegated;
    int notFoundAffirmed;
    int tp;
    int fp;
    int fn;
    int tn;
    long nanos;

    static NegationScore evaluate(ClinicalNlp nlp, List<NegationGold> gold) {
        NegationScore s = new NegationScore();
        long start = System.nanoTime();
        for (NegationGold row : gold) {
            s.rows++;
            NegationGold.Span span = row.locate();
            if (span == null) {
                s.notLocated++;
                continue;
            }
            ConceptMention mention = bestOverlap(nlp.annotate(row.textFor(span)), span);
            if (mention == null) {
                if (row.negated()) {
                    s.notFoundNegated++;
                } else {
                    s.notFoundAffirmed++;
                }
                continue;
            }
            boolean negated = mention.assertion().negated();
            if (negated && row.negated()) {
                s.tp++;
            } else if (negated) {
                s.fp++;
            } else if (row.negated()) {
                s.fn++;
            } else {
                s.tn++;
            }
        }
        s.nanos = System.nanoTime() - start;
        return s;
    }

    private static ConceptMention bestOverlap(List<ConceptMention> mentions, NegationGold.Span span) {
        ConceptMention best = null;
        int bestOverlap = 0;
        for (ConceptMention m : mentions) {
            int overlap = Math.min(span.end(), m.end()) - Math.max(span.begin(), m.begin());
            if (overlap > bestOverlap) {
                best = m;
                bestOverlap = overlap;
            }
        }
        return best;
    }

    int matched() {
        return tp + fp + fn + tn;
    }

    double precision() {
        return Ratios.of(tp, tp + fp);
    }

    double recall() {
        return Ratios.of(tp, tp + fn);
    }

    double f1() {
        double p = precision();
        double r = recall();
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** Negated rows found by the dictionary and negated, over every located negated row. */
    double endToEndRecall() {
        return Ratios.of(tp, tp + fn + notFoundNegated);
    }
}
