package io.annota.server.intake.fhir;

import java.time.Instant;
import java.util.List;

/**
 * One {@code $import} job: its files in import order, each with its progress. Status fields are written by the
 * job's thread and read by status requests.
 */
public final class ImportJob {

    /** Where a job is. */
    public enum Status {
        QUEUED,
        RUNNING,
        COMPLETED,
        /** Stopped by an error that is not one line's (a file could not be read); resumes after a restart. */
        FAILED
    }

    private final String id;
    private final List<ImportInput> inputs;
    private final List<FileProgress> files;
    private volatile Status status = Status.QUEUED;
    private volatile Instant started;
    private volatile Instant finished;
    private volatile long runNanos;
    private volatile long runStartNanos;

    ImportJob(String id, List<ImportInput> inputs) {
        this.id = id;
        this.inputs = List.copyOf(inputs);
        this.files = inputs.stream()
                .map(input -> new FileProgress(input.file().getFileName().toString(), input.resourceType())).toList();
    }

    void start() {
        started = Instant.now();
        runStartNanos = System.nanoTime();
        status = Status.RUNNING;
    }

    void end(Status outcome) {
        runNanos = System.nanoTime() - runStartNanos;
        finished = Instant.now();
        status = outcome;
    }

    public String id() {
        return id;
    }

    public List<ImportInput> inputs() {
        return inputs;
    }

    public List<FileProgress> files() {
        return files;
    }

    public Status status() {
        return status;
    }

    public Instant started() {
        return started;
    }

    public Instant finished() {
        return finished;
    }

    /** Resources stored per second of this run (lines done before a restart not counted). */
    public double resourcesPerSecond() {
        long nanos = status == Status.RUNNING ? System.nanoTime() - runStartNanos : runNanos;
        int stored = files.stream().mapToInt(FileProgress::stored).sum();
        return nanos <= 0 ? 0 : stored * 1e9 / nanos;
    }
}
