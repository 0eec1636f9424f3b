package io.annota.server.quality;

import static io.annota.nlp.SemanticGroup.DISORDER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class QualityReportTest {

    /*
     * Document 1, finished:
     *   accepted  machine [0,5)   = gold [0,5)
     *   corrected machine [10,20) -> gold [12,20)
     *   rejected  machine [30,35), no gold
     *   added     no machine,       gold [40,45)
     * Document 2, unfinished (one annotation still unconfirmed): left out of the scores.
     * Document 3, unfinished (disputed): left out of the scores, but its labels count for agreement.
     * Scores over document 1: machine 3, gold 3; exact tp 1 (accepted) fp 2 fn 2; overlap tp 2 fp 1 fn 1.
     * Agreement: r1 and r2 labelled the accepted one (a, a) and the disputed one (a, r): po 1/2, pe = 1*1/2, kappa 0.
     */
    @Test
    void onlyFinishedDocumentsAreScoredButEveryLabelCountsForAgreement() {
        List<ReviewedAnnotation> annotations = List.of(
                annotation("DocumentReference/1", "accepted", 0, 5, true, Map.of("r1", "accepted", "r2", "accepted")),
                new ReviewedAnnotation("DocumentReference/1", "corrected", mention("1", 12, 20),
                        Optional.of(mention("1", 10, 20)), Map.of("r1", "corrected")),
                annotation("DocumentReference/1", "rejected", 30, 35, true, Map.of("r1", "rejected")),
                annotation("DocumentReference/1", "added", 40, 45, false, Map.of()),
                annotation("DocumentReference/2", "accepted", 0, 5, true, Map.of("r1", "accepted")),
                annotation("DocumentReference/2", "unconfirmed", 10, 15, true, Map.of()),
                annotation("DocumentReference/3", "disputed", 0, 5, true, Map.of("r1", "accepted", "r2", "rejected")));

        QualityReport report = QualityReport.of(annotations);

        assertThat(report.documents()).isEqualTo(1);
        assertThat(report.documentsUnfinished()).isEqualTo(2);
        assertThat(report.gold()).isEqualTo(3);
        assertThat(report.machine()).isEqualTo(3);
        assertThat(counts(report, MatchRule.EXACT)).isEqualTo(new Counts(1, 2, 2));
        assertThat(counts(report, MatchRule.OVERLAP)).isEqualTo(new Counts(2, 1, 1));
        assertThat(report.attributes()).allSatisfy(a -> assertThat(a.pairs()).isEqualTo(2));

        Agreement.Result agreement = report.agreement();
        assertThat(agreement.reviewers()).containsExactly("r1", "r2");
        assertThat(agreement.pairs()).singleElement().satisfies(pair -> {
            assertThat(pair.kappa().items()).isEqualTo(2);
            assertThat(pair.kappa().observed()).hasValue(0.5);
            assertThat(pair.kappa().kappa()).hasValue(0.0);
        });
    }

    @Test
    void oneReviewerGivesNoAgreement() {
        Agreement.Result agreement = QualityReport.of(List.of(
                annotation("DocumentReference/1", "accepted", 0, 5, true, Map.of("r1", "accepted")))).agreement();
        assertThat(agreement.pairs()).isEmpty();
        assertThat(agreement.alpha().units()).isZero();
        assertThat(agreement.alpha().alpha()).isEmpty();
    }

    private static ReviewedAnnotation annotation(String document, String state, int begin, int end,
            boolean byMachine, Map<String, String> labels) {
        String version = document.substring(document.indexOf('/') + 1);
        Mention mention = mention(version, begin, end);
        return new ReviewedAnnotation(document, state, mention, byMachine ? Optional.of(mention) : Optional.empty(),
                labels);
    }

    private static Mention mention(String document, int begin, int end) {
        return new Mention("DocumentReference/" + document + "/_history/1 text", begin, end, DISORDER, Set.of("s|A"),
                ExtractionScoresTest.AFFIRMED);
    }

    private static Counts counts(QualityReport report, MatchRule rule) {
        return report.scores().stream().filter(s -> s.rule() == rule && s.group().isEmpty())
                .findFirst().orElseThrow().counts();
    }
}
