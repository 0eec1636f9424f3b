package io.annota.server.intake.fhir;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How far the import of one NDJSON file is: written by the importer, read at any time by status requests.
 * Counts non-blank lines; lines committed before a restart count as done. Thread-safe.
 */
public final class FileProgress {

    private final String file;
    private final String resourceType;
    private volatile int total = -1;
    private volatile int resumedAfterLine;
    private volatile boolean finished;
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicInteger stored = new AtomicInteger();
    private final List<LineFailure> failures = new ArrayList<>();

    /**
     * @param file the file's name
     * @param resourceType the type its name or the request declares, or {@code null} (any type)
     */
    public FileProgress(String file, String resourceType) {
        this.file = file;
        this.resourceType = resourceType;
    }

    /** The file's lines were counted before its turn came, so that a job's total is known from the start. */
    void counted(int totalLines) {
        total = totalLines;
    }

    void started(int totalLines, int resumedAfter) {
        total = totalLines;
        resumedAfterLine = resumedAfter;
    }

    /** The whole file was imported by an earlier run of the same job, before a restart. */
    void doneBefore(int totalLines) {
        started(totalLines, totalLines);
        done.set(totalLines);
        finished = true;
    }

    void resumed() {
        done.incrementAndGet();
    }

    void stored(int lines) {
        stored.addAndGet(lines);
        done.addAndGet(lines);
    }

    void failed(LineFailure failure) {
        synchronized (failures) {
            failures.add(failure);
        }
        done.incrementAndGet();
    }

    void complete() {
        finished = true;
    }

    public String file() {
        return file;
    }

    public String resourceType() {
        return resourceType;
    }

    /** Non-blank lines of the file, or -1 before they were counted. */
    public int total() {
        return total;
    }

    /** Lines handled: stored, failed, or committed before a restart. */
    public int done() {
        return done.get();
    }

    /** Lines stored by this run. */
    public int stored() {
        return stored.get();
    }

    /** Lines up to this one had been committed by an earlier, interrupted run (0: a fresh start). */
    public int resumedAfterLine() {
        return resumedAfterLine;
    }

    public boolean finished() {
        return finished;
    }

    public List<LineFailure> failures() {
        synchronized (failures) {
            return List.copyOf(failures);
        }
    }
}
