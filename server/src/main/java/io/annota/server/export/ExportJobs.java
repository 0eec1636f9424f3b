package io.annota.server.export;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.FileSystemUtils;

/**
 * Asynchronous exports: each runs on one background thread (exports queue behind each other rather than compete
 * with the NLP for the cores) and writes to a file under the export directory, which is downloadable once the job
 * is complete. Jobs are kept in memory; the directory is emptied at start-up, since no job knows its files then.
 */
public class ExportJobs implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ExportJobs.class);

    /** in-progress until the file is complete, then completed or failed. */
    public enum State {
        IN_PROGRESS, COMPLETED, FAILED;

        /** {@code in-progress}, {@code completed}, {@code failed}. */
        public String code() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A job as the status operation reports it. */
    public record Status(String job, ExportFormat format, State state, int total, int done,
            AnnotationExport.Summary summary) {
    }

    private final class Job implements AnnotationExport.Progress {
        final String id;
        final ExportFormat format;
        final Path file;
        final AtomicInteger total = new AtomicInteger();
        final AtomicInteger done = new AtomicInteger();
        volatile State state = State.IN_PROGRESS;
        volatile AnnotationExport.Summary summary;

        Job(String id, ExportFormat format) {
            this.id = id;
            this.format = format;
            this.file = directory.resolve(id + "." + format.extension());
        }

        @Override
        public void started(int documents) {
            total.set(documents);
        }

        @Override
        public void documentDone() {
            done.incrementAndGet();
        }

        Status status() {
            return new Status(id, format, state, total.get(), done.get(), summary);
        }
    }

    private final AnnotationExport export;
    private final Path directory;
    private final int keepFiles;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "annota-export");
        thread.setDaemon(true);
        return thread;
    });

    public ExportJobs(AnnotationExport export, Path directory, int keepFiles) {
        this.export = export;
        this.directory = directory;
        this.keepFiles = keepFiles;
        try {
            FileSystemUtils.deleteRecursively(directory);
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts exporting the plan (always with a k-anonymity assessment) and returns the job's id. */
    public String start(AnnotationExport.Plan plan) {
        Job job = new Job(UUID.randomUUID().toString(), plan.query().format());
        job.started(AnnotationExport.steps(plan, true));
        jobs.put(job.id, job);
        executor.execute(() -> run(job, plan));
        return job.id;
    }

    private void run(Job job, AnnotationExport.Plan plan) {
        Path part = job.file.resolveSibling(job.file.getFileName() + ".part");
        try (OutputStream out = Files.newOutputStream(part)) {
            job.summary = export.write(plan, out, true, job);
        } catch (IOException | RuntimeException e) {
            job.state = State.FAILED;
            log.warn("Export job {} failed ({})", job.id, e.getClass().getName());
            return;
        }
        try {
            Files.move(part, job.file, StandardCopyOption.ATOMIC_MOVE);
            job.state = State.COMPLETED;
            log.info("Export job {}: {} records of {} documents written, {} suppressed", job.id,
                    job.summary.records(), job.summary.documents(), job.summary.suppressed());
            removeOldFiles();
        } catch (IOException e) {
            job.state = State.FAILED;
            log.warn("Export job {} failed ({})", job.id, e.getClass().getName());
        }
    }

    public Optional<Status> status(String job) {
        return Optional.ofNullable(jobs.get(job)).map(Job::status);
    }

    /** The finished file of a completed job. */
    public Optional<Path> file(String job) {
        return Optional.ofNullable(jobs.get(job)).filter(j -> j.state == State.COMPLETED).map(j -> j.file);
    }

    private void removeOldFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            files.filter(f -> !f.getFileName().toString().endsWith(".part"))
                    .sorted(Comparator.comparing(this::modified).reversed())
                    .skip(keepFiles)
                    .forEach(this::forget);
        }
    }

    private long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private void forget(Path file) {
        jobs.values().removeIf(j -> j.file.equals(file));
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not remove old export file {} ({})", file.getFileName(), e.getClass().getName());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
