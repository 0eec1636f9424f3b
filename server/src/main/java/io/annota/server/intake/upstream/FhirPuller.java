package io.annota.server.intake.upstream;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.server.exceptions.BaseServerResponseException;
import io.annota.intake.channel.FhirPullSettings;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pulls one channel's resource types from its upstream: per type, a search {@code _lastUpdated=ge<checkpoint -
 * overlap>}, sorted by {@code _lastUpdated}, followed page by page ({@code Bundle.link next}) to the end. Each
 * page's new versions are stored, then the type's checkpoint is saved; so a poll ended by a failure or a restart
 * goes on from the last stored page, and versions stored already at the boundary are skipped. Polls of one
 * channel never overlap. Logs ids, counts and types only.
 */
public final class FhirPuller {

    private static final Logger LOG = LoggerFactory.getLogger(FhirPuller.class);

    private final String channel;
    private final FhirPullSettings settings;
    private final IGenericClient client;
    private final Retrier retrier;
    private final PullCheckpoints checkpoints;
    private final PulledResources writer;
    private final PullMetrics metrics;
    private final Clock clock;

    public FhirPuller(String channel, FhirPullSettings settings, IGenericClient client, Retrier retrier,
            PullCheckpoints checkpoints, PulledResources writer, PullMetrics metrics, Clock clock) {
        this.channel = channel;
        this.settings = settings;
        this.client = client;
        this.retrier = retrier;
        this.checkpoints = checkpoints;
        this.writer = writer;
        this.metrics = metrics;
        this.clock = clock;
    }

    public String channel() {
        return channel;
    }

    /** Pulls every type once; an upstream that stays unavailable ends the poll with {@code complete = false}. */
    public synchronized PollReport poll() {
        Map<String, PollReport.TypeCounts> counts = new LinkedHashMap<>();
        for (String type : settings.types()) {
            try {
                counts.put(type, pull(type));
            } catch (UpstreamUnavailableException e) {
                LOG.warn("FHIR pull channel {}: {}; the next poll continues from the checkpoint", channel,
                        e.getMessage());
                return new PollReport(counts, false);
            } catch (BaseServerResponseException e) {
                // a 4xx: wrong credentials, query or base URL; retrying now would not help
                LOG.error("FHIR pull channel {}: {} refused by the upstream (HTTP {}); check the channel's settings",
                        channel, type, e.getStatusCode());
                return new PollReport(counts, false);
            }
        }
        metrics.succeeded(channel, clock.instant());
        return new PollReport(counts, true);
    }

    private PollReport.TypeCounts pull(String type) {
        PullCheckpoint checkpoint = checkpoints.load(channel, type);
        String url = searchUrl(type, checkpoint.since(settings.overlap()));
        Bundle page = retrier.call(type + " search", () -> client.search().byUrl(url).returnBundle(Bundle.class)
                .execute());
        int stored = 0;
        int skipped = 0;
        int failed = 0;
        int pages = 0;
        while (true) {
            pages++;
            List<Resource> fresh = new ArrayList<>();
            List<PullCheckpoint.Version> versions = new ArrayList<>();
            for (Bundle.BundleEntryComponent entry : page.getEntry()) {
                // an OperationOutcome may come along in search mode "outcome"
                Resource resource = entry.getResource();
                if (resource == null || !type.equals(resource.fhirType())) {
                    continue;
                }
                PullCheckpoint.Version version = version(resource);
                if (version != null && checkpoint.stored(version)) {
                    skipped++;
                    continue;
                }
                fresh.add(resource);
                if (version != null) {
                    versions.add(version);
                }
            }
            PulledResources.Written written = writer.write(channel, fresh);
            stored += written.stored();
            failed += written.failed();
            checkpoint = checkpoint.after(versions, settings.overlap());
            checkpoints.save(channel, type, checkpoint);
            if (page.getLink(Bundle.LINK_NEXT) == null) {
                break;
            }
            Bundle current = page;
            page = retrier.call(type + " page " + (pages + 1), () -> client.loadPage().next(current).execute());
        }
        metrics.count(channel, type, "stored", stored);
        metrics.count(channel, type, "skipped", skipped);
        metrics.count(channel, type, "failed", failed);
        LOG.info("FHIR pull channel {}: {} {} stored, {} skipped, {} failed in {} pages", channel, stored, type,
                skipped, failed, pages);
        return new PollReport.TypeCounts(stored, skipped, failed, pages);
    }

    private String searchUrl(String type, Instant since) {
        StringBuilder url = new StringBuilder(type).append("?_sort=_lastUpdated&_count=").append(settings.pageSize());
        if (since != null) {
            url.append("&_lastUpdated=").append(URLEncoder.encode("ge" + since, StandardCharsets.UTF_8));
        }
        String query = settings.queries().get(type);
        if (query != null && !query.isBlank()) {
            url.append('&').append(query);
        }
        return url.toString();
    }

    /** {@code Type/id/_history/version} and {@code meta.lastUpdated}, or {@code null} if the upstream gave none. */
    private static PullCheckpoint.Version version(Resource resource) {
        if (!resource.hasMeta() || resource.getMeta().getLastUpdated() == null
                || !resource.getIdElement().hasIdPart()) {
            return null;
        }
        String versionId = resource.getMeta().hasVersionId() ? resource.getMeta().getVersionId()
                : resource.getIdElement().getVersionIdPart();
        return new PullCheckpoint.Version(resource.fhirType() + "/" + resource.getIdElement().getIdPart()
                + "/_history/" + versionId, resource.getMeta().getLastUpdated().toInstant());
    }
}
