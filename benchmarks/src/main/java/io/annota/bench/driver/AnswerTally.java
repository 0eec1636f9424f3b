package io.annota.bench.driver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts the answers of an MLLP replay per set of messages, and the AE/AR answers per message type, error code
 * and reason: what tells which kinds of message a server does not take, and why. Thread-safe.
 */
final class AnswerTally {

    private record RejectionKey(String messageType, String code, String errorCode, String reason) {
    }

    private static final class SetCounts {
        long sent;
        long answered;
        final Map<String, Long> outcomes = new TreeMap<>();
        final Map<RejectionKey, Long> rejections = new LinkedHashMap<>();
    }

    private final Map<String, SetCounts> sets = new LinkedHashMap<>();

    /** {@code sets} in the order the report should list them. */
    AnswerTally(List<String> sets) {
        sets.forEach(set -> this.sets.putIfAbsent(set, new SetCounts()));
    }

    /** One request: the message, its outcome, and the acknowledgement if one came back (else null). */
    void add(Hl7Message message, String outcome, Acknowledgement ack) {
        // the type is read only for rejections: the driver shares the cores with the server it measures
        RejectionKey rejection = ack == null || ack.accepted() ? null
                : new RejectionKey(Er7Fields.of(message.bytes()).messageType(), ack.code(), ack.errorCode(),
                        ack.reason());
        synchronized (this) {
            SetCounts counts = sets.computeIfAbsent(message.set(), k -> new SetCounts());
            counts.sent++;
            counts.outcomes.merge(outcome, 1L, Long::sum);
            if (ack != null) {
                counts.answered++;
            }
            if (rejection != null) {
                counts.rejections.merge(rejection, 1L, Long::sum);
            }
        }
    }

    /** Sets in the given order; within a set the rejections most frequent first. */
    synchronized List<ReplayReport.SetAnswers> summary() {
        List<ReplayReport.SetAnswers> out = new ArrayList<>();
        sets.forEach((name, counts) -> {
            List<ReplayReport.Rejection> rejections = new ArrayList<>();
            counts.rejections.forEach((key, count) -> rejections.add(new ReplayReport.Rejection(key.messageType(),
                    key.code(), key.errorCode(), key.reason(), count)));
            rejections.sort(Comparator.comparingLong(ReplayReport.Rejection::count).reversed()
                    .thenComparing(ReplayReport.Rejection::messageType));
            out.add(new ReplayReport.SetAnswers(name, counts.sent, counts.answered, new TreeMap<>(counts.outcomes),
                    List.copyOf(rejections)));
        });
        return out;
    }
}
