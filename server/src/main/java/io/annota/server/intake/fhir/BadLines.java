package io.annota.server.intake.fhir;

/** Keeps the lines an import could not store, so none is lost (the server keeps them as dead letters). */
@FunctionalInterface
public interface BadLines {

    /**
     * Keeps one line.
     *
     * @param source the channel or import job the line came from
     * @param text the line as read
     * @param failure where it is and why it failed (no content)
     * @return the id it was kept under
     * @throws RuntimeException if it could not be kept; the import then stops and resumes later
     */
    String keep(String source, String text, LineFailure failure);
}
