package io.annota.server.nlp;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Runs document annotation off the request thread, one task per document, as many at once as there are NLP
 * workers. In memory: a document queued when the JVM stops is annotated again only when it is written again
 * (a durable queue is planned, see docs/annotations.md).
 */
public class AnnotationQueue implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AnnotationQueue.class);
    private static final Duration ENGINE_WAIT = Duration.ofMinutes(5);

    private final ExecutorService executor;
    private final DocumentAnnotator annotator;
    private final NlpEngineHolder engine;
    private final AtomicInteger pending = new AtomicInteger();
    private final AtomicLong failed = new AtomicLong();

    public AnnotationQueue(DocumentAnnotator annotator, NlpEngineHolder engine, int workers) {
        this.annotator = annotator;
        this.engine = engine;
        AtomicInteger threads = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(workers, runnable -> {
            Thread thread = new Thread(runnable, "annota-nlp-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Queues the document {@code DocumentReference/<id>} (versionless) for annotation. */
    public void submit(String documentId) {
        pending.incrementAndGet();
        executor.execute(() -> {
            try {
                annotator.annotate(documentId, engine.await(ENGINE_WAIT));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                failed.incrementAndGet();
                // The cause's class only: messages from deep inside may quote the note.
                log.error("Annotation of {} failed: {}", documentId, e.getClass().getName());
            } finally {
                pending.decrementAndGet();
            }
        });
    }

    public int pending() {
        return pending.get();
    }

    public long failed() {
        return failed.get();
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdownNow();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
