package io.annota.server.nlp;

import io.annota.nlp.ClinicalNlp;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.IdType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Annotates queued resource versions off the request thread: {@code workers} threads claim entries from the
 * durable {@link NlpQueueTable} and run them through the shared engine pool (one cTAKES engine per worker). The
 * table is the truth; {@link #wake()} only spares a worker its next poll. At start-up, entries a stopped server
 * left RUNNING go back to PENDING, so nothing queued is lost.
 */
public class AnnotationQueue implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AnnotationQueue.class);
    /** Also how soon a retry that has become due is picked up. */
    private static final Duration POLL = Duration.ofSeconds(2);
    /** Workers wait for the engine however long it takes to build. */
    private static final Duration ENGINE_WAIT = Duration.ofMillis(Long.MAX_VALUE);

    private final NlpQueueTable table;
    private final DocumentAnnotator annotator;
    private final NlpEngineHolder engine;
    private final ExecutorService workers;
    private final Semaphore work = new Semaphore(0);

    public AnnotationQueue(NlpQueueTable table, DocumentAnnotator annotator, NlpEngineHolder engine, int workers) {
        this.table = table;
        this.annotator = annotator;
        this.engine = engine;
        int recovered = table.recoverInterrupted();
        if (recovered > 0) {
            log.info("{} annotation(s) interrupted by the last stop are queued again", recovered);
        }
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "annota-nlp-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        for (int i = 0; i < workers; i++) {
            this.workers.execute(this::work);
        }
    }

    /**
     * Queues the current version of {@code resourceId} ({@code Type/id}, or {@code Type/id/_history/n} for that
     * version), e.g. to annotate again a version whose entry FAILED. Stored writes of text-bearing resources are
     * queued without this, in their own transaction ({@link AnnotationTriggerInterceptor}).
     *
     * @throws IllegalArgumentException for a resource type the NLP does not read
     */
    public void enqueue(String resourceId) {
        IIdType id = new IdType(resourceId);
        if (!AnnotatableTexts.supports(id.getResourceType())) {
            throw new IllegalArgumentException("not a text-bearing resource type: " + id.getResourceType());
        }
        IIdType versioned = id.hasVersionIdPart() ? id : annotator.read(resourceId).getIdElement();
        table.enqueue(versioned.getResourceType(), versioned.getIdPart(), versioned.getVersionIdPartAsLong());
        wake();
    }

    /** Tells an idle worker that an entry was committed; without it, the entry waits for the next poll. */
    public void wake() {
        work.release();
    }

    public NlpQueueTable.Counts counts() {
        return table.counts();
    }

    private void work() {
        ClinicalNlp nlp;
        try {
            nlp = engine.await(ENGINE_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            // entries stay PENDING for a start with a working engine; health shows the engine failure
            log.warn("No annotation on this run: the NLP engine is not available ({})", e.getClass().getName());
            return;
        }
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Optional<NlpQueueTable.Entry> entry = claim();
                if (entry.isPresent()) {
                    process(entry.get(), nlp);
                } else {
                    work.tryAcquire(POLL.toMillis(), TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** An entry to work on; none when the database cannot be read, so a worker outlives a database outage. */
    private Optional<NlpQueueTable.Entry> claim() {
        try {
            return table.claim();
        } catch (RuntimeException e) {
            log.warn("Cannot read the annotation queue: {}", e.getClass().getName());
            return Optional.empty();
        }
    }

    private void process(NlpQueueTable.Entry entry, ClinicalNlp nlp) {
        try {
            annotator.annotate(entry.reference(), nlp);
            table.done(entry);
        } catch (RuntimeException e) {
            if (Thread.currentThread().isInterrupted()) {
                return; // stopping: the entry stays RUNNING and is queued again at the next start
            }
            boolean exhausted = table.failed(entry, e.getClass());
            // the class only: messages from deep inside may quote the text
            log.error("Annotation of {} version {} failed (attempt {}{}): {}", entry.reference(), entry.version(),
                    entry.attempts(), exhausted ? ", giving up" : ", will retry", e.getClass().getName());
        }
    }

    @Override
    public void destroy() throws InterruptedException {
        workers.shutdownNow();
        workers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
