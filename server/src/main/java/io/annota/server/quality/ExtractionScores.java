package io.annota.server.quality;

import io.annota.nlp.SemanticGroup;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Precision, recall and F1 of the machine's mentions against the gold ones, for every {@link MatchRule}: over all
 * mentions (micro-averaged) and per semantic group. Per group, each side keeps only its mentions of that group, so a
 * mention given the wrong group counts as a false positive in one group and a false negative in the other.
 */
final class ExtractionScores {

    /** The counts under one rule, for one group or (empty group) all of them. */
    record Score(MatchRule rule, Optional<SemanticGroup> group, Counts counts) {
    }

    private ExtractionScores() {
    }

    /** Every rule over all groups, then per group for the groups that occur on either side. */
    static List<Score> of(List<Mention> gold, List<Mention> machine) {
        List<Score> scores = new ArrayList<>();
        for (MatchRule rule : MatchRule.values()) {
            scores.add(new Score(rule, Optional.empty(), counts(gold, machine, rule)));
            for (SemanticGroup group : SemanticGroup.values()) {
                List<Mention> groupGold = inGroup(gold, group);
                List<Mention> groupMachine = inGroup(machine, group);
                if (!groupGold.isEmpty() || !groupMachine.isEmpty()) {
                    scores.add(new Score(rule, Optional.of(group), counts(groupGold, groupMachine, rule)));
                }
            }
        }
        return scores;
    }

    static Counts counts(List<Mention> gold, List<Mention> machine, MatchRule rule) {
        int tp = Matching.pairs(gold, machine, rule).size();
        return new Counts(tp, machine.size() - tp, gold.size() - tp);
    }

    private static List<Mention> inGroup(List<Mention> mentions, SemanticGroup group) {
        return mentions.stream().filter(m -> m.group() == group).toList();
    }
}
