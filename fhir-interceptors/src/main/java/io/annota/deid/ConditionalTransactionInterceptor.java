package io.annota.deid;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.util.UrlUtil;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;

/**
 * Rewrites a transaction or batch to the stored form before HAPI processes it. Register it with the JPA
 * interceptor service, which HAPI calls for REST and in-process transactions alike.
 *
 * <ul>
 *   <li>Conditional parts: {@code ifNoneExist}, conditional request URLs ({@code PUT Patient?identifier=...}) and
 *       conditional references inside the entries ({@code "subject": {"reference": "Patient?identifier=..."}}),
 *       by {@link ConditionalUrlPseudonymizer#rewrite}.</li>
 *   <li>Client-assigned ids, consistently across the Bundle: each entry's {@code request.url} of an instance
 *       operation ({@code PUT Patient/mrn-123}, {@code DELETE}, {@code PATCH}, {@code GET Patient/mrn-123}),
 *       {@code fullUrl} of the form {@code [base/]Type/id}, the entry resource's own id and every reference in it
 *       ({@code Patient/mrn-123}), all with {@link Pseudonymizer#pseudonymousId}. References between entries
 *       therefore still resolve, and no client-assigned id reaches storage. {@code urn:uuid:} full URLs and
 *       references are left alone (HAPI replaces them with the ids it assigns).</li>
 *   <li>Searches in a batch ({@code GET Observation?subject=Patient/mrn-123}): {@code _id}, reference and
 *       identifier values, by {@link ConditionalUrlPseudonymizer#rewriteSearch}.</li>
 * </ul>
 */
@Interceptor
public final class ConditionalTransactionInterceptor {

    private static final String DONE = ConditionalTransactionInterceptor.class.getName() + ".done";

    private final FhirContext context;
    private final ConditionalUrlPseudonymizer urls;

    public ConditionalTransactionInterceptor(FhirContext context, ConditionalUrlPseudonymizer urls) {
        this.context = context;
        this.urls = urls;
    }

    /** STORAGE_TRANSACTION_PROCESSING: a transaction Bundle is about to be processed; changes to it take effect. */
    @Hook(Pointcut.STORAGE_TRANSACTION_PROCESSING)
    public void pseudonymiseConditionals(IBaseBundle bundle) {
        if (bundle instanceof Bundle transaction) {
            pseudonymise(transaction);
        }
    }

    /**
     * Rewrites the conditional parts and ids of every entry of {@code bundle} in place (see the class comment);
     * entries already rewritten by this instance are skipped. Also used for Bundles that are only de-identified,
     * never stored ({@code $deidentify}).
     */
    public void pseudonymise(Bundle bundle) {
        ResourceIdPseudonymizer ids = urls.ids();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            // A batch hands each entry, the same object, to this hook once more as a one-entry transaction.
            if (entry.getUserData(DONE) != null) {
                continue;
            }
            entry.setUserData(DONE, Boolean.TRUE);
            Bundle.BundleEntryRequestComponent request = entry.getRequest();
            String resourceType = entry.hasResource() ? entry.getResource().fhirType() : null;
            if (request.hasIfNoneExist()) {
                request.setIfNoneExist(urls.rewrite(resourceType, request.getIfNoneExist()));
            }
            if (request.hasUrl()) {
                request.setUrl(requestUrl(request.getMethod(), resourceType, request.getUrl()));
            }
            if (entry.hasFullUrl()) {
                entry.setFullUrl(ids.reference(entry.getFullUrl()));
            }
            if (entry.hasResource()) {
                ids.rewriteOwnId(context, entry.getResource());
                for (Reference reference : context.newTerser()
                        .getAllPopulatedChildElementsOfType(entry.getResource(), Reference.class)) {
                    if (reference.hasReference() && reference.getReference().contains("?")) {
                        reference.setReference(urls.rewrite(null, reference.getReference()));
                    } else {
                        ids.rewriteReference(reference);
                    }
                }
            }
        }
    }

    private String requestUrl(Bundle.HTTPVerb method, String resourceType, String url) {
        int question = url.indexOf('?');
        if (question < 0) {
            return urls.ids().requestUrl(url);
        }
        if (method != Bundle.HTTPVerb.GET && method != Bundle.HTTPVerb.HEAD) {
            return urls.rewrite(resourceType, url);
        }
        String path = url.substring(0, question);
        String type = path.contains("/") ? null : path;
        Map<String, String[]> parameters = UrlUtil.parseQueryString(url.substring(question + 1));
        Map<String, String[]> mapped = urls.rewriteSearch(type, parameters);
        if (mapped == parameters) {
            return urls.ids().requestUrl(url);
        }
        List<String> pairs = new ArrayList<>();
        for (Map.Entry<String, String[]> parameter : mapped.entrySet()) {
            for (String value : parameter.getValue()) {
                pairs.add(UrlUtil.escapeUrlParam(parameter.getKey()) + "=" + UrlUtil.escapeUrlParam(value));
            }
        }
        return urls.ids().requestUrl(path) + "?" + String.join("&", pairs);
    }
}
