package io.annota.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import io.annota.deid.Pseudonymizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Patient;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the integration tests against the whole server on random ports and a fresh H2 data directory. All
 * subclasses share one Spring context (and so one cTAKES engine).
 */
// Spring Boot tests swap metrics exporters for a simple registry unless asked: /actuator/prometheus is tested
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = AnnotaApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class AnnotaServerIT {

    /**
     * Ports handed out by {@link #freePort()} (the system may offer a just-closed port again); declared before the
     * port constants, which are initialised in order.
     */
    private static final java.util.Set<Integer> HANDED_OUT = new java.util.HashSet<>();

    /** A fixed test key, so tests can compute the pseudonyms the server must produce. */
    protected static final byte[] KEY = "annota-integration-test-key-0123456789".getBytes(StandardCharsets.UTF_8);
    protected static final Pseudonymizer PSEUDONYMS = new Pseudonymizer(KEY);
    protected static final int MLLP_PORT = freePort();
    /** Channels of the channel file the shared server runs with ({@link #channelFile()}). */
    protected static final int SMALL_PORT = freePort();
    protected static final int LAB_PORT = freePort();
    protected static final int ENHANCED_PORT = freePort();
    /** Where the enhanced channel sends application acknowledgements; tests listen on it. */
    protected static final int APPLICATION_ACK_PORT = freePort();
    /** Where the {@code upstream} fhir-pull channel polls; the pull tests start a FHIR server on it. */
    protected static final int UPSTREAM_PORT = freePort();
    /** The {@code Authorization} value notifications of the {@code upstream} channel must carry. */
    protected static final String NOTIFY_SECRET = "Bearer notify-secret-for-tests";
    private static final Path DATA_DIR = tempDir();
    protected static final Path INBOX = DATA_DIR.resolve("inbox");

    @LocalServerPort
    protected int httpPort;

    @DynamicPropertySource
    static void serverProperties(DynamicPropertyRegistry registry) {
        registry.add("annota.data-dir", DATA_DIR::toString);
        registry.add("annota.mllp.port", () -> MLLP_PORT);
        registry.add("annota.mllp.host", () -> "127.0.0.1");
        registry.add("annota.deid.key", () -> Base64.getEncoder().encodeToString(KEY));
        registry.add("annota.channels.file", () -> channelFile().toString());
    }

    /** The channel file of the shared server, written into its data directory. */
    private static Path channelFile() {
        Path file = DATA_DIR.resolve("channels.yaml");
        String yaml = """
                channels:
                  - id: mllp
                    type: mllp
                    host: 127.0.0.1
                    port: %d
                  - id: inbox
                    type: file
                    directory: inbox
                  - id: bulk
                    type: ndjson
                    directory: ndjson-inbox
                  - id: small
                    type: mllp
                    host: 127.0.0.1
                    port: %d
                    max-message-size: 2KB
                    idle-timeout: 2s
                  - id: lab
                    type: mllp
                    host: 127.0.0.1
                    port: %d
                    accept: [ORU, MDM]
                  - id: enhanced
                    type: mllp
                    host: 127.0.0.1
                    port: %d
                    ack-mode: enhanced
                    application-ack: 127.0.0.1:%d
                  - id: upstream
                    type: fhir-pull
                    base-url: http://127.0.0.1:%d/fhir
                    types: [Patient, DocumentReference]
                    interval: 24h
                    page-size: 3
                    retry: {max-attempts: 2, initial-backoff: 50ms, max-backoff: 100ms}
                    notify-secret-file: notify-secret.txt
                """.formatted(MLLP_PORT, SMALL_PORT, LAB_PORT, ENHANCED_PORT, APPLICATION_ACK_PORT, UPSTREAM_PORT);
        try {
            Files.writeString(DATA_DIR.resolve("notify-secret.txt"), NOTIFY_SECRET + "\n");
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** The data directory of the shared server (database, generated key, any files it writes). */
    protected static Path dataDir() {
        return DATA_DIR;
    }

    protected IGenericClient fhir() {
        FhirContext context = FhirContext.forR4Cached();
        context.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        // the default 10 s is too short for the first writes while cTAKES is still building on a busy 2-core runner
        context.getRestfulClientFactory().setSocketTimeout(120_000);
        return context.newRestfulGenericClient("http://localhost:" + httpPort + "/fhir");
    }

    /** Creates {@code resource} and answers its versionless id, {@code Type/id}. */
    protected String create(IBaseResource resource) {
        return fhir().create().resource(resource).execute().getId().toUnqualifiedVersionless().getValue();
    }

    /** A patient with a name, which de-identification must remove. */
    protected static Patient namedPatient(String family, String given) {
        Patient patient = new Patient();
        patient.addName().setFamily(family).addGiven(given);
        return patient;
    }

    protected static String json(IBaseResource resource) {
        return FhirContext.forR4Cached().newJsonParser().encodeResourceToString(resource);
    }

    /** A free port not handed out before (one CI run failed when two channels were given the same one). */
    private static synchronized int freePort() {
        while (true) {
            try (ServerSocket socket = new ServerSocket(0)) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("annota-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
