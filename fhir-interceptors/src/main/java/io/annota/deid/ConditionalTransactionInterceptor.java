package io.annota.deid;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import org.hl7.fhir.instance.model.api.IBaseBundle;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;

/**
 * Pseudonymises the conditional parts of a transaction or batch before HAPI processes it: {@code ifNoneExist},
 * conditional request URLs ({@code PUT Patient?identifier=...}) and conditional references inside the entries
 * ({@code "subject": {"reference": "Patient?identifier=..."}}). Register it with the JPA interceptor service,
 * which HAPI calls for REST and in-process transactions alike.
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
        if (!(bundle instanceof Bundle transaction)) {
            return;
        }
        for (Bundle.BundleEntryComponent entry : transaction.getEntry()) {
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
            if (request.getMethod() != Bundle.HTTPVerb.GET && request.hasUrl() && request.getUrl().contains("?")) {
                request.setUrl(urls.rewrite(resourceType, request.getUrl()));
            }
            if (entry.hasResource()) {
                for (Reference reference : context.newTerser()
                        .getAllPopulatedChildElementsOfType(entry.getResource(), Reference.class)) {
                    if (reference.hasReference() && reference.getReference().contains("?")) {
                        reference.setReference(urls.rewrite(null, reference.getReference()));
                    }
                }
            }
        }
    }
}
