package io.annota.intake.channel;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@code fhir-pull} channel polls ({@code docs/channels.md}): an upstream FHIR R4 server's resources of
 * some types changed since the channel's checkpoint. Secrets are named by file, never held in the channel file
 * (a bearer token may be given inline for tests and demos).
 *
 * @param baseUrl the upstream's FHIR base, e.g. {@code https://ehr.example.org/fhir}
 * @param types resource types, pulled in this order (put referenced types first)
 * @param queries extra search parameters per type, as a query string ({@code status=final})
 * @param interval poll period
 * @param pageSize {@code _count} asked of the upstream
 * @param auth how Annota authenticates to the upstream
 * @param retry how transient upstream errors are retried
 * @param overlap look-back below the checkpoint, for writes committed late with an earlier timestamp
 * @param notifySecretFile file holding the {@code Authorization} value rest-hook notifications must carry, or
 *        {@code null} when notifications need none
 */
public record FhirPullSettings(URI baseUrl, List<String> types, Map<String, String> queries, Duration interval,
        int pageSize, Auth auth, Retry retry, Duration overlap, Path notifySecretFile) {

    public FhirPullSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        types = List.copyOf(types);
        queries = Map.copyOf(queries);
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(overlap, "overlap");
    }

    /** How Annota authenticates to the upstream. */
    public enum AuthMode {
        NONE,
        BEARER,
        BASIC,
        CLIENT_CREDENTIALS
    }

    /**
     * Credentials; only the fields of the mode are set.
     *
     * @param token bearer: the token itself, or {@code null} when {@code secretFile} holds it
     * @param secretFile bearer: the token file; basic: the password file; client-credentials: the client secret
     */
    public record Auth(AuthMode mode, String token, Path secretFile, String username, URI tokenUrl, String clientId,
            String scope) {

        public static final Auth NONE = new Auth(AuthMode.NONE, null, null, null, null, null, null);

        public Auth {
            Objects.requireNonNull(mode, "mode");
        }

        /** Never the secret itself: settings end up in logs and exception messages. */
        @Override
        public String toString() {
            return "Auth[" + mode + "]";
        }
    }

    /**
     * Retries of one upstream request after a transient error (5xx, timeout, connection refused).
     *
     * @param maxAttempts attempts in all, the first included
     * @param initialBackoff wait before the second attempt; doubled for each further one
     * @param maxBackoff the longest wait
     */
    public record Retry(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {

        public static final Retry DEFAULT = new Retry(4, Duration.ofSeconds(1), Duration.ofSeconds(30));

        /** The wait before attempt {@code attempt} (2 for the first retry). */
        public Duration backoff(int attempt) {
            long factor = 1L << Math.min(30, attempt - 2);
            Duration wait = initialBackoff.multipliedBy(factor);
            return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
        }
    }
}
