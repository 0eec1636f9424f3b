package io.annota.server.review;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.model.DaoMethodOutcome;
import ca.uhn.fhir.jpa.dao.tx.IHapiTransactionService;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import io.annota.deid.Pseudonymizer;
import io.annota.server.fhir.ResourceLocks;
import io.annota.server.nlp.AnnotationExtensions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code $review} on an annotation instance: a reviewer accepts, rejects or corrects it (code, span, assertion), or
 * adjudicates a dispute.
 * The annotation gets its new review-state (and correction) as a new version, so the machine's output stays in its
 * history, and the decision is recorded as a Provenance; both are written in one database transaction.
 */
public class ReviewOperationProvider {

    static final String REVIEW = "$review";

    /** Decisions on one annotation are weighed one at a time, so two simultaneous reviews both count. */
    private static final ResourceLocks REVIEW_LOCKS = new ResourceLocks(64);

    private final DaoRegistry daos;
    private final IHapiTransactionService transactions;
    private final Reviewers reviewers;
    private final SourceTexts sources;

    public ReviewOperationProvider(DaoRegistry daos, IHapiTransactionService transactions,
            Pseudonymizer pseudonymizer) {
        this.daos = daos;
        this.transactions = transactions;
        this.reviewers = new Reviewers(daos, pseudonymizer);
        this.sources = new SourceTexts(daos);
    }

    /** One provider per annotation type, for {@code RestfulServer.registerProviders}. */
    public List<Object> providers() {
        return AnnotationExtensions.ANNOTATED_TYPES.stream().<Object>map(ForType::new).toList();
    }

    /** {@code $review} on instances of one annotation type (HAPI binds instance operations per type). */
    public final class ForType extends TypeBoundProvider {

        ForType(String type) {
            super(daos, type);
        }

        @Operation(name = REVIEW, idempotent = false)
        public DomainResource review(@IdParam IdType id,
                @OperationParam(name = "reviewer", max = 1) StringType reviewer,
                @OperationParam(name = "decision", max = 1) CodeType decision,
                @OperationParam(name = "final", max = 1) CodeType finalDecision,
                @OperationParam(name = "code", max = 1) Coding code,
                @OperationParam(name = "begin", max = 1) IntegerType begin,
                @OperationParam(name = "end", max = 1) IntegerType end,
                @OperationParam(name = "negated", max = 1) BooleanType negated,
                @OperationParam(name = "uncertain", max = 1) BooleanType uncertain,
                @OperationParam(name = "historyOf", max = 1) BooleanType historyOf,
                @OperationParam(name = "conditional", max = 1) BooleanType conditional,
                @OperationParam(name = "generic", max = 1) BooleanType generic,
                @OperationParam(name = "subject", max = 1) CodeType subject) {
            return ReviewOperationProvider.this.review(new IdType(type(), id.getIdPart()),
                    new Request(reviewer, decision, finalDecision, code, begin, end,
                            flags(negated, uncertain, historyOf, conditional, generic), subject));
        }
    }

