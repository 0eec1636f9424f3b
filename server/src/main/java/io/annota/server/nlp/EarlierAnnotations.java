package io.annota.server.nlp;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;

/**
 * Replaces the machine annotations of earlier versions of a changed resource: the resources an earlier run made
 * (its Provenance's targets) that are still {@code unconfirmed} are deleted in the transaction that writes the
 * new run, so the text they cite no longer exists only in history. Ones a person has decided stay, and so does
 * their Provenance (rewritten to name only them); a Provenance left with no target is deleted. HAPI deletes
 * softly: the history still shows what the earlier run produced.
 */
class EarlierAnnotations {

    static final String UNCONFIRMED = "unconfirmed";

    private final DaoRegistry daos;

    EarlierAnnotations(DaoRegistry daos) {
        this.daos = daos;
    }

    /**
     * Adds to {@code transaction} the deletes and Provenance rewrites for the {@code runs} of other versions of
     * {@code source}.
     *
     * @return how many unconfirmed annotations are deleted
     */
    int replace(List<Provenance> runs, IIdType source, Bundle transaction) {
        String sourceId = source.toUnqualifiedVersionless().getValue();
        int deleted = 0;
        for (Provenance run : runs) {
            List<Reference> kept = new ArrayList<>();
            for (Reference target : run.getTarget()) {
                String targetId = new IdType(target.getReference()).toUnqualifiedVersionless().getValue();
                if (targetId.equals(sourceId)) {
                    kept.add(target);
                    continue;
                }
                Optional<DomainResource> current = current(targetId);
                if (current.filter(EarlierAnnotations::isUnconfirmed).isPresent()) {
                    addRequest(transaction, Bundle.HTTPVerb.DELETE, targetId);
                    deleted++;
                } else {
                    // a target deleted meanwhile is dropped: HAPI refuses a reference to a deleted resource
                    current.ifPresent(found -> kept.add(target));
                }
            }
            String runId = run.getIdElement().toUnqualifiedVersionless().getValue();
            if (kept.isEmpty()) {
                addRequest(transaction, Bundle.HTTPVerb.DELETE, runId);
            } else if (kept.size() < run.getTarget().size()) {
                run.setTarget(kept);
                addRequest(transaction, Bundle.HTTPVerb.PUT, runId).setResource(run);
            }
        }
        return deleted;
    }

    private Optional<DomainResource> current(String targetId) {
        IdType id = new IdType(targetId);
        try {
            IBaseResource found = daos.getResourceDao(id.getResourceType()).read(id, new SystemRequestDetails());
            return Optional.of(found).filter(DomainResource.class::isInstance).map(DomainResource.class::cast);
        } catch (ResourceGoneException | ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    /** Still as the machine made it: no person has set its review state. */
    private static boolean isUnconfirmed(DomainResource annotation) {
        Extension state = annotation.getExtensionByUrl(AnnotationExtensions.REVIEW_STATE);
        return state != null && state.hasValue() && UNCONFIRMED.equals(state.getValue().primitiveValue());
    }

    private static Bundle.BundleEntryComponent addRequest(Bundle transaction, Bundle.HTTPVerb verb, String url) {
        Bundle.BundleEntryComponent entry = transaction.addEntry();
        entry.getRequest().setMethod(verb).setUrl(url);
        return entry;
    }
}
