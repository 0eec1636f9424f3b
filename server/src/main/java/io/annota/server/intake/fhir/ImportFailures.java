package io.annota.server.intake.fhir;

import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;

/**
 * The fixed reason reported for a line that storage refused. Exception messages may quote ids, URLs or values
 * of the resource, so they are read (for HAPI's message codes) but never repeated.
 */
final class ImportFailures {

    static final String NOT_JSON = "not a JSON object on one line";
    static final String NOT_A_RESOURCE = "not a FHIR R4 resource (resourceType missing or unknown, or invalid "
            + "content)";
    static final String WRONG_TYPE = "resourceType differs from the file's resource type";
    static final String MISSING_TARGET = "a referenced resource does not exist (import the files it refers to "
            + "first, then this file again)";
    static final String REFUSED = "refused by de-identification or validation (HTTP 422)";

    /** HAPI's codes for "Resource Type/id not found" and "no resource matches this conditional reference". */
    private static final String[] MISSING_TARGET_CODES = {"HAPI-1094:", "HAPI-1091:"};

    private ImportFailures() {
    }

    static String reason(RuntimeException failure) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        for (String code : MISSING_TARGET_CODES) {
            if (message.startsWith(code) || failure instanceof ResourceNotFoundException) {
                return MISSING_TARGET;
            }
        }
        if (failure instanceof UnprocessableEntityException) {
            return REFUSED;
        }
        if (failure instanceof BaseServerResponseException response) {
            return "refused by storage (HTTP " + response.getStatusCode() + ")";
        }
        return "storage failed (" + failure.getClass().getSimpleName() + ")";
    }
}
