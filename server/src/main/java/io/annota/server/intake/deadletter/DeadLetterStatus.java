package io.annota.server.intake.deadletter;

/** Where a dead letter stands. */
public enum DeadLetterStatus {
    /** Kept, never replayed. */
    PENDING,
    /** Replayed and stored (AA): done; replaying it again does nothing. */
    REPLAYED,
    /** Replayed and refused again (AE/AR): waits for another fix. */
    FAILED_AGAIN
}
