package io.annota.server.fhir;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs failed FHIR requests by operation, resource type, status and exception class only. HAPI's own
 * ExceptionHandlingInterceptor logs exception messages, which quote conditional URLs and resource contents; it
 * is silenced in application.yaml and this takes its place.
 */
@Interceptor
public class RequestFailureLogger {

    private static final Logger log = LoggerFactory.getLogger(RequestFailureLogger.class);

    /** SERVER_HANDLE_EXCEPTION: a request failed and HAPI is about to answer with an OperationOutcome. */
    @Hook(Pointcut.SERVER_HANDLE_EXCEPTION)
    public boolean logFailure(RequestDetails request, BaseServerResponseException exception) {
        String operation = request.getRestOperationType() == null ? "request" : request.getRestOperationType().name();
        if (exception.getStatusCode() >= 500) {
            log.error("FHIR {} {} failed: HTTP {} {}", operation, request.getResourceName(),
                    exception.getStatusCode(), exception.getClass().getSimpleName());
        } else {
            log.warn("FHIR {} {} refused: HTTP {} {}", operation, request.getResourceName(),
                    exception.getStatusCode(), exception.getClass().getSimpleName());
        }
        return true;
    }
}
