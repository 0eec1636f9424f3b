package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.annota.server.nlp.AnnotationQueue;
import io.annota.server.nlp.NlpQueueTable;
import io.annota.server.support.Notes;
import io.annota.server.support.RunningAnnota;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Provenance;
import org.junit.jupiter.api.Test;

/**
 * Notes queued on a server that stops before annotating them are annotated after the restart, once each. The
 * first server cannot annotate (its dictionary setting points nowhere, so its engine fails at once, as a
 * misconfigured server would); one of its entries is claimed as a worker would, to stand for a crash mid-run.
 */
class AnnotationQueueRestartIT {

    private static final int NOTES = 4;

    @Test
    void notesStillQueuedWhenTheServerStopsAreAnnotatedAfterTheRestartOnceEach() throws Exception {
        Path dataDir = Files.createTempDirectory("annota-queue-restart-it-");
        String patient;
        List<String> notes = new ArrayList<>();
        try (RunningAnnota first = RunningAnnota.start(Map.of("annota.data-dir", dataDir.toString(),
                "annota.nlp.profile", "lite", "annota.nlp.lookup-xml", dataDir.resolve("missing.xml").toString()))) {
            IGenericClient fhir = client(first);
            patient = fhir.create().resource(new Patient().setGender(Enumerations.AdministrativeGender.UNKNOWN))
                    .execute().getId().toUnqualifiedVersionless().getValue();
            for (int i = 0; i < NOTES; i++) {
                DocumentReference note = Notes.note(patient, "Follow-up " + i + ": the patient has asthma.");
                notes.add(fhir.create().resource(note).execute().getId().toUnqualifiedVersionless().getValue());
            }
            assertThat(first.bean(NlpQueueTable.class).claim()).as("a worker's claim, cut short by the stop")
                    .isPresent();
            assertThat(first.bean(AnnotationQueue.class).counts())
                    .isEqualTo(new NlpQueueTable.Counts(NOTES - 1, 1, 0));
        }

        try (RunningAnnota second = RunningAnnota.start(Map.of("annota.data-dir", dataDir.toString(),
                "annota.nlp.profile", "lite"))) {
            IGenericClient fhir = client(second);
            AnnotationQueue queue = second.bean(AnnotationQueue.class);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                    .until(() -> queue.counts().outstanding() == 0);

            assertThat(queue.counts().failed()).isZero();
            for (String note : notes) {
                Bundle runs = fhir.search().forResource(Provenance.class).where(Provenance.ENTITY.hasId(note))
                        .returnBundle(Bundle.class).execute();
                assertThat(runs.getEntry()).as(note + " annotated once").hasSize(1);
            }
            Bundle conditions = fhir.search().forResource(Condition.class).where(Condition.SUBJECT.hasId(patient))
                    .returnBundle(Bundle.class).execute();
            assertThat(conditions.getEntry()).as("one asthma per note, none lost, none twice").hasSize(NOTES);
        }
    }

    private static IGenericClient client(RunningAnnota server) {
        return FhirContext.forR4Cached().newRestfulGenericClient(server.fhirBase());
    }
}
