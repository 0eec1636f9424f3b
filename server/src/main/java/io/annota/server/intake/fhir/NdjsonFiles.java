package io.annota.server.intake.fhir;

import ca.uhn.fhir.context.FhirContext;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the name of an NDJSON file of a FHIR Bulk Data export says: exports name each file after the one
 * resource type it holds ({@code Patient.ndjson}, {@code Patient.000.ndjson}, {@code 1.Patient.ndjson} from
 * some servers), write their own log as {@code log.ndjson} and errors as OperationOutcome files. Name parts
 * are separated by '.', '-' or '_', so a prefix or suffix a sender adds ({@code 2024-03-05_Patient.ndjson})
 * does not hide the type.
 */
public final class NdjsonFiles {

    /** Resource types of files that describe the export rather than hold data; never imported. */
    private static final String OPERATION_OUTCOME = "OperationOutcome";
    private static final String LOG = "log";
    private static final Pattern PARTS = Pattern.compile("[._-]");

    private final FhirContext context;

    public NdjsonFiles(FhirContext context) {
        this.context = context;
    }

    /** The resource type the file name names, or {@code null} when no part of it is an R4 resource type. */
    public String resourceType(String fileName) {
        for (String part : PARTS.split(fileName)) {
            if (!part.isEmpty() && Character.isUpperCase(part.charAt(0))
                    && context.getResourceTypes().contains(part)) {
                return part;
            }
        }
        return null;
    }

    /** The export's log or an error file: skipped, not imported. */
    public boolean describesExport(Path file) {
        String name = file.getFileName().toString();
        return Arrays.stream(PARTS.split(name)).anyMatch(part -> LOG.equals(part.toLowerCase(Locale.ROOT)))
                || OPERATION_OUTCOME.equals(resourceType(name));
    }
}
