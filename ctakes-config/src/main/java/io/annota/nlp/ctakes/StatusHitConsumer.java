package io.annota.nlp.ctakes;

import org.apache.ctakes.core.fsm.output.StatusIndicator;
import org.apache.ctakes.necontexts.ContextHit;
import org.apache.ctakes.necontexts.ContextHitConsumer;
import org.apache.ctakes.necontexts.status.StatusContextAnalyzer;
import org.apache.ctakes.typesystem.type.textsem.IdentifiedAnnotation;
import org.apache.uima.jcas.JCas;
import org.apache.uima.jcas.tcas.Annotation;

/**
 * Receives the hits of the ne-contexts status matcher ({@code StatusContextAnalyzer}: "history of", "family
 * history of", "possible", "probable", ...) and records them with the attribute values the ClearTK assertion
 * models use, so one mapping serves both pipelines:
 * <ul>
 *   <li>probable / possible: {@code uncertainty = 1}</li>
 *   <li>history of: {@code historyOf = 1}</li>
 *   <li>family history of: {@code subject = "family_member"}, {@code historyOf = 1}</li>
 * </ul>
 * (cTAKES' own {@code StatusContextHitConsumer} writes the raw status code into {@code uncertainty} instead.)
 *
 * <p>Instantiated by {@code ContextAnnotator}; not part of Annota's public API.
 */
public final class StatusHitConsumer implements ContextHitConsumer {

    @Override
    public void consumeHit(JCas jcas, Annotation focus, int scope, ContextHit hit) {
        if (!(focus instanceof IdentifiedAnnotation mention)) {
            return;
        }
        Object status = hit.getMetaData(StatusContextAnalyzer.CTX_HIT_KEY_STATUS_TYPE);
        if (!(status instanceof Integer code)) {
            return;
        }
        switch (code) {
            case StatusIndicator.PROBABLE_STATUS -> mention.setUncertainty(1);
            case StatusIndicator.HISTORY_STATUS -> mention.setHistoryOf(1);
            case StatusIndicator.FAMILY_HISTORY_STATUS -> {
                mention.setSubject("family_member");
                mention.setHistoryOf(1);
            }
            default -> {
                // unknown status: leave the mention as it is
            }
        }
    }
}
