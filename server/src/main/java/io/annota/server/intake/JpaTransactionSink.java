package io.annota.server.intake;

import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.jpa.interceptor.UserRequestRetryVersionConflictsInterceptor;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.annota.intake.hl7.FhirTransactionSink;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Meta;

/**
 * Stores intake transactions through HAPI's JPA system DAO, in process: the same transaction processing,
 * interceptors (de-identification included) and commit as a REST transaction, without the HTTP round trip.
 * Returns only after the commit, so an ACK AA is never sent for data that was not stored.
 */
public class JpaTransactionSink implements FhirTransactionSink {

    private final IFhirSystemDao<Bundle, Meta> systemDao;

    public JpaTransactionSink(IFhirSystemDao<Bundle, Meta> systemDao) {
        this.systemDao = systemDao;
    }

    /** Messages of one patient arriving on parallel connections race for the same resources; retried, not AE'd. */
    static final int VERSION_CONFLICT_RETRIES = 5;

    @Override
    public Bundle store(Bundle transaction) {
        SystemRequestDetails request = new SystemRequestDetails();
        UserRequestRetryVersionConflictsInterceptor.addRetryHeader(request, VERSION_CONFLICT_RETRIES);
        return systemDao.transaction(request, transaction);
    }
}
