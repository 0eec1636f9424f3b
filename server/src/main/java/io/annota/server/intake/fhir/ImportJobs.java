package io.annota.server.intake.fhir;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code $import} jobs one at a time on a thread of their own, files in dependency order
 * ({@link ResourceOrder}). Jobs are stored ({@link JdbcImportJobs}); after a restart {@link #resumeUnfinished}
 * takes up every job not completed: files it had finished are skipped, the file it was in continues after its
 * checkpoint. Logs job ids, file names and counts only.
 */
public final class ImportJobs implements AutoCloseable {

    /** The channel name of {@code $import} in dead letters and metrics: no channel id can clash with it. */
    public static final String SOURCE = "$import";

    private static final Logger LOG = LoggerFactory.getLogger(ImportJobs.class);
    private static final Comparator<ImportInput> ORDER = ResourceOrder.comparing(ImportInput::resourceType,
            input -> input.file().toString());

    private final NdjsonImporter importer;
    private final JdbcImportJobs store;
    private final Function<ImportJob, String> summaries;
    private final Map<String, ImportJob> jobs = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "annota-import");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param summaries the final status report of a job, as stored for status requests after a restart
     */
    public ImportJobs(NdjsonImporter importer, JdbcImportJobs store, Function<ImportJob, String> summaries) {
        this.importer = importer;
        this.store = store;
        this.summaries = summaries;
    }

    /** Stores and queues a job of {@code inputs}; they are imported in dependency order. */
    public ImportJob submit(List<ImportInput> inputs) {
        List<ImportInput> ordered = inputs.stream().sorted(ORDER).toList();
        String id = UUID.randomUUID().toString();
        store.insert(id, ordered);
        return start(new ImportJob(id, ordered), 0);
    }

    /** Takes up the jobs a stop interrupted (at start-up). */
    public void resumeUnfinished() {
        for (JdbcImportJobs.Unfinished unfinished : store.unfinished()) {
            LOG.info("Resuming import job {} after {} of {} files", unfinished.id(), unfinished.filesDone(),
                    unfinished.inputs().size());
            start(new ImportJob(unfinished.id(), unfinished.inputs()), unfinished.filesDone());
        }
    }

    /** A job of this process (running, queued or finished since start-up). */
    public Optional<ImportJob> job(String id) {
        return Optional.ofNullable(jobs.get(id));
    }

    /** The stored final report of a finished job, also of one finished before a restart. */
    public Optional<String> summary(String id) {
        return store.summary(id);
    }

    private ImportJob start(ImportJob job, int filesDone) {
        jobs.put(job.id(), job);
        executor.execute(() -> run(job, filesDone));
        return job;
    }

    private void run(ImportJob job, int filesDone) {
        job.start();
        LOG.info("Import job {}: {} files", job.id(), job.inputs().size());
        ImportJob.Status outcome = ImportJob.Status.COMPLETED;
        try {
            for (int i = 0; i < job.inputs().size(); i++) {
                int lines = NdjsonImporter.countLines(job.inputs().get(i).file());
                if (i < filesDone) {
                    job.files().get(i).doneBefore(lines);
                } else {
                    job.files().get(i).counted(lines);
                }
            }
            for (int i = filesDone; i < job.inputs().size(); i++) {
                ImportInput input = job.inputs().get(i);
                importer.importFile(input.file(), SOURCE, job.files().get(i));
                store.fileDone(job.id(), i + 1);
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Import job {} stopped: {}", job.id(), e.getClass().getName());
            outcome = ImportJob.Status.FAILED;
        }
        job.end(outcome);
        store.finish(job.id(), outcome, summaries.apply(job));
        LOG.info("Import job {} {}: {} resources/s", job.id(), outcome, Math.round(job.resourcesPerSecond()));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
