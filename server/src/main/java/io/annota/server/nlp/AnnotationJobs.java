package io.annota.server.nlp;

import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.IdType;

/**
 * Bulk (re-)annotation jobs of {@code $annotate} at type and system level: hands each document to the queue and
 * answers how many are done. Progress is read from storage (does the document's current version have its
 * Provenance?), so it stays right whoever annotated the document, and needs no callback from the queue. Jobs are
 * kept in memory: their ids do not survive a restart, the queued work is the queue's concern.
 */
public class AnnotationJobs {

    /** Progress of one job. */
    public record Progress(String job, int total, int done) {
        public boolean complete() {
            return done >= total;
        }
    }

    private final AnnotationQueue queue;
    private final DocumentAnnotator annotator;
    private final IFhirResourceDao<DocumentReference> documents;
    private final Map<String, List<String>> jobs = new ConcurrentHashMap<>();

    public AnnotationJobs(AnnotationQueue queue, DocumentAnnotator annotator, IFhirResourceDao<DocumentReference> documents) {
        this.queue = queue;
        this.annotator = annotator;
        this.documents = documents;
    }

    /** Queues every document ({@code DocumentReference/<id>}, versionless) and returns the job's id. */
    public String start(List<String> documentIds) {
        String job = UUID.randomUUID().toString();
        jobs.put(job, List.copyOf(documentIds));
        documentIds.forEach(queue::enqueue);
        return job;
    }

    public Optional<Progress> progress(String job) {
        List<String> ids = jobs.get(job);
        if (ids == null) {
            return Optional.empty();
        }
        int done = (int) ids.stream().filter(this::isDone).count();
        return Optional.of(new Progress(job, ids.size(), done));
    }

    private boolean isDone(String documentId) {
        try {
            return annotator.provenanceOf(documents.read(new IdType(documentId), new SystemRequestDetails())).isPresent();
        } catch (ResourceGoneException | ResourceNotFoundException e) {
            // deleted since the job started: nothing left to annotate
            return true;
        }
    }
}
