package io.annota.server.review;

import io.annota.server.nlp.AnnotationExtensions;
import io.annota.server.nlp.AnnotationResources;
import java.util.ArrayList;
import java.util.Map;
import org.hl7.fhir.r4.model.BodyStructure;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Procedure;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * Applies a review to an annotation resource: its review-state, the native status that follows from it, and a
 * correction of its code or span.
 */
public final class AnnotationRevisions {

    private static final String CONDITION_VERIFICATION = "http://terminology.hl7.org/CodeSystem/condition-ver-status";

    /**
     * A reviewer's correction; null parts stay as they are.
     *
     * @param text    the text the new span covers, read from the stored (de-identified) source
     * @param flags   assertion flags to set, by name ({@link AnnotationExtensions#FLAGS}); absent ones stay
     * @param subject who experiences the concept, or null to keep it
     */
    record Correction(Coding code, Integer begin, Integer end, String text, Map<String, Boolean> flags,
            String subject) {
    }

    private AnnotationRevisions() {
    }

    /** Sets the state and, for a settled outcome, the native status; a dispute leaves the status as it was. */
    static void setState(DomainResource annotation, String state) {
        annotation.getExtensionByUrl(AnnotationExtensions.REVIEW_STATE).setValue(new CodeType(state));
        boolean rejected = ReviewStates.REJECTED.equals(state);
        if (ReviewStates.DISPUTED.equals(state)) {
            return;
        }
        if (annotation instanceof Condition condition) {
            condition.setVerificationStatus(new CodeableConcept(new Coding(
                    CONDITION_VERIFICATION, rejected ? "entered-in-error" : confirmed(condition), null)));
        } else if (annotation instanceof Observation observation) {
            observation.setStatus(rejected
                    ? Observation.ObservationStatus.ENTEREDINERROR : Observation.ObservationStatus.FINAL);
        } else if (annotation instanceof BodyStructure structure) {
            structure.setActive(!rejected);
        } else if (annotation instanceof MedicationStatement statement && rejected) {
            statement.setStatus(MedicationStatement.MedicationStatementStatus.ENTEREDINERROR);
        } else if (annotation instanceof Procedure procedure && rejected) {
            procedure.setStatus(Procedure.ProcedureStatus.ENTEREDINERROR);
        }
        // an accepted MedicationStatement or Procedure keeps its status (unknown, not-taken, not-done): it still holds
    }

    /** A person confirmed what the NLP read: a negated mention stays refuted, anything else is confirmed. */
    private static String confirmed(Condition condition) {
        Extension negated = condition.getExtensionByUrl(AnnotationExtensions.ASSERTION)
                .getExtensionByUrl(AnnotationExtensions.FLAGS.get(0));
        return negated != null && ((BooleanType) negated.getValue()).booleanValue() ? "refuted" : "confirmed";
    }

    static void correct(DomainResource annotation, Correction correction) {
        CodeableConcept concept = AnnotationResources.concept(annotation);
        if (correction.code() != null) {
            concept.setCoding(new ArrayList<>()).addCoding(correction.code());
        }
        if (correction.begin() != null) {
            Extension evidence = annotation.getExtensionByUrl(AnnotationExtensions.EVIDENCE);
            evidence.getExtensionByUrl(AnnotationExtensions.BEGIN).setValue(new IntegerType(correction.begin()));
            evidence.getExtensionByUrl(AnnotationExtensions.END).setValue(new IntegerType(correction.end()));
            evidence.getExtensionByUrl(AnnotationExtensions.TEXT).setValue(new StringType(correction.text()));
            concept.setText(correction.text());
        }
        correctAssertion(annotation, correction);
    }

    /**
     * Rewrites the assertion flags asked for and the native status the NLP derives from negation, so a corrected
     * annotation reads as if the machine had got it right (a Condition's status follows in {@link #setState}).
     */
    private static void correctAssertion(DomainResource annotation, Correction correction) {
        Extension assertion = annotation.getExtensionByUrl(AnnotationExtensions.ASSERTION);
        correction.flags().forEach((flag, value) -> replace(assertion, flag, new BooleanType(value)));
        if (correction.subject() != null) {
            replace(assertion, AnnotationExtensions.SUBJECT, new CodeType(correction.subject()));
        }
        Boolean negated = correction.flags().get(AnnotationExtensions.FLAGS.get(0));
        if (negated == null) {
            return;
        }
        if (annotation instanceof MedicationStatement statement) {
            statement.setStatus(negated ? MedicationStatement.MedicationStatementStatus.NOTTAKEN
                    : MedicationStatement.MedicationStatementStatus.UNKNOWN);
        } else if (annotation instanceof Procedure procedure) {
            procedure.setStatus(negated ? Procedure.ProcedureStatus.NOTDONE : Procedure.ProcedureStatus.UNKNOWN);
        }
    }

    private static void replace(Extension parent, String url, Type value) {
        Extension existing = parent.getExtensionByUrl(url);
        if (existing == null) {
            parent.addExtension(url, value);
        } else {
            existing.setValue(value);
        }
    }
}
