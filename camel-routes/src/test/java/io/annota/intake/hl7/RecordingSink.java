package io.annota.intake.hl7;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Test-only capturing sink: records every transaction bundle handed to it and answers with an empty
 * transaction-response. The server's integration tests use the real JPA sink.
 */
final class RecordingSink implements FhirTransactionSink {

    final List<Bundle> stored = new CopyOnWriteArrayList<>();

    @Override
    public Bundle store(Bundle transaction) {
        stored.add(transaction);
        return new Bundle().setType(Bundle.BundleType.TRANSACTIONRESPONSE);
    }

    Bundle last() {
        return stored.get(stored.size() - 1);
    }
}
