package io.annota.server.intake.deadletter;

/** A dead letter's text cannot be decrypted (another key, or the row was altered). Names the id, never content. */
public class DeadLetterUnreadableException extends RuntimeException {

    private final String id;

    public DeadLetterUnreadableException(String id, String why) {
        super("dead letter " + id + " cannot be decrypted: " + why);
        this.id = id;
    }

    public String id() {
        return id;
    }
}
