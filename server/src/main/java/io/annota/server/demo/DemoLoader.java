package io.annota.server.demo;

import io.annota.server.config.AnnotaProperties;
import io.annota.server.config.MllpProperties;
import io.annota.server.nlp.AnnotationQueue;
import io.annota.server.nlp.NlpEngineHolder;
import io.annota.synthetic.GeneratedBundle;
import io.annota.synthetic.GeneratedHl7;
import io.annota.synthetic.SyntheticFeed;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * {@code --annota.demo=true}: once the server is up, replays a small synthetic feed into it through the same
 * doors a hospital would use (HL7 v2 over MLLP, FHIR transactions over HTTP), waits for the NLP, and says where
 * to look. Runs once per data directory.
 */
@Component
@ConditionalOnProperty(name = "annota.demo", havingValue = "true")
public class DemoLoader {

    public static final long SEED = 20240305L;
    public static final int ADT_MESSAGES = 20;
    public static final int BUNDLES = 5;

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    private static final Duration NLP_WAIT = Duration.ofMinutes(3);

    private final AnnotaProperties annota;
    private final MllpProperties mllp;
    private final NlpEngineHolder engine;
    private final AnnotationQueue queue;

    public DemoLoader(AnnotaProperties annota, MllpProperties mllp, NlpEngineHolder engine, AnnotationQueue queue) {
        this.annota = annota;
        this.mllp = mllp;
        this.engine = engine;
        this.queue = queue;
    }

    @EventListener
    public void onReady(ApplicationReadyEvent event) {
        int httpPort = ((WebServerApplicationContext) event.getApplicationContext()).getWebServer().getPort();
        Thread loader = new Thread(() -> load(httpPort), "annota-demo");
        loader.setDaemon(true);
        loader.start();
    }

    private void load(int httpPort) {
        Path marker = annota.dataDir().resolve("demo-loaded");
        String fhirBase = "http://localhost:" + httpPort + "/fhir";
        try {
            if (Files.exists(marker)) {
                log.info("Annota demo: already loaded into {}; browse {}/Condition", annota.dataDir(), fhirBase);
                return;
            }
            engine.await(NLP_WAIT);
            SyntheticFeed feed = new SyntheticFeed(SEED);
            int accepted = sendOverMllp(feed.adtFeed(ADT_MESSAGES));
            int stored = postTransactions(fhirBase, feed.fhirBundles(BUNDLES));
            awaitAnnotations();
            Files.createDirectories(marker.getParent());
            Files.writeString(marker, Instant.now().toString());
            log.info("Annota demo: {} of {} HL7 messages acknowledged AA, {} of {} FHIR transactions stored.",
                    accepted, ADT_MESSAGES, stored, BUNDLES);
            log.info("Annota demo: look at {}/Patient (de-identified), {}/DocumentReference (scrubbed notes), "
                    + "{}/Condition?verification-status=refuted (negated findings), {}/Provenance",
                    fhirBase, fhirBase, fhirBase, fhirBase);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            log.error("Annota demo: loading failed ({})", e.getClass().getName());
        }
    }

    private int sendOverMllp(List<GeneratedHl7> messages) throws IOException {
        int accepted = 0;
        try (Socket socket = new Socket("127.0.0.1", mllp.port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (GeneratedHl7 message : messages) {
                out.write(0x0b);
                out.write(message.bytes());
                out.write(new byte[] {0x1c, 0x0d});
                out.flush();
                if (readAcknowledgement(in).contains("MSA|AA|")) {
                    accepted++;
                }
            }
        }
        return accepted;
    }

    private static String readAcknowledgement(InputStream in) throws IOException {
        StringBuilder ack = new StringBuilder();
        int b;
        while ((b = in.read()) != 0x1c) {
            if (b < 0) {
                throw new IOException("MLLP connection closed before the acknowledgement ended");
            }
            if (b != 0x0b) {
                ack.append((char) b);
            }
        }
        in.read();
        return ack.toString();
    }

    private static int postTransactions(String fhirBase, List<GeneratedBundle> bundles)
            throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        int stored = 0;
        for (GeneratedBundle bundle : bundles) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(fhirBase))
                    .header("Content-Type", "application/fhir+json")
                    .POST(HttpRequest.BodyPublishers.ofString(bundle.json()))
                    .build();
            if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() / 100 == 2) {
                stored++;
            }
        }
        return stored;
    }

    private void awaitAnnotations() throws InterruptedException {
        Instant deadline = Instant.now().plus(NLP_WAIT);
        while (queue.counts().outstanding() > 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(250);
        }
    }
}
