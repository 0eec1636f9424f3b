package io.annota.deid;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.rest.api.Constants;
import ca.uhn.fhir.rest.api.EncodingEnum;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.server.method.ResourceParameter;
import ca.uhn.fhir.util.UrlUtil;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * Rewrites a REST request to the stored form before HAPI binds it to a handler. Register it with the
 * {@code RestfulServer} (a server pointcut); transactions and batches are handled by
 * {@link ConditionalTransactionInterceptor}.
 *
 * <ul>
 *   <li><b>Instance ids</b>: {@code Type/id[/_history/v][/$op]} of a read, vread, update, patch, delete, history,
 *       instance operation or compartment search is mapped with {@link Pseudonymizer#pseudonymousId}, and so is the
 *       {@code id} in the body of a {@code PUT}: a client that wrote {@code Patient/mrn-123} reads, updates and
 *       deletes it under that name although it is stored (and every reference to it is rewritten) under a
 *       pseudonymous id.</li>
 *   <li><b>Searches</b>: {@code _id} values, reference values ({@code subject=Patient/mrn-123},
 *       {@code patient=mrn-123}) and identifier tokens with a system are mapped the same way (see
 *       {@link ConditionalUrlPseudonymizer#rewriteSearch}); other parameters are left alone.</li>
 *   <li><b>Conditional URLs</b> of a create ({@code If-None-Exist}), update, patch or delete are rewritten by
 *       {@link ConditionalUrlPseudonymizer#rewrite}, which refuses parameters that cannot match.</li>
 * </ul>
 */
@Interceptor
public final class ConditionalRequestInterceptor {

    private static final Set<RestOperationTypeEnum> CONDITIONAL = Set.of(
            RestOperationTypeEnum.CREATE, RestOperationTypeEnum.UPDATE,
            RestOperationTypeEnum.PATCH, RestOperationTypeEnum.DELETE);

    private static final Set<RestOperationTypeEnum> SEARCHES = Set.of(
            RestOperationTypeEnum.SEARCH_TYPE, RestOperationTypeEnum.SEARCH_SYSTEM,
            RestOperationTypeEnum.HISTORY_TYPE, RestOperationTypeEnum.HISTORY_INSTANCE);

    private final ConditionalUrlPseudonymizer urls;
    private final ResourceIdPseudonymizer ids;

    public ConditionalRequestInterceptor(ConditionalUrlPseudonymizer urls) {
        this.urls = urls;
        this.ids = urls.ids();
    }

    /**
     * SERVER_INCOMING_REQUEST_POST_PROCESSED: the request is parsed and its operation known, but the handler's
     * arguments are not bound yet (they are by SERVER_INCOMING_REQUEST_PRE_HANDLED), so the id, parameters,
     * body and conditional URL set here are the ones HAPI uses.
     *
     * @return always true: processing continues
     */
    @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
    public boolean pseudonymiseConditionalUrl(RequestDetails request) {
        RestOperationTypeEnum operation = request.getRestOperationType();
        if (operation == null) {
            return true;
        }
        pseudonymiseInstanceId(request, operation);
        if (SEARCHES.contains(operation)) {
            pseudonymiseSearch(request);
        }
        if (CONDITIONAL.contains(operation)) {
            pseudonymiseConditional(request, operation);
        }
        return true;
    }

    private void pseudonymiseInstanceId(RequestDetails request, RestOperationTypeEnum operation) {
        IIdType id = request.getId();
        String type = request.getResourceName();
        if (id == null || !id.hasIdPart() || type == null || !ids.isResourceType(type)) {
            return;
        }
        IIdType typed = id.hasResourceType() ? id : id.withResourceType(type);
        IIdType mapped = ids.id(typed);
        if (mapped == typed) {
            return;
        }
        if (operation == RestOperationTypeEnum.UPDATE) {
            pseudonymiseBodyId(request);
        }
        request.setId(mapped);
        String path = request.getRequestPath();
        if (path != null) {
            String mappedPath = ids.requestUrl(path);
            request.setRequestPath(mappedPath);
            String complete = request.getCompleteUrl();
            if (complete != null && request.getFhirServerBase() != null) {
                int question = complete.indexOf('?');
                request.setCompleteUrl(request.getFhirServerBase() + "/" + mappedPath
                        + (question < 0 ? "" : complete.substring(question)));
            }
        }
    }

    /**
     * The body of a PUT names its id too, and HAPI insists that it equals the URL's: parse, map, re-encode. A
     * body HAPI could not parse is left for HAPI to refuse.
     */
    private void pseudonymiseBodyId(RequestDetails request) {
        EncodingEnum encoding = requestEncoding(request);
        if (encoding == null) {
            return;
        }
        byte[] contents = request.loadRequestContents();
        if (contents == null || contents.length == 0) {
            return;
        }
        Charset charset = ResourceParameter.determineRequestCharset(request);
        IParser parser = encoding.newParser(urls.context());
        IBaseResource resource;
        try {
            resource = parser.parseResource(new String(contents, charset));
        } catch (RuntimeException unparseable) {
            return;
        }
        IIdType bodyId = resource.getIdElement();
        if (bodyId == null || !bodyId.hasIdPart()) {
            return;
        }
        String bodyType = urls.context().getResourceType(resource);
        String mapped = ids.id(bodyType, bodyId.getIdPart());
        if (mapped.equals(bodyId.getIdPart())) {
            return;
        }
        resource.setId(mapped);
        request.setRequestContents(parser.encodeResourceToString(resource).getBytes(charset));
    }

    /** The encoding named by the Content-Type header, as HAPI determines it (first known type wins). */
    private static EncodingEnum requestEncoding(RequestDetails request) {
        List<String> headers = request.getHeaders(Constants.HEADER_CONTENT_TYPE);
        if (headers == null) {
            return null;
        }
        for (String header : headers) {
            if (header == null) {
                continue;
            }
            for (String part : header.split(",")) {
                int semicolon = part.indexOf(';');
                EncodingEnum encoding = EncodingEnum.forContentType(
                        (semicolon < 0 ? part : part.substring(0, semicolon)).trim());
                if (encoding != null) {
                    return encoding;
                }
            }
        }
        return null;
    }

    private void pseudonymiseSearch(RequestDetails request) {
        Map<String, String[]> parameters = request.getParameters();
        Map<String, String[]> mapped = urls.rewriteSearch(request.getResourceName(), parameters);
        if (mapped == parameters) {
            return;
        }
        request.setParameters(mapped);
        String complete = request.getCompleteUrl();
        if (complete != null && complete.indexOf('?') >= 0) {
            request.setCompleteUrl(complete.substring(0, complete.indexOf('?') + 1) + queryString(mapped));
        }
    }

    private void pseudonymiseConditional(RequestDetails request, RestOperationTypeEnum operation) {
        String conditionalUrl = request.getConditionalUrl(operation);
        if (conditionalUrl == null) {
            return;
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
    }

    private static String queryString(Map<String, String[]> parameters) {
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, String[]> entry : parameters.entrySet()) {
            if (entry.getValue() == null) {
                continue;
            }
            for (String value : entry.getValue()) {
                pairs.add(UrlUtil.escapeUrlParam(entry.getKey()) + "=" + UrlUtil.escapeUrlParam(value));
            }
        }
        return String.join("&", pairs);
    }
}
