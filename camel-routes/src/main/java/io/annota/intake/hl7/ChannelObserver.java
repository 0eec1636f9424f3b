package io.annota.intake.hl7;

/** Told about every message a channel answered, for statistics. Implementations are thread-safe and fast. */
public interface ChannelObserver {

    /** Does nothing. */
    ChannelObserver NONE = (channel, outcome, deadLettered, nanos) -> { };

    /**
     * @param channel channel id
     * @param outcome what became of the message
     * @param deadLettered it was kept as a dead letter
     * @param nanos time from receipt to the answer
     */
    void answered(String channel, Hl7Intake.Outcome outcome, boolean deadLettered, long nanos);
}
