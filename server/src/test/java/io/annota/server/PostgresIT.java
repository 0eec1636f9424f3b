package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import io.annota.deid.Pseudonymizer;
import io.annota.server.support.MllpClient;
import io.annota.server.support.PostgresServer;
import io.annota.server.support.RunningAnnota;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Reference;
import org.junit.jupiter.api.Test;

/** The same path on a real PostgreSQL server, selected by configuration alone. */
class PostgresIT {

    private static final byte[] KEY = "postgres-integration-test-key-0123456789".getBytes(StandardCharsets.UTF_8);

    @Test
    void admissionAndNoteAreStoredDeidentifiedAndAnnotatedInPostgres() throws Exception {
        try (PostgresServer postgres = PostgresServer.start();
                RunningAnnota annota = RunningAnnota.start(Map.of(
                        "spring.datasource.url", postgres.jdbcUrl(),
                        "spring.datasource.username", postgres.username(),
                        "spring.jpa.properties.hibernate.dialect",
                        "ca.uhn.fhir.jpa.model.dialect.HapiFhirPostgresDialect",
                        "annota.data-dir", Files.createTempDirectory("annota-pg-it-").toString(),
                        "annota.deid.key", Base64.getEncoder().encodeToString(KEY),
                        "annota.nlp.profile", "lite"))) {
            assertThat(annota.bean(javax.sql.DataSource.class).getConnection().getMetaData().getDatabaseProductName())
                    .isEqualTo("PostgreSQL");

            String ack;
            try (MllpClient mllp = new MllpClient("127.0.0.1", annota.mllpPort())) {
                ack = mllp.send(Hl7Fixtures.admission("PG123456", "CTRL-PG-1"));
            }
            assertThat(Hl7Fixtures.segment(ack, "MSA")).startsWith("MSA|AA|CTRL-PG-1");

            IGenericClient fhir = FhirContext.forR4Cached().newRestfulGenericClient(annota.fhirBase());
            String patientId = new Pseudonymizer(KEY).resourceId("Patient", "MERCY_GENERAL|PG123456");
            Patient patient = fhir.read().resource(Patient.class).withId(patientId).execute();
            assertThat(FhirContext.forR4Cached().newJsonParser().encodeResourceToString(patient))
                    .doesNotContain("Quixote").doesNotContain("PG123456").doesNotContain("555-0143");

            DocumentReference note = new DocumentReference();
            note.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
            note.setSubject(new Reference("Patient/" + patientId));
            note.addContent().setAttachment(new Attachment().setContentType("text/plain")
                    .setData("Zebulon has asthma and hypertension.".getBytes(StandardCharsets.UTF_8)));
            fhir.create().resource(note).execute();

            Bundle conditions = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> fhir.search().forResource(Condition.class)
                            .where(Condition.SUBJECT.hasId("Patient/" + patientId))
                            .returnBundle(Bundle.class).execute(), b -> !b.getEntry().isEmpty());
            assertThat(conditions.getEntry()).extracting(e -> ((Condition) e.getResource()).getCode().getText())
                    .anyMatch(text -> text.toLowerCase().contains("asthma"));
        }
    }
}
