package io.annota.server.intake.deadletter;

import java.time.Instant;

/**
 * What is known about one dead letter, without its message text: header fields and fixed texts only, so it may be
 * listed and shown.
 *
 * @param messageType {@code MSH-9.1^MSH-9.2}, or "" when the header could not be read
 * @param controlId MSH-10, or ""
 * @param ackCode the code the message was answered with when it arrived (AE or AR)
 * @param errorCode HL7 table 0357 code of the latest failure
 * @param reason fixed text of the latest failure
 * @param attempts times the message was processed: 1 on arrival, one more per replay
 * @param lastAttemptAt time of the latest replay, or {@code null}
 * @param replayAckCode the code the latest replay got, or {@code null}
 */
public record DeadLetter(String id, String channel, Instant receivedAt, String messageType, String controlId,
        String ackCode, int errorCode, String reason, DeadLetterStatus status, int attempts, Instant lastAttemptAt,
        String replayAckCode) {
}
