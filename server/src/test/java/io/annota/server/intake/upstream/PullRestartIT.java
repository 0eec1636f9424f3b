package io.annota.server.intake.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.api.SearchTotalModeEnum;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.annota.deid.Pseudonymizer;
import io.annota.server.support.RunningAnnota;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * A pull channel's checkpoint survives a real restart of Annota on the same data directory: its timer's poll, cut
 * short by the upstream after two pages, resumes in the next server run without a gap and without storing anything
 * twice.
 */
class PullRestartIT {

    private static final byte[] KEY = "pull-restart-test-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8);

    @Test
    void aPollCutShortResumesAfterARestartWithoutGapsOrDuplicates() throws Exception {
        Path dataDir = Files.createTempDirectory("annota-pull-restart-it-");
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
        try (UpstreamFhirServer upstream = new UpstreamFhirServer()) {
            for (int i = 0; i < 8; i++) {
                upstream.put(patient(i), t0.plusSeconds(i));
            }
            Map<String, String> properties = Map.of("annota.data-dir", dataDir.toString(),
                    "annota.nlp.profile", "lite",
                    "annota.deid.key", Base64.getEncoder().encodeToString(KEY),
                    "annota.channels.file", channelFile(dataDir, upstream.baseUrl()).toString());

            // the channel's timer polls 10 s after start: the search and page 2 answer, page 3 fails with every
            // retry, so the first run stores two pages (6 patients) and keeps its checkpoint there
            upstream.failRequests(3, 2);
            try (RunningAnnota first = RunningAnnota.start(properties)) {
                IGenericClient fhir = client(first);
                await().atMost(Duration.ofMinutes(2)).until(() -> upstream.requests() >= 4);
                await().atMost(Duration.ofSeconds(30)).until(() -> patients(fhir) == 6);
            }
            upstream.put(patient(8), t0.plusSeconds(30));

            try (RunningAnnota second = RunningAnnota.start(properties)) {
                IGenericClient fhir = client(second);
                await().atMost(Duration.ofMinutes(2)).until(() -> patients(fhir) == 9);
                // resumed from the checkpoint: p6, p7 and the new p8 written, p3-p5 (the overlap window) skipped,
                // p0-p2 not even listed; starting over would have written all nine again
                MeterRegistry meters = second.bean(MeterRegistry.class);
                await().atMost(Duration.ofSeconds(30)).until(() -> pulled(meters, "stored") == 3);
                assertThat(pulled(meters, "skipped")).isEqualTo(3);
                for (int i = 0; i < 9; i++) {
                    String id = new Pseudonymizer(KEY).pseudonymousId("Patient", "p" + i);
                    assertThat(fhir.history().onInstance("Patient/" + id).returnBundle(Bundle.class).execute()
                            .getEntry()).as("p" + i + " stored once").hasSize(1);
                }
            }
        }
    }

    private static IGenericClient client(RunningAnnota annota) {
        return FhirContext.forR4Cached().newRestfulGenericClient(annota.fhirBase());
    }

    private static double pulled(MeterRegistry meters, String outcome) {
        return meters.counter(PullMetrics.RESOURCES, "channel", "hospital", "type", "Patient", "outcome", outcome)
                .count();
    }

    private static int patients(IGenericClient fhir) {
        return fhir.search().forResource(Patient.class).totalMode(SearchTotalModeEnum.ACCURATE)
                .returnBundle(Bundle.class).execute().getTotal();
    }

    private static Path channelFile(Path dataDir, String baseUrl) throws Exception {
        Path file = dataDir.resolve("channels.yaml");
        Files.writeString(file, """
                channels:
                  - id: hospital
                    type: fhir-pull
                    base-url: %s
                    types: [Patient]
                    interval: 24h
                    page-size: 3
                    retry: {max-attempts: 2, initial-backoff: 50ms, max-backoff: 100ms}
                """.formatted(baseUrl));
        return file;
    }

    private static Patient patient(int i) {
        Patient patient = new Patient();
        patient.setId("p" + i);
        patient.addName().setFamily("Restarton" + i).addGiven("Pulliana");
        return patient;
    }
}
