package io.annota.intake.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import java.util.List;

/**
 * What became of the messages of one file of a file channel: written next to the file when it is moved to
 * {@code done/} (every message stored) or {@code error/} (anything else). Holds control ids, types, codes and
 * fixed reasons only, never message content.
 *
 * @param fileName the file's name
 * @param lines one per message, in file order
 * @param problems structural problems of the file ({@link Hl7Batch})
 */
public record FileReport(String fileName, List<Line> lines, List<String> problems) {

    /** One message's outcome and, if it was not stored, its dead letter. */
    public record Line(Hl7Intake.Outcome outcome, String deadLetterId) {
    }

    public FileReport {
        lines = List.copyOf(lines);
        problems = List.copyOf(problems);
    }

    /** Messages stored (or stored before: a resend). */
    public long stored() {
        return lines.stream().filter(line -> line.outcome().stored()).count();
    }

    /** {@code done} when the file held messages and all were stored, else {@code error}. */
    public String folder() {
        return !lines.isEmpty() && stored() == lines.size() && problems.isEmpty() ? "done" : "error";
    }

    /** The report as text, one line per message. */
    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("file: ").append(fileName).append('\n');
        out.append("messages: ").append(lines.size());
        for (AcknowledgmentCode code : List.of(AcknowledgmentCode.AA, AcknowledgmentCode.AE, AcknowledgmentCode.AR)) {
            out.append(", ").append(code.name()).append(' ')
                    .append(lines.stream().filter(line -> line.outcome().code() == code).count());
        }
        out.append('\n');
        for (String problem : problems) {
            out.append("problem: ").append(problem).append('\n');
        }
        int index = 0;
        for (Line line : lines) {
            Hl7Intake.Outcome outcome = line.outcome();
            out.append(++index).append('\t').append(blankAsDash(outcome.controlId())).append('\t')
                    .append(blankAsDash(outcome.messageType())).append('\t').append(outcome.code().name());
            if (outcome.resent()) {
                out.append("\tstored before (resend)");
            }
            if (!outcome.stored()) {
                out.append('\t').append(outcome.errorCode()).append('\t').append(outcome.reason());
            }
            if (line.deadLetterId() != null) {
                out.append("\tdead letter ").append(line.deadLetterId());
            }
            out.append('\n');
        }
        return out.toString();
    }

    private static String blankAsDash(String value) {
        return value == null || value.isEmpty() ? "-" : value;
    }
}
