package io.annota.server.quality;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.param.ReferenceOrListParam;
import ca.uhn.fhir.rest.param.ReferenceParam;
import ca.uhn.fhir.rest.param.TokenOrListParam;
import io.annota.server.nlp.AnnotationExtensions;
import io.annota.server.review.ReviewProvenances;
import io.annota.server.review.ReviewStates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;

/**
 * Reads the annotations a quality request selects from storage: each one's current version, its first version (the
 * NLP's output, unless a reviewer added it) and its reviewers' decisions from the review Provenances.
 */
final class ReviewedAnnotations {

    /** Every review-state: a search on it finds annotations only, of all states. */
    private static final List<String> STATES = List.of("unconfirmed", ReviewStates.ACCEPTED, ReviewStates.REJECTED,
            ReviewStates.CORRECTED, ReviewStates.DISPUTED, ReviewStates.ADDED);

    /**
     * What to read: the annotations of some documents, or of one patient, or (both empty) all of them.
     *
     * @param documents versionless source references, e.g. {@code DocumentReference/12}
     * @param patient   e.g. {@code Patient/a3f0...}
     */
    record Selection(List<String> documents, Optional<String> patient) {
    }

    private final DaoRegistry daos;

    ReviewedAnnotations(DaoRegistry daos) {
        this.daos = daos;
    }

    List<ReviewedAnnotation> read(Selection selection) {
        return AnnotationExtensions.ANNOTATED_TYPES.stream()
                .flatMap(type -> daos.getResourceDao(type).search(query(type, selection), new SystemRequestDetails())
                        .getAllResources().stream())
                .map(DomainResource.class::cast)
                .filter(AnnotationMentions::isAnnotation)
                .map(this::reviewed)
                .toList();
    }

    private static SearchParameterMap query(String type, Selection selection) {
        TokenOrListParam states = new TokenOrListParam();
        STATES.forEach(state -> states.add(null, state));
        SearchParameterMap query = SearchParameterMap.newSynchronous();
        query.add("review-state", states);
        if (!selection.documents().isEmpty()) {
            ReferenceOrListParam sources = new ReferenceOrListParam();
            selection.documents().forEach(document -> sources.add(new ReferenceParam(document)));
            query.add("annotation-source", sources);
        }
        selection.patient().ifPresent(patient ->
                query.add("BodyStructure".equals(type) ? "patient" : "subject", new ReferenceParam(patient)));
        return query;
    }

    private ReviewedAnnotation reviewed(DomainResource current) {
        DomainResource first = firstVersion(current);
        Optional<Mention> machine = ReviewStates.ADDED.equals(AnnotationMentions.state(first))
                ? Optional.empty() : Optional.of(AnnotationMentions.of(first));
        return new ReviewedAnnotation(AnnotationMentions.document(current), AnnotationMentions.state(current),
                AnnotationMentions.of(current), machine, labels(current));
    }

    /** Version 1 is what the NLP (or, for an addition, the reviewer) wrote; later versions are reviews. */
    private DomainResource firstVersion(DomainResource current) {
        IdType id = (IdType) current.getIdElement();
        if ("1".equals(id.getVersionIdPart())) {
            return current;
        }
        IFhirResourceDao<?> dao = daos.getResourceDao(current.fhirType());
        return (DomainResource) dao.read(id.withVersion("1"), new SystemRequestDetails());
    }

    /** Each reviewer's latest decision that is not an adjudication; an adjudicator settles, they do not label. */
    private Map<String, String> labels(DomainResource annotation) {
        Map<String, String> labels = new LinkedHashMap<>();
        ReviewProvenances.votes(daos, annotation.getIdElement()).stream()
                .filter(vote -> !vote.adjudication())
                .forEach(vote -> labels.put(vote.reviewer(), vote.outcome()));
        return labels;
    }
}
