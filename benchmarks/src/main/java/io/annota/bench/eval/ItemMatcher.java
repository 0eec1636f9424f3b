package io.annota.bench.eval;

import io.annota.bench.eval.SyntheaEncounters.Category;
import io.annota.bench.eval.SyntheaEncounters.Item;
import io.annota.nlp.ConceptCode;
import io.annota.nlp.ConceptMention;
import io.annota.nlp.SemanticGroup;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Decides whether a note's mentions recover one coded item of its encounter. Synthea codes problems and
 * procedures in SNOMED CT and drugs as RxNorm products; our dictionary has DOID/SYMP concepts and RxNorm
 * ingredients and brands, so codes can only be compared for drugs:
 * <ul>
 *   <li>drugs whose product is in the staged RxNorm content: {@link Match#CODE} when a medication mention carries
 *       an RxNorm code that is one of the product's ingredients or brand names;</li>
 *   <li>other drugs (the ingredients starting with "A" are missing upstream, and DrugBank mentions carry no
 *       RxCUI): {@link Match#PARTIAL_TEXT} when the mention's content words are all in the product's name;</li>
 *   <li>problems (disorder and sign/symptom mentions) and procedures (procedure and lab mentions):
 *       {@link Match#EXACT_TEXT} when the mention's text or a code's display equals the item's display without
 *       its semantic tag (normalised, see {@link ClinicalText}); {@link Match#PARTIAL_TEXT} when all content words
 *       of the mention's text or of a code's display are among the item's ("hypertension" for "essential
 *       hypertension").</li>
 * </ul>
 * Only affirmed (not negated) mentions count; an item that only a negated mention would match is
 * {@link Match#NEGATED_ONLY}.
 */
final class ItemMatcher {

    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";

    enum Match {
        CODE, EXACT_TEXT, PARTIAL_TEXT, NEGATED_ONLY, NONE;

        boolean found() {
            return this == CODE || this == EXACT_TEXT || this == PARTIAL_TEXT;
        }
    }

    private final RxNormProducts products;

    ItemMatcher(RxNormProducts products) {
        this.products = products;
    }

    Match match(Item item, List<ConceptMention> mentions) {
        Match best = Match.NONE;
        for (ConceptMention mention : mentions) {
            if (!groups(item.category()).contains(mention.group())) {
                continue;
            }
            Match m = matchOne(item, mention);
            if (m != Match.NONE && mention.assertion().negated()) {
                m = Match.NEGATED_ONLY;
            }
            if (m.ordinal() < best.ordinal()) {
                best = m;
            }
        }
        return best;
    }

    boolean codeComparable(Item item) {
        return item.category() == Category.DRUG && products.knows(item.code());
    }

    private Match matchOne(Item item, ConceptMention mention) {
        if (codeComparable(item)) {
            Set<String> concepts = products.conceptsOf(item.code());
            return mention.codes().stream().anyMatch(c -> RXNORM.equals(c.system()) && concepts.contains(c.code()))
                    ? Match.CODE : Match.NONE;
        }
        String display = ClinicalText.normaliseDisplay(item.display());
        Set<String> itemWords = ClinicalText.contentWords(display);
        boolean partial = false;
        for (String name : names(mention)) {
            if (item.category() != Category.DRUG && name.equals(display)) {
                return Match.EXACT_TEXT;
            }
            Set<String> words = ClinicalText.contentWords(name);
            partial |= !words.isEmpty() && itemWords.containsAll(words);
        }
        return partial ? Match.PARTIAL_TEXT : Match.NONE;
    }

    /** The mention's own words and the displays of its codes, normalised. */
    private static List<String> names(ConceptMention mention) {
        return Stream.concat(Stream.of(mention.coveredText()), mention.codes().stream().map(ConceptCode::display))
                .map(ClinicalText::normalise)
                .filter(n -> !n.isEmpty())
                .distinct()
                .toList();
    }

    private static Set<SemanticGroup> groups(Category category) {
        return switch (category) {
            case PROBLEM -> Set.of(SemanticGroup.DISORDER, SemanticGroup.SIGN_SYMPTOM);
            case DRUG -> Set.of(SemanticGroup.MEDICATION);
            case PROCEDURE -> Set.of(SemanticGroup.PROCEDURE, SemanticGroup.LAB);
        };
    }
}
