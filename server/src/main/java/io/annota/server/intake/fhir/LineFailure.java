package io.annota.server.intake.fhir;

/**
 * One line of an NDJSON file that was not stored: where it is and why, never what it holds.
 *
 * @param file the file's name
 * @param line 1-based line number
 * @param resourceType the line's resource type, or "" when it could not be read
 * @param reason a fixed text
 * @param deadLetterId the dead letter holding the line (encrypted)
 */
public record LineFailure(String file, int line, String resourceType, String reason, String deadLetterId) {

    /** {@code file:line}, as reports and the status show it. */
    public String location() {
        return file + ":" + line;
    }
}
