package io.annota.server.intake.upstream;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the pull of one resource type stands: the high-water mark ({@code meta.lastUpdated} of the newest
 * resource stored) and the versions stored within the look-back window below it. The next poll asks the upstream
 * for {@code _lastUpdated=ge(mark - overlap)} and skips the versions listed here, so that resources written at
 * exactly the mark (or committed late inside the window) are neither missed nor stored twice.
 *
 * @param mark {@code null} before the first resource: everything is pulled
 * @param recent {@code Type/id/_history/version} to its {@code lastUpdated}, for those at or after
 *        {@code mark - overlap}
 */
public record PullCheckpoint(Instant mark, Map<String, Instant> recent) {

    public static final PullCheckpoint START = new PullCheckpoint(null, Map.of());

    public PullCheckpoint {
        recent = Map.copyOf(recent);
    }

    /** One resource version as the upstream listed it. */
    public record Version(String versionedId, Instant lastUpdated) {
    }

    /** The lower bound of the next search, or {@code null} for all. */
    public Instant since(Duration overlap) {
        return mark == null ? null : mark.minus(overlap);
    }

    /** Whether {@code version} was stored by an earlier page or poll. */
    public boolean stored(Version version) {
        return recent.containsKey(version.versionedId());
    }

    /** The checkpoint once {@code page} (sorted by {@code lastUpdated} or not) is stored. */
    public PullCheckpoint after(List<Version> page, Duration overlap) {
        Instant newMark = mark;
        for (Version version : page) {
            if (newMark == null || version.lastUpdated().isAfter(newMark)) {
                newMark = version.lastUpdated();
            }
        }
        if (newMark == null) {
            return this;
        }
        Instant windowStart = newMark.minus(overlap);
        Map<String, Instant> kept = new HashMap<>();
        recent.forEach((id, at) -> keepIfRecent(kept, id, at, windowStart));
        page.forEach(version -> keepIfRecent(kept, version.versionedId(), version.lastUpdated(), windowStart));
        return new PullCheckpoint(newMark, kept);
    }

    private static void keepIfRecent(Map<String, Instant> kept, String id, Instant at, Instant windowStart) {
        if (!at.isBefore(windowStart)) {
            kept.put(id, at);
        }
    }
}
