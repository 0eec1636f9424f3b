package io.annota.server.export;

import io.annota.server.nlp.AnnotationExtensions;
import java.util.List;
import java.util.stream.IntStream;

/**
 * One source text and its annotations, as exported: the text is the stored, de-identified text the offsets refer
 * to, and the only facts about the patient are the pseudonymous id and the generalised quasi-identifiers.
 *
 * @param resourceType     DocumentReference, DiagnosticReport or Observation
 * @param id               the source's logical id
 * @param version          the source version the annotations were found in (their evidence cites it)
 * @param path             the element holding the text, e.g. {@code DocumentReference.content[0].attachment}
 * @param patient          the patient's pseudonymous logical id (null if the source names none)
 * @param quasiIdentifiers what remains that could single the patient out, generalised
 * @param text             the de-identified text
 * @param annotations      ordered by begin, then end
 */
public record ExportRecord(String resourceType, String id, String version, String path, String patient,
        QuasiIdentifiers quasiIdentifiers, String text, List<ExportAnnotation> annotations) {

    /** The source version, e.g. {@code DocumentReference/12/_history/2}. */
    public String document() {
        return resourceType + "/" + id + "/_history/" + version;
    }

    /** Identifies the record within an export: the source version and the element path. */
    public String recordId() {
        return document() + "#" + path;
    }

    /**
     * One annotation on the record's text.
     *
     * @param id          the annotation resource, e.g. {@code Condition/31}
     * @param version     its version exported (the current one)
     * @param begin       offset of the first character in the record's text
     * @param end         offset after the last character
     * @param coveredText {@code text.substring(begin, end)}
     * @param label       the semantic group: disorder, sign-symptom, medication, procedure, lab, anatomy
     * @param codes       the concept's codings
     * @param assertion   the NLP's assertion flags and subject
     * @param reviewState unconfirmed, accepted, corrected, added, disputed or rejected
     */
    public record ExportAnnotation(String id, String version, int begin, int end, String coveredText, String label,
            List<Code> codes, Assertion assertion, String reviewState) {
    }

    /** One coding of an annotation's concept. */
    public record Code(String system, String code, String display) {
    }

    /** The assertion flags; subject is {@code patient}, {@code family_member}, ... or null when not recorded. */
    public record Assertion(boolean negated, boolean uncertain, boolean historyOf, boolean conditional,
            boolean generic, String subject) {

        /** The set flags by their names in nlp-assertion, in its order. */
        public List<String> setFlags() {
            List<Boolean> values = List.of(negated, uncertain, historyOf, conditional, generic);
            return IntStream.range(0, values.size())
                    .filter(values::get)
                    .mapToObj(i -> AnnotationExtensions.FLAGS.get(i))
                    .toList();
        }
    }
}
