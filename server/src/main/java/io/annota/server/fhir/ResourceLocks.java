package io.annota.server.fhir;

import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.hl7.fhir.r4.model.IdType;

/**
 * Serialises work on one resource inside this JVM: read-decide-write sequences (an NLP run, a review that weighs
 * earlier votes) would otherwise lose each other's effect. Striped, so memory stays fixed; unrelated resources
 * sharing a stripe only wait a little. One Annota node only; several nodes would need database row locks.
 */
public final class ResourceLocks {

    private final Object[] stripes;

    public ResourceLocks(int stripes) {
        this.stripes = IntStream.range(0, stripes).mapToObj(i -> new Object()).toArray();
    }

    /** Runs {@code work} while holding the lock of {@code resourceId} ({@code Type/id}, any version). */
    public <T> T with(String resourceId, Supplier<T> work) {
        String key = new IdType(resourceId).toUnqualifiedVersionless().getValue();
        synchronized (stripes[Math.floorMod(key.hashCode(), stripes.length)]) {
            return work.get();
        }
    }
}
