package io.annota.server.nlp;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.DocumentReference;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues each stored DocumentReference for annotation, after its transaction commits: a rolled-back write is
 * never annotated, and the NLP reads only what de-identification left in storage.
 */
@Interceptor
public class AnnotationTriggerInterceptor {

    private final AnnotationQueue queue;

    public AnnotationTriggerInterceptor(AnnotationQueue queue) {
        this.queue = queue;
    }

    /** STORAGE_PRECOMMIT_RESOURCE_CREATED: a new resource is written and its transaction is about to commit. */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        queueAfterCommit(resource);
    }

    /** STORAGE_PRECOMMIT_RESOURCE_UPDATED: a new version is written and its transaction is about to commit. */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        queueAfterCommit(resource);
    }

    private void queueAfterCommit(IBaseResource resource) {
        if (!(resource instanceof DocumentReference)) {
            return;
        }
        String id = resource.getIdElement().toUnqualifiedVersionless().getValue();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    queue.submit(id);
                }
            });
        } else {
            queue.submit(id);
        }
    }
}
