package io.annota.server.intake.upstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.fhir.context.FhirContext;
import io.annota.intake.channel.FhirPullSettings;
import io.annota.intake.hl7.DeadLetters;
import io.annota.intake.hl7.FhirTransactionSink;
import io.annota.server.AnnotaServerIT;
import io.annota.server.intake.deadletter.DeadLetter;
import io.annota.server.intake.deadletter.DeadLetterFilter;
import io.annota.server.intake.deadletter.JdbcDeadLetters;
import io.annota.server.intake.fhir.NdjsonImporter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pull channels against a second, real HAPI FHIR server on another port ({@link UpstreamFhirServer}): paging to
 * the end, de-identification and NLP as for REST writes, the checkpoint at the boundary, resumption by a new
 * puller on the same checkpoint table (a restart), retries, and the three kinds of authentication.
 */
class FhirPullIT extends AnnotaServerIT {

    private static final FhirPullSettings.Retry FAST_RETRY = new FhirPullSettings.Retry(3, Duration.ofMillis(10),
            Duration.ofMillis(15));
    private UpstreamFhirServer upstream;

    @Autowired
    private FhirContext fhirContext;
    @Autowired
    private FhirTransactionSink sink;
    @Autowired
    private NdjsonImporter importer;
    @Autowired
    private DeadLetters deadLetters;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private MeterRegistry meters;
    @Autowired
    private FhirPullChannels channels;
    @Autowired
    private JdbcDeadLetters letters;

    private final List<Duration> waits = new ArrayList<>();
    private String run;
    private Instant t0;

