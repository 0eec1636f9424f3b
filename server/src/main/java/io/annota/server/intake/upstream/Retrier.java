package io.annota.server.intake.upstream;

import ca.uhn.fhir.rest.client.exceptions.FhirClientConnectionException;
import ca.uhn.fhir.rest.server.exceptions.AuthenticationException;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.annota.intake.channel.FhirPullSettings;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one upstream request, retrying transient failures (connection refused, timeouts, HTTP 5xx and 429) with
 * exponential backoff; anything else (a 4xx: the request or the credentials are wrong) fails at once.
 */
public final class Retrier {

    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    /** Waits between attempts; tests pass one that records instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final FhirPullSettings.Retry retry;
    private final Sleeper sleeper;
    private final Runnable refreshCredentials;

    /**
     * @param refreshCredentials called once per request on a 401 before it is tried again (client credentials:
     *        the token may have expired), or {@code null}: a 401 fails at once
     */
    public Retrier(FhirPullSettings.Retry retry, Sleeper sleeper, Runnable refreshCredentials) {
        this.retry = retry;
        this.sleeper = sleeper;
        this.refreshCredentials = refreshCredentials;
    }

    /**
     * @param what what the request does, for logs (type and page, never content)
     * @throws UpstreamUnavailableException when every attempt failed transiently
     */
    public <T> T call(String what, Supplier<T> request) {
        boolean refreshed = refreshCredentials == null;
        for (int attempt = 1; ; attempt++) {
            try {
                return request.get();
            } catch (AuthenticationException e) {
                if (refreshed) {
                    throw e;
                }
                refreshed = true;
                attempt--;
                refreshCredentials.run();
            } catch (RuntimeException e) {
                if (!transient_(e) || attempt >= retry.maxAttempts()) {
                    throw transient_(e) ? new UpstreamUnavailableException(what + ": upstream unavailable after "
                            + attempt + " attempts (" + e.getClass().getSimpleName() + ")", e) : e;
                }
                Duration wait = retry.backoff(attempt + 1);
                LOG.warn("{}: attempt {} failed ({}), retrying in {} ms", what, attempt, e.getClass().getSimpleName(),
                        wait.toMillis());
                sleep(wait);
            }
        }
    }

    private void sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamUnavailableException("interrupted while waiting to retry", e);
        }
    }

    static boolean transient_(RuntimeException e) {
        if (e instanceof FhirClientConnectionException) {
            return true;
        }
        return e instanceof BaseServerResponseException response
                && (response.getStatusCode() >= 500 || response.getStatusCode() == 429);
    }
}
