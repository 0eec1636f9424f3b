package io.annota.server.intake.deadletter;

/** No dead letter has this id. */
public class DeadLetterNotFoundException extends RuntimeException {

    public DeadLetterNotFoundException(String id) {
        super("no dead letter " + id);
    }
}