    @BeforeEach
    void freshUpstream() throws Exception {
        upstream = new UpstreamFhirServer();
        run = UUID.randomUUID().toString().substring(0, 8);
        t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofHours(1));
    }

    @AfterEach
    void stopUpstream() throws Exception {
        upstream.close();
    }

    @Test
    void pullsEveryPageDeidentifiedAndAnnotatedThenOnlyTheChangesAtTheBoundary() {
        for (int i = 0; i < 7; i++) {
            upstream.put(patient(i), t0.plusSeconds(i));
            upstream.put(note(i), t0.plusSeconds(i));
        }
        FhirPuller puller = puller("pull-a-" + run, FhirPullSettings.Auth.NONE);

        PollReport first = puller.poll();

        assertThat(first.complete()).isTrue();
        assertThat(first.types().get("Patient")).isEqualTo(new PollReport.TypeCounts(7, 0, 0, 3));
        assertThat(first.types().get("DocumentReference")).isEqualTo(new PollReport.TypeCounts(7, 0, 0, 3));
        assertThat(meters.get("annota.fhir.pull.resources").tags("channel", "pull-a-" + run, "type", "Patient",
                "outcome", "stored").counter().count()).isEqualTo(7.0);
        assertThat(meters.get("annota.fhir.pull.last.success.seconds").tag("channel", "pull-a-" + run).gauge()
                .value()).isGreaterThan(0);
        Patient stored = fhir().read().resource(Patient.class).withId(pseudonym("Patient", "p3")).execute();
        assertThat(stored.getName()).isEmpty();
        String note = "DocumentReference/" + pseudonym("DocumentReference", "n3");
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(
                () -> !fhir().search().byUrl("Condition?annotation-source=" + note).returnBundle(Bundle.class)
                        .execute().getEntry().isEmpty());

        // two written at the checkpoint's own instant, one update and one new patient later
        upstream.put(patient(7), t0.plusSeconds(6));
        upstream.put(patient(8), t0.plusSeconds(6));
        upstream.put(patient(1).setGender(Enumerations.AdministrativeGender.FEMALE), t0.plusSeconds(20));
        upstream.put(patient(9), t0.plusSeconds(20));

        PollReport second = puller.poll();

        // ge(mark - 2 s overlap) lists p4, p5, p6 again: skipped, not written
        assertThat(second.types().get("Patient")).isEqualTo(new PollReport.TypeCounts(4, 3, 0, 3));
        assertThat(second.types().get("DocumentReference").stored()).isZero();
        assertThat(meters.get("annota.fhir.pull.resources").tags("channel", "pull-a-" + run, "type", "Patient",
                "outcome", "skipped").counter().count()).isEqualTo(3.0);
        assertThat(versions("p1")).isEqualTo(2);
        for (String unchanged : List.of("p0", "p4", "p6", "p7", "p8", "p9")) {
            assertThat(versions(unchanged)).as(unchanged).isEqualTo(1);
        }
    }

    @Test
    void aResourceStorageRefusesIsADeadLetterTheRestOfThePageIsStoredAndItReplaysOnceFixed() throws Exception {
        upstreamOfTheSharedChannel();
        DocumentReference orphan = note(1);
        orphan.getSubject().setReference("Patient/ghost-" + run);
        upstream.put(orphan, t0);
        // the shared server's upstream channel, so that its dead letters replay through the dead letter API
        FhirPullChannel channel = channels.channel("upstream").orElseThrow();

        PollReport report = channel.poll();

        assertThat(report.types().get("DocumentReference")).isEqualTo(new PollReport.TypeCounts(1, 0, 1, 1));
        assertThat(exists("DocumentReference", "n0")).isTrue();
        DeadLetter letter = letters.list(new DeadLetterFilter("upstream", null, null), 0, 500).items().stream()
                .filter(item -> item.controlId().equals("DocumentReference/n1-" + run + "/_history/1")).findFirst()
                .orElseThrow();
        assertThat(letter.messageType()).isEqualTo("DocumentReference");

        fhir().update().resource(namedPatient("Ghost", "Casper").setId("ghost-" + run)).execute();
        HttpResponse<String> replay = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + httpPort
                + "/api/hl7/dead-letters/" + letter.id() + "/replay")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(exists("DocumentReference", "n1")).isTrue();
    }

    @Test
    void aNewPullerOnTheSameCheckpointsResumesAfterTheLastStoredPageWithoutGapsOrDuplicates() {
        for (int i = 0; i < 8; i++) {
            upstream.put(patient(i), t0.plusSeconds(i));
        }
        String channel = "pull-c-" + run;
        // search and page 2 answer, page 3 and its retries fail: the poll ends after two stored pages
        upstream.failRequests(3, 3);
        PollReport interrupted = puller(channel, FhirPullSettings.Auth.NONE).poll();

        assertThat(interrupted.complete()).isFalse();
        assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(15));
        PullCheckpoint kept = new JdbcPullCheckpoints(jdbc).load(channel, "Patient");
        assertThat(kept.mark()).isEqualTo(t0.plusSeconds(5));

        upstream.put(patient(8), t0.plusSeconds(30));
        FhirPuller after = puller(channel, FhirPullSettings.Auth.NONE);
        PollReport resumed = after.poll();

        assertThat(resumed.complete()).isTrue();
        // p6, p7 never stored before, p8 new; p3..p5 inside the overlap skipped
        assertThat(resumed.types().get("Patient").stored()).isEqualTo(3);
        for (int i = 0; i < 9; i++) {
            assertThat(versions("p" + i)).as("p" + i).isEqualTo(1);
        }
    }

    @Test
    void upstreamDownEndsThePollAfterTheRetriesAndKeepsTheCheckpoint() {
        upstream.put(patient(0), t0);
        String channel = "pull-f-" + run;
        FhirPuller puller = puller(channel, FhirPullSettings.Auth.NONE);
        upstream.failRequests(1, 3);

        PollReport failed = puller.poll();

        assertThat(failed.complete()).isFalse();
        assertThat(waits).containsExactly(Duration.ofMillis(10), Duration.ofMillis(15));
        assertThat(new JdbcPullCheckpoints(jdbc).load(channel, "Patient")).isEqualTo(PullCheckpoint.START);
        assertThat(puller.poll().types().get("Patient").stored()).isEqualTo(1);
    }

    @Test
    void bearerAndBasicCredentialsAreSent() throws Exception {
        upstream.put(patient(0), t0);
        upstream.requireAuthorization("Bearer upstream-token-" + run);
        assertThat(puller("pull-n-" + run, FhirPullSettings.Auth.NONE).poll().complete()).isFalse();

        FhirPullSettings.Auth bearer = new FhirPullSettings.Auth(FhirPullSettings.AuthMode.BEARER,
                null, secret("upstream-token-" + run), null, null, null, null);
        assertThat(puller("pull-b-" + run, bearer).poll().types().get("Patient").stored()).isEqualTo(1);

        upstream.requireAuthorization("Basic " + java.util.Base64.getEncoder().encodeToString(
                ("annota:pw-" + run).getBytes(StandardCharsets.UTF_8)));
        FhirPullSettings.Auth basic = new FhirPullSettings.Auth(FhirPullSettings.AuthMode.BASIC, null,
                secret("pw-" + run), "annota", null, null, null);
        assertThat(puller("pull-s-" + run, basic).poll().types().get("Patient").stored()).isEqualTo(1);
    }

    @Test
    void clientCredentialsTokenIsFetchedAndRefreshedOnceOn401() throws Exception {
        upstream.put(patient(0), t0);
        try (TokenEndpoint tokens = new TokenEndpoint("annota-client", "cs-" + run)) {
            // the first token is already expired upstream: the 401 makes the puller fetch the second
            upstream.requireAuthorization("Bearer token-2");
            FhirPullSettings.Auth auth = new FhirPullSettings.Auth(FhirPullSettings.AuthMode.CLIENT_CREDENTIALS,
                    null, secret("cs-" + run), null, tokens.url(), "annota-client", "system/*.read");

            PollReport report = puller("pull-o-" + run, auth).poll();

            assertThat(report.types().get("Patient").stored()).isEqualTo(1);
            assertThat(tokens.issued()).isEqualTo(2);
            assertThat(tokens.scopes()).containsOnly("system/*.read");
        }
    }

    @Test
    void restHookNotificationsWriteFullResourcesAndPullForIdOnlyOnes() throws Exception {
        upstreamOfTheSharedChannel();

        assertThat(notify("", null, "").statusCode()).isEqualTo(401);
        assertThat(notify("", "Bearer wrong", "").statusCode()).isEqualTo(401);
        assertThat(notify("", NOTIFY_SECRET, "not FHIR").statusCode()).isEqualTo(400);
        assertThat(http.send(HttpRequest.newBuilder(URI.create(notifyUrl("").replace("/upstream", "/nope")))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode()).isEqualTo(404);

        // id-only: an empty body makes the channel pull
        HttpResponse<String> idOnly = notify("", NOTIFY_SECRET, "");
        assertThat(idOnly.statusCode()).isEqualTo(200);
        assertThat(idOnly.body()).contains("\"pullRequested\":true");
        await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(300)).until(() -> exists("p0")
                && exists("DocumentReference", "n0"));
        assertThat(fhir().read().resource(Patient.class).withId(pseudonym("Patient", "p0")).execute().getName())
                .isEmpty();

        // full resource, as R4 rest-hook senders PUT it below the endpoint, and a Bundle of one
        HttpResponse<String> full = notify("/Patient/p1-" + run, NOTIFY_SECRET, json(patient(1)));
        assertThat(full.body()).contains("\"stored\":1").contains("\"pullRequested\":false");
        assertThat(exists("p1")).isTrue();
        Bundle bundle = new Bundle().setType(Bundle.BundleType.HISTORY);
        bundle.addEntry().setResource(patient(2));
        assertThat(notify("", NOTIFY_SECRET, json(bundle)).body()).contains("\"stored\":1");
        assertThat(meters.get("annota.fhir.pull.resources").tags("channel", "upstream", "type", "Patient",
                "outcome", "stored").counter().count()).isGreaterThanOrEqualTo(3.0);
        assertThat(exists("p2")).isTrue();
        assertThat(fhir().read().resource(Patient.class).withId(pseudonym("Patient", "p2")).execute().getName())
                .isEmpty();
    }

    /** Moves the upstream to the port of the shared server's {@code upstream} channel, with p0 and its note. */
    private void upstreamOfTheSharedChannel() throws Exception {
        upstream.close();
        upstream = new UpstreamFhirServer(UPSTREAM_PORT);
        upstream.put(patient(0), t0);
        upstream.put(note(0), t0);
    }

    private final HttpClient http = HttpClient.newHttpClient();

    private String notifyUrl(String path) {
        return "http://localhost:" + httpPort + "/fhir-notify/upstream" + path;
    }

    private HttpResponse<String> notify(String path, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(notifyUrl(path)))
                .header("Content-Type", "application/fhir+json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        request = path.isEmpty() ? request.POST(HttpRequest.BodyPublishers.ofString(body))
                : request.PUT(HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private boolean exists(String patient) {
        return exists("Patient", patient);
    }

    private boolean exists(String type, String id) {
        return !fhir().search().byUrl(type + "?_id=" + pseudonym(type, id)).returnBundle(Bundle.class).execute()
                .getEntry().isEmpty();
    }

    private FhirPuller puller(String channel, FhirPullSettings.Auth auth) {
        FhirPullSettings settings = new FhirPullSettings(URI.create(upstream.baseUrl()),
                List.of("Patient", "DocumentReference"), Map.of(), Duration.ofHours(1), 3, auth, FAST_RETRY,
                Duration.ofSeconds(2), null);
        ClientCredentialsAuth tokens = auth.mode() == FhirPullSettings.AuthMode.CLIENT_CREDENTIALS
                ? new ClientCredentialsAuth(auth) : null;
        return new FhirPuller(channel, settings, UpstreamClients.create(fhirContext, settings, tokens),
                new Retrier(FAST_RETRY, waits::add, tokens == null ? null : tokens::refresh),
                new JdbcPullCheckpoints(jdbc), new PulledResources(fhirContext, sink, importer, deadLetters),
                new PullMetrics(meters), Clock.systemUTC());
    }

    private static java.nio.file.Path secret(String value) throws Exception {
        java.nio.file.Path file = java.nio.file.Files.createTempFile(dataDir(), "secret", ".txt");
        java.nio.file.Files.writeString(file, value + "\n");
        return file;
    }

    private Patient patient(int i) {
        Patient patient = namedPatient("Upstreamson" + i, "Pulliana");
        patient.setId("p" + i + "-" + run);
        return patient;
    }

    private DocumentReference note(int i) {
        DocumentReference note = new DocumentReference();
        note.setId("n" + i + "-" + run);
        note.setStatus(Enumerations.DocumentReferenceStatus.CURRENT);
        note.getSubject().setReference("Patient/p" + i + "-" + run);
        note.addContent().getAttachment().setContentType("text/plain").setData(
                "The patient has diabetes mellitus and hypertension.".getBytes(StandardCharsets.UTF_8));
        return note;
    }

    private String pseudonym(String type, String id) {
        return PSEUDONYMS.pseudonymousId(type, id + "-" + run);
    }

    private int versions(String id) {
        return fhir().history().onInstance("Patient/" + pseudonym("Patient", id)).returnBundle(Bundle.class)
                .execute().getEntry().size();
    }
}
