package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.jpa.api.dao.DaoRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.hl7.fhir.r4.model.ContactPoint;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Health and the in-process write path. */
class ServerOperationsIT extends AnnotaServerIT {

    @Autowired
    private DaoRegistry daos;

    @Test
    void healthIsUpOnceFhirRoutesAndNlpAreReady() {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/actuator/health"))
                .build();
        HttpResponse<String> response = await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> http.send(request, HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() == 200);

        assertThat(response.body())
                .contains("\"status\":\"UP\"")
                .contains("\"fhir\":{\"status\":\"UP\"")
                .contains("\"routes\":{\"status\":\"UP\"")
                .contains("\"nlp\":{\"status\":\"UP\"")
                .contains("channel-mllp", "channel-inbox");
    }

    @Test
    void residentMemoryIsPublishedAsAMetric() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort + "/actuator/metrics/annota.process.rss"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        double rss = new ObjectMapper().readTree(response.body()).path("measurements").path(0).path("value").asDouble();
        assertThat(rss).isGreaterThan(100e6);
    }

    @Test
    void inProcessDaoWritesAreDeidentifiedToo() {
        Patient patient = new Patient();
        patient.addName().setFamily("Wojciechowska-Tran").addGiven("Philippa");
        patient.addTelecom().setSystem(ContactPoint.ContactPointSystem.PHONE).setValue("(312) 555-0187");
        patient.addIdentifier().setSystem("urn:oid:2.16.840.1.113883.4.1").setValue("219-09-9999");

        IdType id = (IdType) daos.getResourceDao(Patient.class)
                .create(patient, new SystemRequestDetails()).getId();
        Patient stored = daos.getResourceDao(Patient.class).read(id.toVersionless(), new SystemRequestDetails());

        assertThat(json(stored))
                .doesNotContain("Wojciechowska")
                .doesNotContain("Philippa")
                .doesNotContain("555-0187")
                .doesNotContain("219-09-9999");
        assertThat(stored.getIdentifierFirstRep().getValue())
                .isEqualTo(PSEUDONYMS.pseudonym("urn:oid:2.16.840.1.113883.4.1", "219-09-9999"));
    }
}
