package io.annota.server.review;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.server.IResourceProvider;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * Base of a provider holding one instance operation for one resource type: HAPI binds a plain provider's instance
 * operations to a single type, so an operation on several types needs one of these per type.
 */
abstract class TypeBoundProvider implements IResourceProvider {

    private final DaoRegistry daos;
    private final String type;

    TypeBoundProvider(DaoRegistry daos, String type) {
        this.daos = daos;
        this.type = type;
    }

    @Override
    public Class<? extends IBaseResource> getResourceType() {
        return daos.getResourceDao(type).getResourceType();
    }

    /** The resource type this provider serves, e.g. {@code Condition}. */
    String type() {
        return type;
    }
}
