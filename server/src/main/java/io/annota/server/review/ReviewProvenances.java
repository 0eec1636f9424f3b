package io.annota.server.review;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceParam;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;

/**
 * A reviewer's decision as a Provenance, and back: the activity names what was done (verify, correct,
 * adjudicate or add) and, in a second coding, the outcome asked for; the agent is the reviewer; the target is the
 * annotation version the decision produced and the entity (role revision) the version it was made on.
 */
public final class ReviewProvenances {

    static final String ACTIVITY_SYSTEM = "https://annota.io/fhir/CodeSystem/review-activity";
    static final String OUTCOME_SYSTEM = "https://annota.io/fhir/CodeSystem/review-state";
    /** Reviewers named by an id string rather than a Practitioner reference. */
    static final String REVIEWER_SYSTEM = "https://annota.io/fhir/NamingSystem/reviewer";
    private static final String AGENT_TYPE = "http://terminology.hl7.org/CodeSystem/provenance-participant-type";

    private ReviewProvenances() {
    }

    /** Adding an annotation: not a vote on it, but the reviewer's own mention (outcome {@code added}). */
    static final String ADD = "add";

    /** A decision on an annotation: the entity is the version decided on (role revision). */
    static Provenance of(String outcome, String activity, Reference reviewer, Reference previous, Reference produced) {
        Provenance provenance = by(reviewer, activity, outcome, produced);
        provenance.addEntity().setRole(Provenance.ProvenanceEntityRole.REVISION).setWhat(previous);
        return provenance;
    }

    /**
     * An annotation a reviewer added. No entity: the NLP recognises its own runs by a Provenance whose entity is the
     * document version, and an addition must not count as one; the annotation's evidence cites the source.
     */
    static Provenance addition(Reference reviewer, Reference produced) {
        return by(reviewer, ADD, ReviewStates.ADDED, produced);
    }

    private static Provenance by(Reference reviewer, String activity, String outcome, Reference produced) {
        Provenance provenance = new Provenance();
        provenance.addTarget(produced);
        provenance.setRecorded(new Date());
        provenance.setActivity(new CodeableConcept()
                .addCoding(new Coding(ACTIVITY_SYSTEM, activity, null))
                .addCoding(new Coding(OUTCOME_SYSTEM, outcome, null)));
        provenance.addAgent()
                .setType(new CodeableConcept(new Coding(AGENT_TYPE, "verifier", "Verifier")))
                .setWho(reviewer);
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

    /** The decisions recorded on any version of {@code annotation}, oldest first. */
    public static List<ReviewStates.Vote> votes(DaoRegistry daos, IIdType annotation) {
        SearchParameterMap query = SearchParameterMap.newSynchronous("target",
                new ReferenceParam(annotation.toUnqualifiedVersionless().getValue()));
        return daos.getResourceDao(Provenance.class).search(query, new SystemRequestDetails()).getAllResources()
                .stream()
                .map(Provenance.class::cast)
                .sorted(Comparator.comparing(Provenance::getRecorded))
                .map(ReviewProvenances::vote)
                .flatMap(Optional::stream)
                .toList();
    }

    /** The decision a Provenance records; empty for Provenances of other kinds (e.g. an NLP run). */
    static Optional<ReviewStates.Vote> vote(Provenance provenance) {
        Optional<String> activity = code(provenance, ACTIVITY_SYSTEM);
        Optional<String> outcome = code(provenance, OUTCOME_SYSTEM);
        // an addition is no opinion on the mention: the first reviewer to decide on it is not outvoted by its author
        if (activity.isEmpty() || outcome.isEmpty() || !provenance.hasAgent() || ADD.equals(activity.get())) {
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
