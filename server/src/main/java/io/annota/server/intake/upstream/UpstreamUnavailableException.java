package io.annota.server.intake.upstream;

/** The upstream kept failing transiently after all retries: the poll ends, its checkpoint stays. */
public class UpstreamUnavailableException extends RuntimeException {

    public UpstreamUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
