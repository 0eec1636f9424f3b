package io.annota.server.intake.deadletter;

import java.time.Instant;

/**
 * Which dead letters to list; a {@code null} part does not filter.
 *
 * @param since received at or after
 */
public record DeadLetterFilter(String channel, DeadLetterStatus status, Instant since) {
}
