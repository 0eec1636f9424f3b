package io.annota.nlp;

/**
 * One code of a concept.
 *
 * @param system  code system URI, e.g. {@code http://purl.obolibrary.org/obo/doid.owl}
 * @param code    code within that system, e.g. {@code DOID:9352}
 * @param display human-readable name from the vocabulary, may be {@code null}
 */
public record ConceptCode(String system, String code, String display) {
}
