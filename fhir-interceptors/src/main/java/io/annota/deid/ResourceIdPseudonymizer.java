package io.annota.deid;

import ca.uhn.fhir.context.FhirContext;
import java.util.Objects;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.instance.model.api.IIdType;

/**
 * Maps client-assigned resource ids to the ids Annota stores them under, wherever an id appears: in a REST
 * path ({@code Patient/mrn-123/_history/2}), a reference ({@code Patient/mrn-123}, {@code http://base/Patient/mrn-123}),
 * a transaction entry's {@code fullUrl} or {@code request.url}, or a resource's own id. Every place uses
 * {@link Pseudonymizer#pseudonymousId}, the function the de-identification applies to references inside bodies,
 * so that a client addressing {@code Patient/mrn-123} reaches the resource stored under the pseudonymous id and
 * references between resources keep resolving. Server-assigned (all-digit) and already pseudonymous ids are
 * kept; {@code urn:uuid:}/{@code urn:oid:} references, local ({@code #x}) and conditional ({@code Type?query})
 * references, and anything not of the form {@code [base/]Type/id} pass unchanged. Thread-safe.
 */
public final class ResourceIdPseudonymizer {

    private static final String HISTORY = "_history";

    private final Set<String> resourceTypes;
    private final Pseudonymizer pseudonymizer;

    public ResourceIdPseudonymizer(FhirContext context, Pseudonymizer pseudonymizer) {
        this.resourceTypes = Set.copyOf(Objects.requireNonNull(context, "context").getResourceTypes());
        this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
    }

    /** The stored id of {@code resourceType/idPart}; null and blank stay as they are. */
    public String id(String resourceType, String idPart) {
        if (idPart == null || idPart.isBlank() || resourceType == null) {
            return idPart;
        }
        return pseudonymizer.pseudonymousId(resourceType, idPart);
    }

    /** Whether {@code name} is a resource type of this FHIR version. */
    public boolean isResourceType(String name) {
        return name != null && resourceTypes.contains(name);
    }

    /**
     * {@code id} with its id part mapped, keeping base, type and version; an id without a resource type (or
     * null) is returned as it is.
     */
    public IIdType id(IIdType id) {
        if (id == null || !id.hasIdPart() || !id.hasResourceType()) {
            return id;
        }
        String mapped = id(id.getResourceType(), id.getIdPart());
        if (mapped.equals(id.getIdPart())) {
            return id;
        }
        IIdType copy = id.withResourceType(id.getResourceType());
        copy.setParts(id.getBaseUrl(), id.getResourceType(), mapped, id.getVersionIdPart());
        return copy;
    }

    /**
     * A reference or {@code fullUrl} ({@code Type/id}, {@code Type/id/_history/v}, or either after a base URL)
     * with its id mapped; other forms unchanged.
     */
    public String reference(String reference) {
        if (reference == null || reference.isEmpty() || reference.startsWith("#") || reference.startsWith("urn:")
                || reference.indexOf('?') >= 0) {
            return reference;
        }
        String[] parts = reference.split("/", -1);
        int n = parts.length;
        int typeAt;
        if (n >= 4 && HISTORY.equals(parts[n - 2])) {
            typeAt = n - 4;
        } else if (n >= 2) {
            typeAt = n - 2;
        } else {
            return reference;
        }
        if (!isResourceType(parts[typeAt]) || parts[typeAt + 1].isEmpty()) {
            return reference;
        }
        String mapped = id(parts[typeAt], parts[typeAt + 1]);
        if (mapped.equals(parts[typeAt + 1])) {
            return reference;
        }
        parts[typeAt + 1] = mapped;
        return String.join("/", parts);
    }

    /**
     * A relative request URL or path ({@code Type/id}, {@code Type/id/_history/v}, {@code Type/id/$op},
     * {@code Type/id/Compartment?query}) with the instance id mapped; the query, type-level and server-level
     * URLs ({@code Type}, {@code Type?query}, {@code Type/$op}, {@code Type/_history}) unchanged.
     */
    public String requestUrl(String url) {
        if (url == null || url.isEmpty()) {
            return url;
        }
        if (url.contains("://")) {
            return reference(url);
        }
        int question = url.indexOf('?');
        String path = question < 0 ? url : url.substring(0, question);
        String query = question < 0 ? "" : url.substring(question);
        boolean leadingSlash = path.startsWith("/");
        String[] parts = (leadingSlash ? path.substring(1) : path).split("/", -1);
        if (parts.length < 2 || !isResourceType(parts[0]) || parts[1].isEmpty() || parts[1].startsWith("$")
                || parts[1].startsWith("_")) {
            return url;
        }
        String mapped = id(parts[0], parts[1]);
        if (mapped.equals(parts[1])) {
            return url;
        }
        parts[1] = mapped;
        return (leadingSlash ? "/" : "") + String.join("/", parts) + query;
    }

    /**
     * Maps, in place, the resource's own id and every {@code Reference.reference} inside it (contained resources
     * included).
     *
     * @return whether anything changed
     */
    public boolean rewriteInPlace(FhirContext context, IBaseResource resource) {
        if (resource == null) {
            return false;
        }
        boolean changed = rewriteOwnId(context, resource);
        for (IBaseReference reference : context.newTerser().getAllPopulatedChildElementsOfType(resource,
                IBaseReference.class)) {
            changed |= rewriteReference(reference);
        }
        return changed;
    }

    /** Maps the resource's own id in place; whether it changed. */
    public boolean rewriteOwnId(FhirContext context, IBaseResource resource) {
        IIdType own = resource == null ? null : resource.getIdElement();
        if (own == null || !own.hasIdPart() || own.isLocal() || own.getIdPart().startsWith("#")) {
            return false;
        }
        String type = own.hasResourceType() ? own.getResourceType() : context.getResourceType(resource);
        String mapped = id(type, own.getIdPart());
        if (mapped.equals(own.getIdPart())) {
            return false;
        }
        IIdType copy = own.withResourceType(type);
        copy.setParts(own.getBaseUrl(), type, mapped, own.getVersionIdPart());
        resource.setId(own.hasResourceType() ? copy.getValue() : mapped);
        return true;
    }

    /** Maps one reference in place (see {@link #reference(String)}); whether it changed. */
    public boolean rewriteReference(IBaseReference reference) {
        IIdType target = reference.getReferenceElement();
        if (target == null || target.getValue() == null) {
            return false;
        }
        String value = target.getValue();
        String mapped = reference(value);
        if (mapped.equals(value)) {
            return false;
        }
        reference.setReference(mapped);
        return true;
    }
}
