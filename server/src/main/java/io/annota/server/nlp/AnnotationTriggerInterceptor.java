package io.annota.server.nlp;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues each stored version of a text-bearing resource ({@link AnnotatableTexts}) in the transaction that writes
 * it: a crash right after the commit loses no entry, and a rolled-back write leaves none. The NLP later reads the
 * stored version, which is what de-identification left.
 */
@Interceptor
public class AnnotationTriggerInterceptor {

    private final NlpQueueTable table;
    private final AnnotationQueue queue;

    public AnnotationTriggerInterceptor(NlpQueueTable table, AnnotationQueue queue) {
        this.table = table;
        this.queue = queue;
    }

    /** STORAGE_PRECOMMIT_RESOURCE_CREATED: a new resource is written and its transaction is about to commit. */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_CREATED)
    public void created(IBaseResource resource) {
        enqueue(resource);
    }

    /** STORAGE_PRECOMMIT_RESOURCE_UPDATED: a new version is written and its transaction is about to commit. */
    @Hook(Pointcut.STORAGE_PRECOMMIT_RESOURCE_UPDATED)
    public void updated(IBaseResource previous, IBaseResource resource) {
        enqueue(resource);
    }

    private void enqueue(IBaseResource resource) {
        if (AnnotatableTexts.of(resource).isEmpty()) {
            return;
        }
        IIdType id = resource.getIdElement();
        table.enqueue(resource.fhirType(), id.getIdPart(), id.getVersionIdPartAsLong());
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    queue.wake();
                }
            });
        } else {
            queue.wake();
        }
    }
}
