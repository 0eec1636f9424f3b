package io.annota.server.intake.upstream;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.rest.server.exceptions.InvalidRequestException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code fhir-pull} channel: its timer route calls {@link #poll()}, its rest-hook endpoint
 * ({@code /fhir-notify/<id>}) calls {@link #notified}. A notification without a resource asks for a pull soon
 * (on the channel's own thread; requests while one is waiting are merged into it), so the checkpoint decides
 * what is new and nothing is lost even if the notification itself was. A notification carrying resources
 * (the resource, or a Bundle of them) has them written at once, through the same path as pulled ones.
 */
public final class FhirPullChannel {

    private static final Logger LOG = LoggerFactory.getLogger(FhirPullChannel.class);

    /** What a notification led to. */
    public record Notified(int written, int failed, boolean pullRequested) {
    }

    private final FhirPuller puller;
    private final PulledResources writer;
    private final PullMetrics metrics;
    private final FhirContext context;
    private final byte[] notifySecret;
    private final ExecutorService worker;
    private final AtomicBoolean pollWaiting = new AtomicBoolean();

    /** @param notifySecretFile holds the {@code Authorization} value notifications must carry, or {@code null} */
    public FhirPullChannel(FhirPuller puller, PulledResources writer, PullMetrics metrics, FhirContext context,
            Path notifySecretFile) {
        this.puller = puller;
        this.writer = writer;
        this.metrics = metrics;
        this.context = context;
        this.notifySecret = notifySecretFile == null ? null
                : Secrets.read(notifySecretFile).getBytes(StandardCharsets.UTF_8);
        this.worker = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "fhir-pull-" + puller.channel());
            // a poll cut short by a stop loses nothing: its checkpoint stays at the last stored page
            thread.setDaemon(true);
            return thread;
        });
    }

    public String id() {
        return puller.channel();
    }

    /** One poll now, on the caller's thread (the timer route's). */
    public PollReport poll() {
        return puller.poll();
    }

    /** Asks for a poll on the channel's thread; one already waiting to start covers this request too. */
    public Future<?> requestPoll() {
        if (!pollWaiting.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        return worker.submit(() -> {
            pollWaiting.set(false);
            try {
                puller.poll();
            } catch (RuntimeException e) {
                LOG.error("FHIR pull channel {}: requested poll failed ({})", id(), e.getClass().getName());
            }
        });
    }

    /** Whether {@code authorization} (the header, or {@code null}) is what notifications must carry. */
    public boolean authorized(String authorization) {
        if (notifySecret == null) {
            return true;
        }
        return authorization != null
                && MessageDigest.isEqual(notifySecret, authorization.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Takes a rest-hook notification: an empty body requests a pull; a resource or a Bundle is written (a Bundle
     * entry without a resource, or a SubscriptionStatus / Parameters notification, requests a pull).
     *
     * @throws InvalidRequestException if the body is not a FHIR R4 resource in JSON or XML
     */
    public Notified notified(String body) {
        if (body == null || body.isBlank()) {
            requestPoll();
            return new Notified(0, 0, true);
        }
        IBaseResource parsed;
        try {
            String text = body.strip();
            parsed = (text.startsWith("<") ? context.newXmlParser() : context.newJsonParser()).parseResource(text);
        } catch (DataFormatException e) {
            throw new InvalidRequestException("the notification body is not a FHIR R4 resource");
        }
        List<Resource> resources = new ArrayList<>();
        boolean pull = collect((Resource) parsed, resources);
        int stored = 0;
        int failed = 0;
        // by type, so that the metrics count them as the polls do
        Map<String, List<Resource>> byType = new LinkedHashMap<>();
        resources.forEach(resource -> byType.computeIfAbsent(resource.fhirType(), type -> new ArrayList<>())
                .add(resource));
        for (Map.Entry<String, List<Resource>> group : byType.entrySet()) {
            PulledResources.Written written = writer.write(id(), group.getValue());
            metrics.count(id(), group.getKey(), "stored", written.stored());
            metrics.count(id(), group.getKey(), "failed", written.failed());
            stored += written.stored();
            failed += written.failed();
        }
        if (pull) {
            requestPoll();
        }
        LOG.info("FHIR pull channel {}: notification with {} resources, {} stored, {} failed, pull requested: {}",
                id(), resources.size(), stored, failed, pull);
        return new Notified(stored, failed, pull);
    }

    /** The resources to write; answers whether the notification also needs a pull. */
    private static boolean collect(Resource resource, List<Resource> resources) {
        if (resource instanceof Bundle bundle) {
            boolean pull = bundle.getEntry().isEmpty();
            for (Bundle.BundleEntryComponent entry : bundle.getEntry()) {
                if (entry.hasResource()) {
                    pull |= collect(entry.getResource(), resources);
                } else {
                    pull = true;
                }
            }
            return pull;
        }
        String type = resource.fhirType();
        if (type.equals("SubscriptionStatus") || type.equals("Parameters") || type.equals("Subscription")) {
            return true;
        }
        resources.add(resource);
        return false;
    }
}
