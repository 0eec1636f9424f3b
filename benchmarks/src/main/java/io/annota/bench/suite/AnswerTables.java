package io.annota.bench.suite;

import io.annota.bench.driver.ReplayReport;
import io.annota.bench.driver.ReplayReport.Rejection;
import io.annota.bench.driver.ReplayReport.SetAnswers;
import java.util.List;
import java.util.Locale;

/**
 * The answer tables of an MLLP replay: per set (when there are several), and the AE/AR answers by message type,
 * error code and reason (when there are any). Counts and the server's fixed reason texts only.
 */
final class AnswerTables {

    /** Rejection kinds listed per set; the rest are summed in one line, so a noisy set cannot swamp the page. */
    static final int TOP_REJECTIONS = 12;

    private AnswerTables() {
    }

    static void render(StringBuilder md, ReplayReport report) {
        List<SetAnswers> sets = report.sets();
        if (sets.size() > 1) {
            md.append("\n| set | sent | answered | AA | AE | AR | AA share | timeouts, socket errors |\n")
                    .append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
            for (SetAnswers set : sets) {
                md.append("| ").append(set.set()).append(" | ").append(set.sent()).append(" | ")
                        .append(set.answered()).append(" | ").append(set.count("AA")).append(" | ")
                        .append(set.count("AE")).append(" | ").append(set.count("AR")).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f%%", set.acceptedShare() * 100)).append(" | ")
                        .append(set.count("timeout") + set.count("socket-error")).append(" |\n");
            }
        }
        if (sets.stream().allMatch(set -> set.rejections().isEmpty())) {
            return;
        }
        md.append("\nAE and AR answers by message type, error code (ERR-3, HL7 table 0357) and reason (MSA-3):\n\n")
                .append("| set | message type | answer | ERR-3 | reason (MSA-3) | messages |\n")
                .append("|---|---|---|---|---|---:|\n");
        for (SetAnswers set : sets) {
            List<Rejection> rejections = set.rejections();
            for (Rejection r : rejections.subList(0, Math.min(TOP_REJECTIONS, rejections.size()))) {
                md.append("| ").append(set.set()).append(" | ").append(r.messageType()).append(" | ")
                        .append(r.code()).append(" | ").append(r.errorCode()).append(" | ")
                        .append(r.reason().replace("|", "\\|")).append(" | ").append(r.count()).append(" |\n");
            }
            if (rejections.size() > TOP_REJECTIONS) {
                List<Rejection> rest = rejections.subList(TOP_REJECTIONS, rejections.size());
                md.append("| ").append(set.set()).append(" | ").append(rest.size()).append(" more kinds | | | | ")
                        .append(rest.stream().mapToLong(Rejection::count).sum()).append(" |\n");
            }
        }
    }
}
