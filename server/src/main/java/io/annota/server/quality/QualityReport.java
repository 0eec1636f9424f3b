package io.annota.server.quality;

import io.annota.server.review.ReviewStates;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The quality figures over a set of annotations.
 *
 * <p>Scope of the scores: only documents whose review is finished, i.e. every annotation citing them is accepted,
 * rejected, corrected or added (none {@code unconfirmed} or {@code disputed}); a half-reviewed document would count
 * the machine's unreviewed mentions as false positives. Gold: the current version of the accepted, corrected and
 * added annotations there. Machine: the first version of every annotation there that the NLP wrote (rejected ones
 * included, added ones not).
 *
 * <p>Agreement takes every annotation given, finished document or not: disputed annotations are exactly the
 * disagreements it measures.
 *
 * @param attributes the assertion attributes over the pairs matched by overlapping span (code not compared)
 */
record QualityReport(int documents, int documentsUnfinished, int gold, int machine,
        List<ExtractionScores.Score> scores, List<AttributeScores.Score> attributes, Agreement.Result agreement) {

    private static final Set<String> DECIDED = Set.of(ReviewStates.ACCEPTED, ReviewStates.REJECTED,
            ReviewStates.CORRECTED, ReviewStates.ADDED);
    private static final Set<String> GOLD = Set.of(ReviewStates.ACCEPTED, ReviewStates.CORRECTED, ReviewStates.ADDED);

    static QualityReport of(List<ReviewedAnnotation> annotations) {
        Map<String, Boolean> finished = annotations.stream().collect(Collectors.toMap(ReviewedAnnotation::document,
                a -> DECIDED.contains(a.state()), Boolean::logicalAnd));
        List<ReviewedAnnotation> scored = annotations.stream().filter(a -> finished.get(a.document())).toList();
        List<Mention> gold = scored.stream().filter(a -> GOLD.contains(a.state()))
                .map(ReviewedAnnotation::current).toList();
        List<Mention> machine = scored.stream().map(ReviewedAnnotation::machine).flatMap(Optional::stream).toList();
        int documents = (int) finished.values().stream().filter(f -> f).count();
        return new QualityReport(documents, finished.size() - documents, gold.size(), machine.size(),
                ExtractionScores.of(gold, machine),
                AttributeScores.of(Matching.pairs(gold, machine, MatchRule.OVERLAP)),
                Agreement.of(annotations.stream().map(ReviewedAnnotation::labels).toList()));
    }
}
