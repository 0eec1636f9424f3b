package io.annota.synthetic;

import java.util.List;

/**
 * A clinical note (lines separated by {@code \n}) with its gold: every PHI value (path {@code NOTE}, offsets into
 * {@link #text()}) and every clinical mention.
 */
public record SyntheticNote(String text, List<PhiSpan> phi, List<ClinicalMention> clinical) {

    public SyntheticNote {
        phi = List.copyOf(phi);
        clinical = List.copyOf(clinical);
    }
}
