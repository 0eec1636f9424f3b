package io.annota.intake.hl7;

import java.util.Optional;

/**
 * The messages intake has stored, each under a key that stands for its sender and control id (MSH-3, MSH-4,
 * MSH-10), with the ACK that answered it: a message sent again is answered with that ACK and stored nothing new.
 * Keys are keyed hashes; ACKs hold control ids, codes and fixed texts only. Implementations must be thread-safe
 * and should be durable.
 */
public interface StoredMessages {

    /** The ACK sent when the message with this key was stored, if it was. */
    Optional<String> acknowledgement(String messageKey);

    /** Remembers the ACK of a stored message; a key already known keeps its first ACK. */
    void remember(String messageKey, String acknowledgement);
}
