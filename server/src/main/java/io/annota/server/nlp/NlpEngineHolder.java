package io.annota.server.nlp;

import io.annota.nlp.ClinicalNlp;
import io.annota.nlp.CtakesNlp;
import io.annota.nlp.NlpSettings;
import io.annota.server.config.NlpProperties;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Builds the cTAKES engines in the background (10-30 s) so the FHIR API and the MLLP listener come up meanwhile;
 * health reports the NLP as down until the engines are ready.
 */
public class NlpEngineHolder implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(NlpEngineHolder.class);

    private final CompletableFuture<CtakesNlp> engine;

    public NlpEngineHolder(NlpProperties properties) {
        NlpSettings settings = new NlpSettings(properties.profile(), properties.workers(), properties.lookupXml());
        this.engine = CompletableFuture.supplyAsync(() -> start(settings), runnable -> {
            Thread thread = new Thread(runnable, "annota-nlp-init");
            thread.setDaemon(true);
            thread.start();
        });
    }

    private static CtakesNlp start(NlpSettings settings) {
        long started = System.nanoTime();
        CtakesNlp nlp = CtakesNlp.start(settings);
        log.info("cTAKES ready: {} with {} in {} s ({} worker(s))", nlp.info().pipeline(), nlp.info().dictionary(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), settings.workers());
        return nlp;
    }

    public boolean isReady() {
        return engine.isDone() && !engine.isCompletedExceptionally();
    }

    /** The reason the engine could not be built, or null while it is starting or once it runs. */
    public Throwable failure() {
        if (!engine.isCompletedExceptionally()) {
            return null;
        }
        try {
            engine.join();
            return null;
        } catch (RuntimeException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    /** Waits for the engine; throws if it failed to start or is not ready within {@code timeout}. */
    public ClinicalNlp await(Duration timeout) throws InterruptedException, TimeoutException {
        try {
            return engine.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("the NLP engine failed to start", e.getCause());
        }
    }

    @Override
    public void destroy() {
        engine.thenAccept(CtakesNlp::close);
        engine.cancel(false);
    }
}
