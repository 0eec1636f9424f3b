package io.annota.server.nlp;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.jpa.searchparam.MatchUrlService;
import ca.uhn.fhir.jpa.searchparam.SearchParameterMap;
import ca.uhn.fhir.rest.annotation.IdParam;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.OperationParam;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import io.annota.nlp.ClinicalNlp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.BooleanType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DiagnosticReport;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Provenance;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * {@code $annotate}: on one DocumentReference, the annotations as a collection Bundle, built only
 * ({@code store=false}, the default) or also stored like the queue stores them ({@code store=true}, once per
 * document version); on the type or the server, a job queueing every matching DocumentReference, answered at once
 * with a Parameters naming the job, and {@code $annotate-status?job=} giving done/total.
 */
public class AnnotateOperationProvider {

    static final String ANNOTATE = "$annotate";
    static final String STATUS = "$annotate-status";
    private static final Duration ENGINE_WAIT = Duration.ofSeconds(60);
    /** Request parameters of the operation itself; every other one is a DocumentReference search parameter. */
    private static final Set<String> OWN_PARAMETERS = Set.of("store", "_format", "_pretty");

    private final FhirContext context;
    private final NlpEngineHolder engine;
    private final DocumentAnnotator annotator;
    private final AnnotationJobs jobs;
    private final IFhirResourceDao<DocumentReference> documents;
    private final MatchUrlService matchUrls;
    private final DaoRegistry daos;

    public AnnotateOperationProvider(FhirContext context, NlpEngineHolder engine, DocumentAnnotator annotator,
            AnnotationJobs jobs, MatchUrlService matchUrls, DaoRegistry daos) {
        this.context = context;
        this.engine = engine;
        this.annotator = annotator;
        this.jobs = jobs;
        this.documents = daos.getResourceDao(DocumentReference.class);
        this.matchUrls = matchUrls;
        this.daos = daos;
    }

    @Operation(name = ANNOTATE, type = DocumentReference.class, idempotent = false)
    public Bundle annotateDocument(@IdParam IdType id,
            @OperationParam(name = "store", min = 0, max = 1) BooleanType store, RequestDetails request) {
        return annotateOne("DocumentReference", id, store, request);
    }

    @Operation(name = ANNOTATE, type = DiagnosticReport.class, idempotent = false)
    public Bundle annotateReport(@IdParam IdType id,
            @OperationParam(name = "store", min = 0, max = 1) BooleanType store, RequestDetails request) {
        return annotateOne("DiagnosticReport", id, store, request);
    }

    @Operation(name = ANNOTATE, type = Observation.class, idempotent = false)
    public Bundle annotateObservation(@IdParam IdType id,
            @OperationParam(name = "store", min = 0, max = 1) BooleanType store, RequestDetails request) {
        return annotateOne("Observation", id, store, request);
    }

    /**
     * One text-bearing resource: its annotations as a collection, without storing them ({@code store} false, the
     * default), or stored once (a version already annotated is not annotated again) with their Provenance.
     */
    private Bundle annotateOne(String type, IdType id, BooleanType store, RequestDetails request) {
        IIdType versionless = new IdType(type, id.getIdPart());
        IBaseResource stored = daos.getResourceDao(type).read(versionless, request);
        ClinicalNlp nlp = nlp();
        Bundle result = new Bundle().setType(Bundle.BundleType.COLLECTION);
        if (store == null || !store.booleanValue()) {
            annotator.preview(stored, nlp).forEach(resource -> add(result, resource));
            return result;
        }
        annotator.annotate(versionless.getValue(), nlp);
        IBaseResource current = daos.getResourceDao(type).read(versionless, request);
        Provenance provenance = annotator.provenanceOf(current).orElseThrow(() -> new ResourceNotFoundException(
                "the annotations of " + current.getIdElement().toUnqualified().getValue() + " were not stored"));
        provenance.getTarget().stream()
                .filter(target -> !target.getReferenceElement().toUnqualifiedVersionless().getValue()
                        .equals(versionless.getValue()))
                .forEach(target -> add(result, read(target.getReferenceElement(), request)));
        add(result, provenance);
        return result;
    }

    @Operation(name = ANNOTATE, type = DocumentReference.class, idempotent = false)
    public Parameters annotateDocuments(RequestDetails request) {
        return startJob(request);
    }

    /** At server level: the text-bearing resources the NLP reads today, i.e. DocumentReferences. */
    @Operation(name = ANNOTATE, idempotent = false)
    public Parameters annotateAll(RequestDetails request) {
        return startJob(request);
    }

    @Operation(name = STATUS, idempotent = true)
    public Parameters status(@OperationParam(name = "job", min = 1, max = 1) StringType job) {
        AnnotationJobs.Progress progress = jobs.progress(job.getValue())
                .orElseThrow(() -> new ResourceNotFoundException("no annotation job " + job.getValue()));
        return describe(progress);
    }

    private Parameters startJob(RequestDetails request) {
        SearchParameterMap query = matchUrls.translateMatchUrl("DocumentReference?" + searchQuery(request),
                context.getResourceDefinition(DocumentReference.class));
        query.setLoadSynchronous(true);
        List<String> ids = documents.searchForResourceIds(query, request).stream()
                .map(id -> id.toUnqualifiedVersionless().getValue())
                .toList();
        return describe(jobs.progress(jobs.start(ids)).orElseThrow());
    }

    private static String searchQuery(RequestDetails request) {
        return request.getParameters().entrySet().stream()
                .filter(e -> !OWN_PARAMETERS.contains(e.getKey()))
                .flatMap(e -> Arrays.stream(e.getValue()).map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static Parameters describe(AnnotationJobs.Progress progress) {
        Parameters parameters = new Parameters();
        parameters.addParameter("job", progress.job());
        parameters.addParameter().setName("total").setValue(new IntegerType(progress.total()));
        parameters.addParameter().setName("done").setValue(new IntegerType(progress.done()));
        parameters.addParameter("status", progress.complete() ? "completed" : "in-progress");
        parameters.addParameter("statusUrl", STATUS + "?job=" + progress.job());
        return parameters;
    }

    private ClinicalNlp nlp() {
        try {
            return engine.await(ENGINE_WAIT);
        } catch (TimeoutException e) {
            throw new ServiceUnavailable("the NLP engine is still starting; retry later");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnavailable("interrupted while waiting for the NLP engine");
        }
    }

    private Resource read(IIdType id, RequestDetails request) {
        return (Resource) daos.getResourceDao(id.getResourceType()).read(id, request);
    }

    private static void add(Bundle bundle, Resource resource) {
        String fullUrl = resource.hasIdElement() && resource.getIdElement().hasIdPart()
                ? resource.getIdElement().toUnqualifiedVersionless().getValue()
                : "urn:uuid:" + UUID.randomUUID();
        bundle.addEntry().setFullUrl(fullUrl).setResource(resource);
    }

    /** HTTP 503: HAPI has no exception class of its own for it. */
    private static final class ServiceUnavailable extends BaseServerResponseException {
        ServiceUnavailable(String message) {
            super(503, message);
        }
    }
}
