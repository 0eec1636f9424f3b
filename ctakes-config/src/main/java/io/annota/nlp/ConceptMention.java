package io.annota.nlp;

import java.util.List;

/**
 * A dictionary concept found in a note.
 *
 * @param group       semantic group
 * @param codes       codes of the concept, primary code first (e.g. DOID, then ICD-10-CM cross-references)
 * @param begin       character offset of the first character in the annotated text
 * @param end         character offset after the last character
 * @param coveredText {@code text.substring(begin, end)}
 * @param assertion   negation, uncertainty, history, ... of this mention
 */
public record ConceptMention(SemanticGroup group, List<ConceptCode> codes, int begin, int end, String coveredText,
                             Assertion assertion) {

    public ConceptMention {
        codes = List.copyOf(codes);
    }
}
