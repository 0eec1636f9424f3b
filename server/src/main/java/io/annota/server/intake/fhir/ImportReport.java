package io.annota.server.intake.fhir;

/**
 * The report of one file of a watched NDJSON directory, written next to it as it is moved to {@code done/}
 * (every line stored) or {@code error/} (any line failed): counts, then one row per bad line with its number,
 * resource type, reason and dead letter. No content.
 *
 * @param folder {@code done} or {@code error}
 * @param text the report
 */
public record ImportReport(String folder, String text) {

    /** A file that describes the export (its log, an error file): moved to done/, not imported. */
    static ImportReport skipped(String fileName) {
        return new ImportReport("done", "file: " + fileName + "\nskipped: the export's log or an "
                + "OperationOutcome file, not data\n");
    }

    static ImportReport of(FileProgress progress) {
        StringBuilder out = new StringBuilder();
        out.append("file: ").append(progress.file()).append('\n');
        out.append("resource type: ").append(progress.resourceType() == null ? "any" : progress.resourceType())
                .append('\n');
        out.append("lines: ").append(progress.total()).append(", stored ").append(progress.stored())
                .append(", failed ").append(progress.failures().size());
        if (progress.resumedAfterLine() > 0) {
            out.append(", resumed after line ").append(progress.resumedAfterLine());
        }
        out.append('\n');
        for (LineFailure failure : progress.failures()) {
            out.append(failure.line()).append('\t').append(failure.resourceType().isEmpty() ? "-"
                    : failure.resourceType()).append('\t').append(failure.reason()).append("\tdead letter ")
                    .append(failure.deadLetterId()).append('\n');
        }
        return new ImportReport(progress.failures().isEmpty() ? "done" : "error", out.toString());
    }
}
