package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import io.annota.deid.Pseudonymizer;
import io.annota.server.support.MllpClient;
import io.annota.server.support.RunningAnnota;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

/**
 * The embedded H2 database, the generated key and the memory of stored HL7 v2 messages live under annota.data-dir and
 * survive a restart.
 */
class RestartIT {

    @Test
    void dataAndPseudonymsSurviveARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("annota-restart-it-");
        Map<String, String> properties = Map.of("annota.data-dir", dataDir.toString(), "annota.nlp.profile", "lite");
        String firstAck;
        try (RunningAnnota first = RunningAnnota.start(properties);
                MllpClient mllp = new MllpClient("127.0.0.1", first.mllpPort())) {
            firstAck = mllp.send(Hl7Fixtures.admission("RS123456", "CTRL-RS-1"));
            assertThat(firstAck).contains("MSA|AA|CTRL-RS-1");
        }
        Path keyFile = dataDir.resolve("secrets/pseudonym.key");
        assertThat(keyFile).exists();
        byte[] key = java.util.Base64.getDecoder().decode(Files.readString(keyFile).trim());
        String patientId = new Pseudonymizer(key).resourceId("Patient", "MERCY_GENERAL|RS123456");

        try (RunningAnnota second = RunningAnnota.start(properties);
                MllpClient mllp = new MllpClient("127.0.0.1", second.mllpPort())) {
            assertThat(mllp.send(Hl7Fixtures.admission("RS123456", "CTRL-RS-1")))
                    .as("a message sent again after the restart gets its original ACK").isEqualTo(firstAck);
            Patient patient = FhirContext.forR4Cached().newRestfulGenericClient(second.fhirBase())
                    .read().resource(Patient.class).withId(patientId).execute();
            assertThat(patient.getIdentifierFirstRep().getValue())
                    .isEqualTo(new Pseudonymizer(key).pseudonym(patient.getIdentifierFirstRep().getSystem(), "RS123456"));
        }
    }
}
