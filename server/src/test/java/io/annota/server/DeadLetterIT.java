package io.annota.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.AcknowledgmentCode;
import com.fasterxml.jackson.databind.JsonNode;
import io.annota.intake.hl7.Hl7Intake;
import io.annota.server.intake.deadletter.JdbcDeadLetters;
import io.annota.server.support.MllpClient;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.StreamSupport;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** Dead letters of the "mllp" channel over the REST API, sealed in the database, replayed; and the channel metrics. */
class DeadLetterIT extends AnnotaServerIT {

    private static final String API = "/api/hl7/dead-letters";
    private static final List<String> MESSAGE_PHI = List.of("Quixote", "Zebulon", "Evergreen", "555-0143", "078-05-1120");

    @Autowired
    private JdbcDeadLetters deadLetters;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private TestRestTemplate rest;

    @Test
    void aMessageThatFailsIsListedWithItsReasonKeptSealedAndFailsAgainOnReplay() throws IOException {
        double answeredAe = counter("annota_hl7_messages_total{ack=\"AE\",channel=\"mllp\"}");
        double deadLettered = counter("annota_hl7_dead_letters_total{channel=\"mllp\"}");
        String controlId = "CTRL-" + UUID.randomUUID();

        String ack = receiveOnMllpChannel(Hl7Fixtures.admission("", controlId));

        assertThat(Hl7Fixtures.segment(ack, "MSA")).startsWith("MSA|AE|" + controlId);
        ResponseEntity<String> listed = rest.getForEntity(API + "?channel=mllp&status=PENDING&size=500", String.class);
        MESSAGE_PHI.forEach(phi -> assertThat(listed.getBody()).doesNotContain(phi));
        JsonNode letter = byControlId(rest.getForObject(API + "?channel=mllp&status=PENDING&size=500", JsonNode.class),
                controlId);
        assertThat(letter.path("messageType").asText()).isEqualTo("ADT^A01");
        assertThat(letter.path("ackCode").asText()).isEqualTo("AE");
        assertThat(letter.path("errorCode").asInt()).isEqualTo(101);
        assertThat(letter.path("reason").asText()).contains("PID-3");
        assertThat(letter.path("attempts").asInt()).isEqualTo(1);
        String id = letter.path("id").asText();
        String sealed = jdbc.queryForObject("SELECT message FROM annota_hl7_dead_letter WHERE id = ?", String.class, id);
        assertThat(sealed).startsWith("dl1:");
        MESSAGE_PHI.forEach(phi -> assertThat(sealed).doesNotContain(phi));

        JsonNode replay = rest.postForObject(API + "/" + id + "/replay", null, JsonNode.class);

        assertThat(replay.path("result").asText()).isEqualTo("FAILED_AGAIN");
        assertThat(replay.path("deadLetter").path("attempts").asInt()).isEqualTo(2);
        JsonNode shown = rest.getForObject(API + "/" + id, JsonNode.class);
        assertThat(shown.path("status").asText()).isEqualTo("FAILED_AGAIN");
        assertThat(shown.path("replayAckCode").asText()).isEqualTo("AE");
        assertThat(shown.has("message")).isFalse();
        assertThat(counter("annota_hl7_messages_total{ack=\"AE\",channel=\"mllp\"}")).isEqualTo(answeredAe + 1);
        assertThat(counter("annota_hl7_dead_letters_total{channel=\"mllp\"}")).isEqualTo(deadLettered + 1);
    }

    @Test
    void aDeadLetterOfAValidAdmissionIsStoredByItsReplayAndOnlyOnce() {
        String mrn = "M" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        String controlId = "CTRL-" + mrn;
        // as kept when the database was down: AE, storage failed
        String id = deadLetters.keep("mllp", Hl7Fixtures.admission(mrn, controlId), new Hl7Intake.Outcome("",
                AcknowledgmentCode.AE, 207, "storage failed", "ADT^A01", controlId, false));

        JsonNode replay = rest.postForObject(API + "/" + id + "/replay", null, JsonNode.class);

        assertThat(replay.path("result").asText()).isEqualTo("REPLAYED");
        assertThat(replay.path("deadLetter").path("status").asText()).isEqualTo("REPLAYED");
        assertThat(replay.path("deadLetter").path("replayAckCode").asText()).isEqualTo("AA");
        String patientId = PSEUDONYMS.resourceId("Patient", "MERCY_GENERAL|" + mrn);
        String version = patientVersion(patientId);

        JsonNode again = rest.postForObject(API + "/" + id + "/replay", null, JsonNode.class);
        JsonNode all = rest.postForObject(API + "/replay?channel=mllp", null, JsonNode.class);

        assertThat(again.path("result").asText()).isEqualTo("ALREADY_REPLAYED");
        assertThat(again.path("deadLetter").path("attempts").asInt()).isEqualTo(2);
        assertThat(all.path("total").asInt()).isEqualTo(all.path("replayed").asInt() + all.path("failedAgain").asInt()
                + all.path("alreadyReplayed").asInt() + all.path("channelNotConfigured").asInt()
                + all.path("unreadable").asInt());
        assertThat(patientVersion(patientId)).isEqualTo(version);
    }

