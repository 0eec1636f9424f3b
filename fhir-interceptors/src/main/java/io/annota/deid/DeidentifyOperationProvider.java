package io.annota.deid;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.model.api.annotation.Description;
import ca.uhn.fhir.rest.annotation.Operation;
import ca.uhn.fhir.rest.annotation.ResourceParam;
import ca.uhn.fhir.rest.server.IResourceProvider;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import ca.uhn.fhir.rest.server.exceptions.UnprocessableEntityException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Parameters;
import org.hl7.fhir.r4.model.Patient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code $deidentify} operation: returns the de-identified copy of the resource or Bundle in the request body,
 * exactly as Annota would store it, and stores nothing.
 *
 * <ul>
 *   <li>{@code POST [base]/$deidentify} with any resource, a Bundle, or a Parameters resource with a
 *       {@code resource} part; {@code POST [base]/{Type}/$deidentify} with a resource of that type (or a Bundle or
 *       such Parameters).</li>
 *   <li>A Bundle is treated as a whole: its client-assigned ids, {@code fullUrl}s, {@code request.url}s and
 *       references are mapped consistently ({@link ConditionalTransactionInterceptor#pseudonymise}), conditional
 *       URLs rewritten, and the fingerprints of every Patient in it apply to the free text of all entries.</li>
 *   <li>Fail closed: a resource that cannot be de-identified gives HTTP 422 with an OperationOutcome naming the
 *       resource type and the reason, never a value.</li>
 * </ul>
 *
 * <p>A plain HAPI provider: register the server-level provider and the type-level ones with
 * {@code restfulServer.registerProviders(provider.providers())}.
 */
public final class DeidentifyOperationProvider {

    /** The operation name. */
    public static final String OPERATION = "$deidentify";

    private static final Logger LOG = LoggerFactory.getLogger(DeidentifyOperationProvider.class);

    private final FhirContext context;
    private final ResourceDeidentifier deidentifier;
    private final KnownIdentifierStore store;
    private final ResourceIdPseudonymizer ids;
    private final ConditionalTransactionInterceptor bundles;

    /**
     * @param context a FHIR R4 context (the server's own)
     * @param settings the de-identification settings the server stores with
     * @param store fingerprints of stored patients, applied to the free text of resources referencing them; null
     *     for none
     */
    public DeidentifyOperationProvider(FhirContext context, DeidentificationSettings settings, KnownIdentifierStore store) {
        this(context, new ResourceDeidentifier(context, Objects.requireNonNull(settings, "settings")), store);
    }

    public DeidentifyOperationProvider(FhirContext context, ResourceDeidentifier deidentifier, KnownIdentifierStore store) {
        this.context = Objects.requireNonNull(context, "context");
        this.deidentifier = Objects.requireNonNull(deidentifier, "deidentifier");
        this.store = store;
        ConditionalUrlPseudonymizer urls = new ConditionalUrlPseudonymizer(context, deidentifier.pseudonymizer());
        this.ids = urls.ids();
        this.bundles = new ConditionalTransactionInterceptor(context, urls);
    }

    /** This server-level provider and one type-level provider per resource type, to register together. */
    public List<Object> providers() {
        List<Object> providers = new ArrayList<>();
        providers.add(this);
        for (String type : new java.util.TreeSet<>(context.getResourceTypes())) {
            providers.add(new ForType(context.getResourceDefinition(type).getImplementingClass()));
        }
        return providers;
    }

    /** {@code POST [base]/$deidentify}. */
    @Operation(name = OPERATION, idempotent = false)
    @Description(shortDefinition = "De-identify a resource or Bundle without storing it",
            value = "Returns the body (a resource, a Bundle, or Parameters with a 'resource' part) de-identified "
                    + "exactly as it would be stored; stores nothing. HTTP 422 if it cannot be de-identified.")
    public IBaseResource deidentify(@ResourceParam IBaseResource body) {
        return deidentifyCopy(null, body);
    }

    /**
     * De-identifies {@code body} in place and returns it (or, for Parameters, the resource of its {@code resource}
     * part).
     *
     * @param expectedType the resource type of a type-level call, or null
     * @throws InvalidRequestException (400) without a body, or with a body of another type
     * @throws UnprocessableEntityException (422) if a resource cannot be de-identified
     */
    public IBaseResource deidentifyCopy(String expectedType, IBaseResource body) {
        IBaseResource target = unwrap(body);
        String type = context.getResourceType(target);
        if (expectedType != null && !expectedType.equals(type) && !(target instanceof Bundle)) {
            throw new InvalidRequestException(OPERATION + " on " + expectedType + ": the body is a " + type);
        }
        if (target instanceof Bundle bundle) {
            deidentifyBundle(bundle);
        } else {
            deidentifyOne(target);
        }
        return target;
    }

    private IBaseResource unwrap(IBaseResource body) {
        if (body == null) {
            throw new InvalidRequestException(OPERATION + " needs a resource, a Bundle or Parameters with a "
                    + "'resource' part as its body");
        }
        if (body instanceof Parameters parameters) {
            for (Parameters.ParametersParameterComponent part : parameters.getParameter()) {
                if ("resource".equals(part.getName()) && part.hasResource()) {
                    return part.getResource();
                }
            }
            throw new InvalidRequestException(OPERATION + ": Parameters without a 'resource' part");
        }
        return body;
    }

    private void deidentifyOne(IBaseResource resource) {
        String type = context.getResourceType(resource);
        Set<String> known;
        try {
            ids.rewriteInPlace(context, resource);
            known = storedFingerprints(resource);
            if (resource instanceof Patient) {
                known.addAll(deidentifier.fingerprints(resource));
            }
        } catch (RuntimeException e) {
            throw refuse(type, e);
        }
        deidentify(resource, known);
    }

    private void deidentifyBundle(Bundle bundle) {
        try {
            bundles.pseudonymise(bundle);
        } catch (BaseServerResponseException e) {
            throw e;
        } catch (RuntimeException e) {
            throw refuse("Bundle", e);
        }
        Set<String> known = new HashSet<>();
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (!entry.hasResource()) {
                continue;
            }
            IBaseResource resource = entry.getResource();
            try {
                known.addAll(storedFingerprints(resource));
                if (resource instanceof Patient) {
                    known.addAll(deidentifier.fingerprints(resource));
                }
            } catch (RuntimeException e) {
                throw refuse(context.getResourceType(resource), e);
            }
        }
        for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.hasResource()) {
                deidentify(entry.getResource(), known);
            }
        }
        // The Bundle's own elements (identifier, signature...), without processing the entries a second time.
        List<Bundle.BundleEntryComponent> entries = new ArrayList<>(bundle.getEntry());
        bundle.getEntry().clear();
        try {
            deidentify(bundle, known);
        } finally {
            bundle.getEntry().addAll(entries);
        }
    }

    private void deidentify(IBaseResource resource, Set<String> known) {
        String type = context.getResourceType(resource);
        try {
            deidentifier.deidentify(resource, known);
        } catch (RuntimeException e) {
            throw refuse(type, e);
        }
    }

    /** Fingerprints kept for the stored Patients this resource references (after id mapping). */
    private Set<String> storedFingerprints(IBaseResource resource) {
        Set<String> known = new HashSet<>();
        if (store == null) {
            return known;
        }
        for (IBaseReference reference : context.newTerser().getAllPopulatedChildElementsOfType(resource,
                IBaseReference.class)) {
            IIdType target = reference.getReferenceElement();
            if (target != null && "Patient".equals(target.getResourceType()) && target.hasIdPart()) {
                known.addAll(store.fingerprints(target.getIdPart()));
            }
        }
        return known;
    }

    /** A 422 naming the resource type and the reason only: foreign exception messages may hold values. */
    private static UnprocessableEntityException refuse(String type, RuntimeException e) {
        String reason = e instanceof DeidentificationException d
                ? d.getMessage()
                : e.getClass().getSimpleName();
        LOG.warn("{} refused a {}: de-identification failed ({})", OPERATION, type, e.getClass().getName());
        return new UnprocessableEntityException(
                "Cannot de-identify " + type + ": " + reason + "; nothing was returned or stored");
    }

    /** {@code POST [base]/{Type}/$deidentify} for one resource type. */
    public final class ForType implements IResourceProvider {

        private final Class<? extends IBaseResource> type;

        ForType(Class<? extends IBaseResource> type) {
            this.type = type;
        }

        @Override
        public Class<? extends IBaseResource> getResourceType() {
            return type;
        }

        @Operation(name = OPERATION, idempotent = false)
        @Description(shortDefinition = "De-identify a resource of this type (or a Bundle) without storing it")
        public IBaseResource deidentify(@ResourceParam IBaseResource body) {
            return deidentifyCopy(context.getResourceType(type), body);
        }
    }
}
