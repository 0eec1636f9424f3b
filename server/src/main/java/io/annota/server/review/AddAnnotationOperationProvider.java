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
import io.annota.nlp.Assertion;
import io.annota.nlp.ConceptCode;
import io.annota.nlp.ConceptMention;
import io.annota.nlp.SemanticGroup;
import io.annota.server.nlp.AnnotatableTexts;
import io.annota.server.nlp.AnnotationGroups;
import io.annota.server.nlp.AnnotationExtensions;
import io.annota.server.nlp.AnnotationResources;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code $add-annotation} on a text-bearing resource: a reviewer adds a mention the machine missed. It is stored in
 * the machine's shape (evidence citing the current version, review-state {@code added}) with a Provenance (activity
 * add), in one database transaction.
 */
public class AddAnnotationOperationProvider {

    static final String ADD_ANNOTATION = "$add-annotation";
    /** What a reviewer adds is asserted as plainly present in the patient; flags are a later addition. */
    private static final Assertion AFFIRMED = new Assertion(false, false, false, false, false, "patient");

    private final DaoRegistry daos;
    private final IHapiTransactionService transactions;
    private final Reviewers reviewers;
    private final SourceTexts sources;

    public AddAnnotationOperationProvider(DaoRegistry daos, IHapiTransactionService transactions,
            Pseudonymizer pseudonymizer) {
        this.daos = daos;
        this.transactions = transactions;
        this.reviewers = new Reviewers(daos, pseudonymizer);
        this.sources = new SourceTexts(daos);
    }

    /** One provider per source type, for {@code RestfulServer.registerProviders}. */
    public List<Object> providers() {
        return AnnotationExtensions.SOURCE_TYPES.stream().<Object>map(ForType::new).toList();
    }

    /** {@code $add-annotation} on instances of one source type (HAPI binds instance operations per type). */
    public final class ForType extends TypeBoundProvider {

        ForType(String type) {
            super(daos, type);
        }

        @Operation(name = ADD_ANNOTATION, idempotent = false)
        public DomainResource add(@IdParam IdType id,
                @OperationParam(name = "reviewer", max = 1) StringType reviewer,
                @OperationParam(name = "group", max = 1) CodeType group,
                @OperationParam(name = "code", max = 1) Coding code,
                @OperationParam(name = "path", max = 1) StringType path,
                @OperationParam(name = "begin", max = 1) IntegerType begin,
                @OperationParam(name = "end", max = 1) IntegerType end) {
            return AddAnnotationOperationProvider.this.add(new IdType(type(), id.getIdPart()), reviewer, group, code,
                    path, begin, end);
        }
    }

    private DomainResource add(IdType id, StringType reviewerId, CodeType group, Coding code, StringType path,
            IntegerType begin, IntegerType end) {
        Reference reviewer = reviewers.resolve(reviewerId);
        SemanticGroup semanticGroup = group(group);
        if (code == null || !code.hasCode()) {
            throw new InvalidRequestException("code is required: the Coding of the added mention");
        }
        if (begin == null || end == null) {
            throw new InvalidRequestException("begin and end are required: the span in the source text");
        }
        return transactions.withSystemRequest().execute(() -> {
            IBaseResource source = sources.read(id);
            AnnotatableTexts texts = AnnotatableTexts.of(source);
            AnnotatableTexts.Text text = SourceTexts.text(source, path == null ? null : path.getValue());
            String covered = SourceTexts.covered(text.content(), begin.getValue(), end.getValue());
            Reference version = new Reference(source.getIdElement().toUnqualified().getValue());
            ConceptMention mention = new ConceptMention(semanticGroup,
                    List.of(new ConceptCode(code.getSystem(), code.getCode(), code.getDisplay())),
                    begin.getValue(), end.getValue(), covered, AFFIRMED);
            DomainResource annotation = AnnotationResources.toResource(mention,
                    new AnnotationResources.Source(version, text.elementPath(), texts.subject(), texts.encounter()));
            annotation.getExtensionByUrl(AnnotationExtensions.REVIEW_STATE).setValue(new CodeType(ReviewStates.ADDED));
            DaoMethodOutcome stored = daos.getResourceDao(annotation.fhirType())
                    .create(annotation, new SystemRequestDetails());
            daos.getResourceDao(Provenance.class).create(ReviewProvenances.addition(reviewer,
                    new Reference(stored.getId().toUnqualified().getValue())), new SystemRequestDetails());
            return (DomainResource) stored.getResource();
        });
    }

    private static SemanticGroup group(CodeType group) {
        return AnnotationGroups.parse(group == null ? null : group.getValue()).orElseThrow(() ->
                new InvalidRequestException("group must be one of " + String.join(", ", AnnotationGroups.CODES)));
    }
}
