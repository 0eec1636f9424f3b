package io.annota.server.intake.upstream;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one poll of a channel did, per resource type. Counts only.
 *
 * @param complete whether every type was read to its last page (else the upstream failed and the next poll goes
 *        on from the checkpoints)
 */
public record PollReport(Map<String, TypeCounts> types, boolean complete) {

    /** Per type: resources stored, skipped (stored before, at the checkpoint) and failed (dead letters), pages. */
    public record TypeCounts(int stored, int skipped, int failed, int pages) {
    }

    public PollReport {
        types = new LinkedHashMap<>(types);
    }

    public int stored() {
        return types.values().stream().mapToInt(TypeCounts::stored).sum();
    }
}
