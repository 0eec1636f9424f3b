package io.annota.server.intake.upstream;

/** The durable checkpoints of the pull channels, one per channel and resource type. */
public interface PullCheckpoints {

    PullCheckpoint load(String channel, String resourceType);

    /** Called only after the resources it counts are committed. */
    void save(String channel, String resourceType, PullCheckpoint checkpoint);
}
