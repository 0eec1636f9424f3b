package io.annota.nlp.ctakes;

import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.ctakes.necontexts.ContextAnnotator;
import org.apache.ctakes.necontexts.ContextHit;
import org.apache.ctakes.necontexts.ContextHitConsumer;
import org.apache.ctakes.typesystem.type.textsem.IdentifiedAnnotation;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.tcas.Annotation;

/**
 * Receives the hits of the ne-contexts negation matcher ({@code NegationContextAnalyzer}) and marks the mention
 * negated ({@code polarity = -1}). Only hits change anything: a mention the matcher did not flag keeps the
 * polarity an earlier component gave it (ClearTK writes 1 for affirmed mentions).
 *
 * <p>The matcher looks left and right of the mention. A cue on the right only counts when it is a
 * post-negation ("ruled out", "excluded", "negative", "unlikely", "absent", "free", "unremarkable"): in
 * "He reports fatigue and denies chest pain" the "denies" after "fatigue" must not negate it.
 *
 * <p>A "rule out" cue ("rule out pneumonia", "r/o" is not a cue of the matcher) states a differential
 * diagnosis, not an absent finding, so it sets {@code uncertainty = 1} instead. "ruled out" stays a negation.
 *
 * <p>Instantiated by {@code ContextAnnotator} through its {@code ContextHitConsumerClass} parameter; not part
 * of Annota's public API.
 */
public final class NegationHitConsumer implements ContextHitConsumer {

    @Override
    public void consumeHit(JCas jcas, Annotation focus, int scope, ContextHit hit) {
        if (!(focus instanceof IdentifiedAnnotation mention)) {
            return;
        }
        String cue = cueText(jcas, hit);
        if (scope == ContextAnnotator.RIGHT_SCOPE && !isPostNegationCue(cue)) {
            return; // "fatigue and denies chest pain": "denies" negates what follows it, not "fatigue"
        }
        if (isRuleOutCue(cue)) {
            mention.setUncertainty(1);
        } else {
            mention.setPolarity(-1);
        }
    }

    /** Cues that negate a mention standing before them ("pneumonia was ruled out", "... is negative"). */
    static boolean isPostNegationCue(String cue) {
        String c = cue.toLowerCase(Locale.ROOT);
        return POST_NEGATION.matcher(c).find();
    }

    private static final Pattern POST_NEGATION =
            Pattern.compile("\\b(ruled out|excluded|negative|unlikely|absent|free|unremarkable)\\b");

    static boolean isRuleOutCue(String cue) {
        String c = cue.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        return c.contains("rule out") || c.contains("rules out") || c.contains("ruling out")
                || c.contains("rule-out");
    }

    static String cueText(JCas jcas, ContextHit hit) {
        String text = jcas.getDocumentText();
        int begin = Math.max(0, Math.min(hit.getStartOffset(), text.length()));
        int end = Math.max(begin, Math.min(hit.getEndOffset(), text.length()));
        return text.substring(begin, end);
    }
}
