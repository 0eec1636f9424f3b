package io.annota.intake.hl7;

/**
 * Keeps every HL7 v2 message that was not stored (AE, AR, internal error), so that none is lost: encrypted at
 * rest, with its reason and time, to be listed and replayed after a fix ({@code docs/channels.md}).
 */
public interface DeadLetters {

    /**
     * Keeps one message.
     *
     * @param channel id of the channel it came in on
     * @param text the message as decoded
     * @param outcome why it was not stored (no patient data)
     * @return the dead letter's id
     * @throws RuntimeException if it could not be kept; the caller then answers as if nothing was received
     */
    String keep(String channel, String text, Hl7Intake.Outcome outcome);
}
