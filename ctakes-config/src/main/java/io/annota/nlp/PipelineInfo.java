package io.annota.nlp;

/**
 * What produced the mentions, for provenance.
 *
 * @param pipeline   e.g. {@code "Apache cTAKES 5.1.0 full"}
 * @param dictionary dictionary name and version
 */
public record PipelineInfo(String pipeline, String dictionary) {
}
