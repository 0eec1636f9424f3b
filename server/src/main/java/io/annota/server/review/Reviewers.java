package io.annota.server.review;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.annota.deid.Pseudonymizer;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/** The reviewer a request names, as the Provenance agent stores it. */
final class Reviewers {

    private final DaoRegistry daos;
    private final Pseudonymizer pseudonymizer;

    Reviewers(DaoRegistry daos, Pseudonymizer pseudonymizer) {
        this.daos = daos;
        this.pseudonymizer = pseudonymizer;
    }

    /**
     * A reviewer id string is pseudonymised here as de-identification would store it, so a decision can be compared
     * with the reviewer's earlier (stored) ones; a Practitioner must exist. 400 without a reviewer.
     */
    Reference resolve(StringType reviewer) {
        if (reviewer == null || reviewer.isEmpty() || reviewer.getValue().isBlank()) {
            throw new InvalidRequestException("reviewer is required: a Practitioner reference or a reviewer id");
        }
        String id = reviewer.getValue().trim();
        if (id.startsWith("Practitioner/")) {
            try {
                daos.getResourceDao("Practitioner").read(new IdType(id), new SystemRequestDetails());
            } catch (ResourceNotFoundException | ResourceGoneException e) {
                throw new InvalidRequestException("reviewer " + id + " does not exist");
            }
            return ReviewProvenances.reviewer(id);
        }
        return ReviewProvenances.reviewer(Pseudonymizer.isPseudonym(id)
                ? id : pseudonymizer.pseudonym(ReviewProvenances.REVIEWER_SYSTEM, id));
    }
}
