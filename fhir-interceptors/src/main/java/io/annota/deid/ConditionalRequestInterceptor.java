package io.annota.deid;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.util.UrlUtil;
import java.util.List;
import java.util.Set;

/**
 * Pseudonymises the conditional URL of a REST create ({@code If-None-Exist}), update, patch or delete before
 * HAPI resolves it. Register it with the {@code RestfulServer} (a server pointcut); transactions are handled by
 * {@link ConditionalTransactionInterceptor}.
 */
@Interceptor
public final class ConditionalRequestInterceptor {

    private static final Set<RestOperationTypeEnum> CONDITIONAL = Set.of(
            RestOperationTypeEnum.CREATE, RestOperationTypeEnum.UPDATE,
            RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE);

    private final ConditionalUrlPseudonymizer urls;

    public ConditionalRequestInterceptor(ConditionalUrlPseudonymizer urls) {
        this.urls = urls;
    }

    /**
     * SERVER_INCOMING_REQUEST_POST_PROCESSED: the request is parsed and its operation known, but the handler's
     * arguments are not bound yet (they are by SERVER_INCOMING_REQUEST_PRE_HANDLED), so the conditional URL set
     * here is the one HAPI resolves.
     *
     * @return always true: processing continues
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean pseudonymiseConditionalUrl(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == null || !CONDITIONAL.contains(operation)) {
            return true;
        }
        String conditionalUrl = request.getConditionalUrl(operation);
        if (conditionalUrl == null) {
            return true;
        }
        String rewritten = urls.rewrite(request.getResourceName(), conditionalUrl);
        // HAPI reads the URL back from these places, depending on the operation and its version.
        request.setFixedConditionalUrl(rewritten);
        if (operation == RestOperationTypeEnum.CREATE) {
            request.setHeaders(Constants.HEADER_IF_NONE_EXIST, List.of(rewritten));
        } else {
            String completeUrl = request.getCompleteUrl();
            request.setCompleteUrl(completeUrl.substring(0, completeUrl.indexOf('?') + 1)
                    + rewritten.substring(rewritten.indexOf('?') + 1));
            request.setParameters(UrlUtil.parseQueryString(rewritten.substring(rewritten.indexOf('?') + 1)));
        }
        return true;
    }
}
