package io.annota.intake.hl7;

import org.hl7.fhir.r4.model.Bundle;

/**
 * Where HL7 v2 intake writes its FHIR R4 transaction bundles. The server implements it with HAPI's JPA system
 * DAO, so the server-side interceptors (de-identification among them) run on every resource stored.
 *
 * <p>{@link Hl7Intake} acknowledges a message with AA only after {@link #store(Bundle)} has returned, so an
 * implementation must return only once the transaction has been committed, and must throw (any
 * {@link RuntimeException}) if it was not. Implementations must be safe for concurrent use: the MLLP consumer
 * calls intake from several threads.
 */
@FunctionalInterface
public interface FhirTransactionSink {

    /**
     * Stores a FHIR R4 bundle of type {@code transaction} atomically.
     *
     * @param transaction the transaction bundle to store
     * @return the transaction-response bundle, after commit
     * @throws RuntimeException if the transaction was not committed; its message may contain data of the
     *         bundle, so callers must not echo it to the sender or the log
     */
    Bundle store(Bundle transaction);
}