    @Test
    void errorsAreProblemDetails() {
        ResponseEntity<JsonNode> unknown = rest.getForEntity(API + "/no-such-id", JsonNode.class);
        assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(unknown.getBody().path("title").asText()).isEqualTo("Dead letter not found");
        assertThat(rest.postForEntity(API + "/no-such-id/replay", null, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);

        String retired = deadLetters.keep("retired", Hl7Fixtures.admission("M1", "CTRL-1"), new Hl7Intake.Outcome("",
                AcknowledgmentCode.AE, 207, "storage failed", "ADT^A01", "CTRL-1", false));
        ResponseEntity<JsonNode> gone = rest.postForEntity(API + "/" + retired + "/replay", null, JsonNode.class);
        assertThat(gone.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(gone.getBody().path("channel").asText()).isEqualTo("retired");
        assertThat(gone.getBody().path("detail").asText()).contains("not configured");

        assertThat(rest.getForEntity(API + "?status=LOST", JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rest.getForEntity(API + "?size=0", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(rest.postForEntity(API + "/replay?status=REPLAYED", null, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void theChannelsEndpointAndPrometheusShowTheMllpChannel() throws IOException {
        String mrn = "M" + ThreadLocalRandom.current().nextInt(1_000_000, 10_000_000);
        double answeredAa = counter("annota_hl7_messages_total{ack=\"AA\",channel=\"mllp\"}");
        assertThat(receiveOnMllpChannel(Hl7Fixtures.admission(mrn, "CTRL-" + mrn))).contains("MSA|AA|");
        receiveOnMllpChannel(Hl7Fixtures.admission("", "CTRL-X" + mrn));

        JsonNode report = rest.getForObject("/actuator/hl7channels", JsonNode.class);

        JsonNode mllp = StreamSupport.stream(report.path("channels").spliterator(), false)
                .filter(channel -> "mllp".equals(channel.path("id").asText())).findFirst().orElseThrow();
        assertThat(mllp.path("kind").asText()).isEqualTo("MLLP");
        assertThat(mllp.path("port").asInt()).isEqualTo(MLLP_PORT);
        JsonNode statistics = mllp.path("statistics");
        assertThat(statistics.path("received").asLong()).isEqualTo(statistics.path("aa").asLong()
                + statistics.path("ae").asLong() + statistics.path("ar").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(statistics.path("deadLettered").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(statistics.path("latencyMeanMillis").asDouble()).isPositive();
        assertThat(statistics.path("latencyP95Millis").asDouble()).isPositive();
        assertThat(mllp.path("unresolvedDeadLetters").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(counter("annota_hl7_messages_total{ack=\"AA\",channel=\"mllp\"}")).isEqualTo(answeredAa + 1);
        assertThat(prometheus()).contains("annota_hl7_latency_seconds_bucket{channel=\"mllp\",le=");
    }

    /** What the "mllp" channel answers to {@code message} over a real MLLP connection. */
    private static String receiveOnMllpChannel(String message) throws IOException {
        try (MllpClient mllp = new MllpClient("127.0.0.1", MLLP_PORT)) {
            return mllp.send(message);
        }
    }

    private static JsonNode byControlId(JsonNode page, String controlId) {
        return StreamSupport.stream(page.path("items").spliterator(), false)
                .filter(item -> controlId.equals(item.path("controlId").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no dead letter with control id " + controlId));
    }

    private String patientVersion(String patientId) {
        return fhir().read().resource(Patient.class).withId(patientId).execute().getMeta().getVersionId();
    }

    private String prometheus() {
        return rest.getForObject("/actuator/prometheus", String.class);
    }

    /** The value of a Prometheus sample, 0 when it is not there yet. */
    private double counter(String sample) {
        return prometheus().lines().filter(line -> line.startsWith(sample + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(sample.length() + 1))).orElse(0.0);
    }
}
