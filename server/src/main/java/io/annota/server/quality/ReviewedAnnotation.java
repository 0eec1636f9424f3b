package io.annota.server.quality;

import java.util.Map;
import java.util.Optional;

/**
 * One stored annotation with what the quality figures need from it.
 *
 * @param document the source it was found in, versionless (e.g. {@code DocumentReference/12}): the unit whose
 *                 review must be finished before it counts
 * @param state    its current review-state
 * @param current  its current version: the gold standard once a person has decided on it
 * @param machine  the NLP's original (its first version); empty for an annotation a reviewer added
 * @param labels   each reviewer's latest decision other than an adjudication (accepted, rejected, corrected), by the
 *                 reviewer's stored key
 */
record ReviewedAnnotation(String document, String state, Mention current, Optional<Mention> machine,
        Map<String, String> labels) {
}
