package io.annota.server.nlp;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.jpa.api.dao.IFhirResourceDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.util.ISearchParamRegistry;
import io.annota.deid.DeidentificationInterceptor;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores the annotation StructureDefinitions and SearchParameters under their fixed ids when the server starts.
 * An unchanged resource gets no new version; a new or changed SearchParameter makes HAPI reindex the annotation
 * types (JpaStorageSettings' mark-for-reindex default), so annotations stored earlier become searchable too.
 */
public class AnnotationConformanceWriter {

    private static final Logger log = LoggerFactory.getLogger(AnnotationConformanceWriter.class);

    private final DaoRegistry daos;
    private final ISearchParamRegistry searchParams;

    public AnnotationConformanceWriter(DaoRegistry daos, ISearchParamRegistry searchParams) {
        this.daos = daos;
        this.searchParams = searchParams;
    }

    public void write() {
        SystemRequestDetails request = new SystemRequestDetails();
        // definitions authored by the server hold no patient data; the scrubber would break their URLs
        request.getUserData().put(DeidentificationInterceptor.SERVER_CONFORMANCE, Boolean.TRUE);
        List<Resource> resources = new ArrayList<>(AnnotationStructureDefinitions.all());
        resources.addAll(AnnotationSearchParameters.all());
        for (Resource resource : resources) {
            store(resource, request);
        }
        // active now, not at the registry's next scheduled refresh: the queue may write annotations any moment
        searchParams.forceRefresh();
        log.info("Annotation StructureDefinitions and SearchParameters in place ({})", resources.size());
    }

    @SuppressWarnings("unchecked")
    private <T extends Resource> void store(T resource, SystemRequestDetails request) {
        IFhirResourceDao<T> dao = (IFhirResourceDao<T>) daos.getResourceDao(resource.getClass());
        dao.update(resource, request);
    }
}
