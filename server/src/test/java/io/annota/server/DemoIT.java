package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.annota.server.support.RunningAnnota;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;

/** --annota.demo=true fills a new server with de-identified, annotated synthetic data, once per data dir. */
class DemoIT {

    @Test
    void theDemoFeedIsLoadedDeidentifiedAndAnnotated() throws Exception {
        Path dataDir = Files.createTempDirectory("annota-demo-it-");
        try (RunningAnnota annota = RunningAnnota.start(Map.of(
                "annota.data-dir", dataDir.toString(), "annota.nlp.profile", "lite", "annota.demo", "true"))) {
            IGenericClient fhir = FhirContext.forR4Cached().newRestfulGenericClient(annota.fhirBase());

            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Files.exists(dataDir.resolve("demo-loaded")));

            assertThat(count(fhir, Patient.class)).isGreaterThanOrEqualTo(5);
            assertThat(count(fhir, DocumentReference.class)).isPositive();
            assertThat(count(fhir, Condition.class)).isPositive();
            assertThat(count(fhir, Provenance.class)).isPositive();
            Bundle patients = fhir.search().forResource(Patient.class).count(50).returnBundle(Bundle.class).execute();
            assertThat(patients.getEntry()).allSatisfy(entry -> {
                Patient patient = (Patient) entry.getResource();
                assertThat(patient.getName()).isEmpty();
                assertThat(patient.getTelecom()).isEmpty();
                assertThat(patient.getMeta().getSecurity()).anyMatch(c -> "PSEUDED".equals(c.getCode()));
            });
        }
    }

    private static int count(IGenericClient fhir, Class<? extends org.hl7.fhir.instance.model.api.IBaseResource> type) {
        return fhir.search().forResource(type).summaryMode(ca.uhn.fhir.rest.api.SummaryEnum.COUNT)
                .returnBundle(Bundle.class).execute().getTotal();
    }
}
