package io.annota.server.intake.fhir;

import java.nio.file.Path;

/**
 * One file of an {@code $import} job.
 *
 * @param resourceType the type every line must have, or {@code null} (any)
 * @param file the file, inside an allowed import directory
 */
public record ImportInput(String resourceType, Path file) {
}
