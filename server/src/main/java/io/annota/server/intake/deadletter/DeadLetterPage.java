package io.annota.server.intake.deadletter;

import java.util.List;

/**
 * One page of dead letters, newest first.
 *
 * @param page 0-based page number
 * @param size page size asked for
 * @param total dead letters matching the filter, on all pages
 */
public record DeadLetterPage(List<DeadLetter> items, int page, int size, long total) {
}