    /** The assertion flags given, by their names in {@link AnnotationExtensions#FLAGS} (same order). */
    private static Map<String, Boolean> flags(BooleanType... values) {
        Map<String, Boolean> given = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != null && values[i].hasValue()) {
                given.put(AnnotationExtensions.FLAGS.get(i), values[i].booleanValue());
            }
        }
        return given;
    }

    /** The operation's parameters as given; {@link #settled()} checks them. */
    private record Request(StringType reviewer, CodeType decision, CodeType finalDecision, Coding code,
            IntegerType begin, IntegerType end, Map<String, Boolean> flags, CodeType subject) {

        /** The outcome asked for: the decision itself, or for an adjudication the final one it names. */
        ReviewStates.Decision settled() {
            ReviewStates.Decision asked = known(decision, "decision");
            if (asked == ReviewStates.Decision.ADJUDICATE) {
                ReviewStates.Decision settled = known(finalDecision, "final");
                if (settled == ReviewStates.Decision.ADJUDICATE) {
                    throw new InvalidRequestException("final must be accept, reject or correct");
                }
                return settled;
            }
            return asked;
        }

        boolean adjudication() {
            return known(decision, "decision") == ReviewStates.Decision.ADJUDICATE;
        }

        private static ReviewStates.Decision known(CodeType code, String name) {
            ReviewStates.Decision found = code == null ? null : ReviewStates.Decision.of(code.getValue());
            if (found == null) {
                throw new InvalidRequestException(name + " must be one of accept, reject, correct, adjudicate");
            }
            return found;
        }

        /** The Provenance activity: adjudicate, correct, or verify (an acceptance or rejection). */
        String activity() {
            if (adjudication()) {
                return ReviewStates.Decision.ADJUDICATE.code();
            }
            return settled() == ReviewStates.Decision.CORRECT ? "correct" : "verify";
        }

        boolean changes() {
            return code != null || begin != null || end != null || !flags.isEmpty() || subject != null;
        }

        /** The corrected subject, one of cTAKES's codes, or null when not corrected. */
        String subjectCode() {
            if (subject == null) {
                return null;
            }
            if (!AnnotationExtensions.SUBJECTS.contains(subject.getValue())) {
                throw new InvalidRequestException("subject must be one of " + AnnotationExtensions.SUBJECTS);
            }
            return subject.getValue();
        }
    }

    private DomainResource review(IdType id, Request request) {
        ReviewStates.Decision decision = request.settled();
        if (decision == ReviewStates.Decision.CORRECT != request.changes()) {
            throw new InvalidRequestException(decision == ReviewStates.Decision.CORRECT
                    ? "correct needs a change: code, begin and end, or assertion flags"
                    : "code, begin, end and assertion flags go only with correct");
        }
        Reference reviewer = reviewers.resolve(request.reviewer());
        return REVIEW_LOCKS.with(id.getValue(), () -> transactions.withSystemRequest().execute(() -> {
            DomainResource annotation = annotation(id);
            Reference previous = new Reference(annotation.getIdElement().toUnqualified().getValue());
            if (decision == ReviewStates.Decision.CORRECT) {
                AnnotationRevisions.correct(annotation, correction(annotation, request));
            }
            ReviewStates.Vote vote = new ReviewStates.Vote(ReviewProvenances.reviewerKey(reviewer),
                    decision.outcome(), request.adjudication());
            List<ReviewStates.Vote> votes = new ArrayList<>(earlierVotes(id));
            votes.add(vote);
            AnnotationRevisions.setState(annotation, ReviewStates.after(votes));
            DaoMethodOutcome stored = daos.getResourceDao(id.getResourceType())
                    .update(annotation, new SystemRequestDetails());
            daos.getResourceDao(Provenance.class).create(ReviewProvenances.of(vote.outcome(), request.activity(),
                    reviewer, previous, new Reference(stored.getId().toUnqualified().getValue())),
                    new SystemRequestDetails());
            return (DomainResource) stored.getResource();
        }));
    }

    /** The current version of an annotation; other resources of the same types (no review-state) are refused. */
    private DomainResource annotation(IdType id) {
        DomainResource resource = (DomainResource) daos.getResourceDao(id.getResourceType())
                .read(id, new SystemRequestDetails());
        if (resource.getExtensionByUrl(AnnotationExtensions.REVIEW_STATE) == null
                || resource.getExtensionByUrl(AnnotationExtensions.EVIDENCE) == null) {
            throw new InvalidRequestException(id.getValue() + " is not an annotation");
        }
        return resource;
    }

    /** The decisions recorded on any version of the annotation, oldest first. */
    private List<ReviewStates.Vote> earlierVotes(IIdType annotation) {
        return ReviewProvenances.votes(daos, annotation);
    }

    /** The correction asked for, the covered text of a new span re-read from the cited (de-identified) source. */
    private AnnotationRevisions.Correction correction(DomainResource annotation, Request request) {
        if (request.begin() == null != (request.end() == null)) {
            throw new InvalidRequestException("a span needs both begin and end");
        }
        if (request.begin() == null) {
            return new AnnotationRevisions.Correction(request.code(), null, null, null, request.flags(),
                    request.subjectCode());
        }
        int begin = request.begin().getValue();
        int end = request.end().getValue();
        Extension evidence = annotation.getExtensionByUrl(AnnotationExtensions.EVIDENCE);
        IdType source = new IdType(((Reference) evidence.getExtensionByUrl(AnnotationExtensions.SOURCE).getValue())
                .getReference());
        String path = evidence.getExtensionByUrl(AnnotationExtensions.PATH).getValue().primitiveValue();
        String text = SourceTexts.text(sources.read(source), path).content();
        return new AnnotationRevisions.Correction(request.code(), begin, end, SourceTexts.covered(text, begin, end),
                request.flags(), request.subjectCode());
    }
}
