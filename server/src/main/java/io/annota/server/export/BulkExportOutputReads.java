package io.annota.server.export;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import ca.uhn.fhir.rest.server.exceptions.ResourceGoneException;
import ca.uhn.fhir.rest.server.exceptions.ResourceNotFoundException;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IIdType;
import org.hl7.fhir.r4.model.Binary;
import org.hl7.fhir.r4.model.IdType;

/**
 * Lets a REST client read the Bulk Data output files at the URLs HAPI's manifest gives. HAPI stores each file as a
 * Binary under a random id of its own choosing; Annota's REST id mapping (ConditionalRequestInterceptor) would
 * turn a read of that id into a read of its pseudonym, which does not exist. This interceptor remembers the id as
 * asked before that mapping and, after it, restores the id when it names a stored Binary that is the output of a
 * bulk export job (its meta names the job, see {@link BulkExportOutputGate}). Reads only: nothing is written, and
 * the files hold stored, de-identified resources.
 */
@Interceptor
public class BulkExportOutputReads {

    private static final String ASKED = BulkExportOutputReads.class.getName() + ".asked";
    private static final Set<RestOperationTypeEnum> READS = Set.of(RestOperationTypeEnum.READ, RestOperationTypeEnum.VREAD);

    /** The request as the client sent it. */
    private record Asked(IIdType id, String path, String completeUrl) {
    }

    private final DaoRegistry daos;

    public BulkExportOutputReads(DaoRegistry daos) {
        this.daos = daos;
    }

    /** Before the id mapping (which hooks this pointcut at the default order, 0). */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = -1)
    public boolean remember(RequestDetails request) {
        if (READS.contains(request.getRestOperationType()) && "Binary".equals(request.getResourceName())
                && request.getId() != null && request.getId().hasIdPart()) {
            request.getUserData().put(ASKED, new Asked(request.getId(), request.getRequestPath(),
                    request.getCompleteUrl()));
        }
        return true;
    }

    /** After the id mapping: the id as asked, if it names export output. */
    @Hook(value = Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED, order = 1)
    public boolean restore(RequestDetails request) {
        if (request.getUserData().get(ASKED) instanceof Asked asked
                && !asked.id().getIdPart().equals(request.getId().getIdPart()) && isExportOutput(asked.id())) {
            request.setId(asked.id());
            request.setRequestPath(asked.path());
            request.setCompleteUrl(asked.completeUrl());
        }
        return true;
    }

    private boolean isExportOutput(IIdType id) {
        try {
            Binary binary = (Binary) daos.getResourceDao(Binary.class)
                    .read(new IdType("Binary", id.getIdPart()), new SystemRequestDetails());
            return binary.getMeta().getExtensionByUrl(BulkExportOutputGate.JOB_ID) != null;
        } catch (ResourceNotFoundException | ResourceGoneException e) {
            return false;
        }
    }
}
