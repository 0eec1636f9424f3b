package io.annota.server.intake.deadletter;

import io.annota.intake.hl7.Hl7Intake;

/**
 * Replays the dead letters that are not HL7 v2 messages but lines of imported files (NDJSON), by the channel they
 * came from. Their outcome is given in the terms of the dead letter table: AA stored, AE with a fixed reason.
 */
public interface LineReplays {

    /** Replays nothing. */
    LineReplays NONE = new LineReplays() {
        @Override
        public boolean handles(String channel) {
            return false;
        }

        @Override
        public Hl7Intake.Outcome replay(DeadLetter letter, String text) {
            throw new IllegalStateException("no line replays");
        }
    };

    /** Whether the dead letters of {@code channel} are lines replayed here. */
    boolean handles(String channel);

    /** Stores the letter's line again. */
    Hl7Intake.Outcome replay(DeadLetter letter, String text);
}
