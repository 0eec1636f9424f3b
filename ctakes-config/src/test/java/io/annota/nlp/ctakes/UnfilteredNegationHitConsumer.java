package io.annota.nlp.ctakes;

import org.apache.ctakes.necontexts.ContextHit;
import org.apache.ctakes.necontexts.ContextHitConsumer;
import org.apache.ctakes.typesystem.type.textsem.IdentifiedAnnotation;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.tcas.Annotation;

/** Evaluation only: every negation hit, in either scope and for any cue, sets polarity -1 (cTAKES' behaviour). */
public final class UnfilteredNegationHitConsumer implements ContextHitConsumer {

    @Override
    public void consumeHit(JCas jcas, Annotation focus, int scope, ContextHit hit) {
        if (focus instanceof IdentifiedAnnotation mention) {
            mention.setPolarity(-1);
        }
    }
}
