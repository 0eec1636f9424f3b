package io.annota.server.review;

import java.util.Date;
import java.util.Optional;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;

/**
 * A reviewer's decision as a Provenance, and back: the activity names what was done (verify, correct or
 * adjudicate) and, in a second coding, the outcome asked for; the agent is the reviewer; the target is the
 * annotation version the decision produced and the entity (role revision) the version it was made on.
 */
final class ReviewProvenances {

    static final String ACTIVITY_SYSTEM = "https://annota.io/fhir/CodeSystem/review-activity";
    static final String OUTCOME_SYSTEM = "https://annota.io/fhir/CodeSystem/review-state";
    /** Reviewers named by an id string rather than a Practitioner reference. */
    static final String REVIEWER_SYSTEM = "https://annota.io/fhir/NamingSystem/reviewer";
    private static final String AGENT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

    private ReviewProvenances() {
    }

    static Provenance of(ReviewStates.Vote vote, String activity, Reference reviewer, Reference previous,
            Reference produced) {
        Provenance provenance = new Provenance();
        provenance.addTarget(produced);
        provenance.setRecorded(new Date());
        provenance.setActivity(new CodeableConcept()
                .addCoding(new Coding(ACTIVITY_SYSTEM, activity, null))
                .addCoding(new Coding(OUTCOME_SYSTEM, vote.outcome(), null)));
        provenance.addAgent()
                .setType(new CodeableConcept(new Coding(AGENT_TYPE, "verifier", "Verifier")))
                .setWho(reviewer);
        provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.REVISION).setWhat(previous);
        return provenance;
    }

    /** The reviewer reference for an id: a Practitioner reference as it is, any other string as an identifier. */
    static Reference reviewer(String id) {
        return id.startsWith("Practitioner/")
                ? new Reference(id)
                : new Reference().setIdentifier(new Identifier().setSystem(REVIEWER_SYSTEM).setValue(id));
    }

    /** The key two decisions by the same reviewer share. */
    static String reviewerKey(Reference reviewer) {
        return reviewer.hasReference() ? reviewer.getReference() : reviewer.getIdentifier().getValue();
    }

    /** The decision a Provenance records; empty for Provenances of other kinds (e.g. an NLP run). */
    static Optional<ReviewStates.Vote> vote(Provenance provenance) {
        Optional<String> activity = code(provenance, ACTIVITY_SYSTEM);
        Optional<String> outcome = code(provenance, OUTCOME_SYSTEM);
        if (activity.isEmpty() || outcome.isEmpty() || !provenance.hasAgent()) {
            return Optional.empty();
        }
        return Optional.of(new ReviewStates.Vote(reviewerKey(provenance.getAgentFirstRep().getWho()), outcome.get(),
                ReviewStates.Decision.ADJUDICATE.code().equals(activity.get())));
    }

    private static Optional<String> code(Provenance provenance, String system) {
        return provenance.getActivity().getCoding().stream()
                .filter(c -> system.equals(c.getSystem()))
                .map(Coding::getCode)
                .findFirst();
    }
}
