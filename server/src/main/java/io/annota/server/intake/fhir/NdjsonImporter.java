package io.annota.server.intake.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import io.annota.intake.hl7.FhirTransactionSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports NDJSON files (one FHIR R4 resource per line, as a FHIR Bulk Data export writes them) through the same
 * transaction path as every other write ({@link FhirTransactionSink}: HAPI's system DAO, so de-identification,
 * conditional-reference pseudonymisation and the NLP trigger run as for REST). Lines go in batches, one
 * transaction each; a resource with an id is written as update-as-create ({@code PUT Type/id}), so its id (mapped
 * to its pseudonym by the de-identification) stays stable and writing it twice changes nothing.
 *
 * <p>A bad line never stops the rest: a line that is not a resource, or not of the file's type, is reported at
 * once; when a batch fails, its lines are written one by one to find the bad ones. Each is reported with file
 * name and line number and kept by {@link BadLines}. After every batch the file's checkpoint is committed, so an
 * interrupted import continues after the last committed batch. Logs file names and counts only. Thread-safe:
 * each call works on its own file.
 */
public final class NdjsonImporter {

    private static final Logger LOG = LoggerFactory.getLogger(NdjsonImporter.class);

    /** Counts resources per source and outcome ({@code stored}, {@code failed}): the import metrics. */
    @FunctionalInterface
    public interface Counter {
        Counter NONE = (source, outcome, count) -> { };

        void count(String source, String outcome, int count);
    }

    private final FhirContext context;
    private final FhirTransactionSink sink;
    private final ImportCheckpoints checkpoints;
    private final BadLines badLines;
    private final Counter counter;
    private final int batchSize;

    public NdjsonImporter(FhirContext context, FhirTransactionSink sink, ImportCheckpoints checkpoints,
            BadLines badLines, Counter counter, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.context = Objects.requireNonNull(context, "context");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.checkpoints = Objects.requireNonNull(checkpoints, "checkpoints");
        this.badLines = Objects.requireNonNull(badLines, "badLines");
        this.counter = Objects.requireNonNull(counter, "counter");
        this.batchSize = batchSize;
    }

    /**
     * Imports one file, continuing after its checkpoint if an earlier run was interrupted.
     *
     * @param file the NDJSON file (UTF-8)
     * @param source channel or job id, for dead letters and metrics
     * @param progress where progress is reported; its resource type, if any, is the one every line must have
     * @throws IOException if the file cannot be read; lines committed so far stay committed
     */
    public void importFile(Path file, String source, FileProgress progress) throws IOException {
        long start = System.nanoTime();
        String key = FileIdentity.of(file);
        int resumeAfter = checkpoints.committedLine(key);
        progress.started(countLines(file), resumeAfter);
        Run run = new Run(file.getFileName().toString(), source, progress);
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            String text;
            while ((text = reader.readLine()) != null) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                if (number <= resumeAfter) {
                    progress.resumed();
                    continue;
                }
                run.read(number, text);
                if (run.batch.size() >= batchSize) {
                    run.flush();
                    checkpoints.commit(key, run.fileName, number);
                }
            }
        }
        run.flush();
        checkpoints.complete(key);
        progress.complete();
        LOG.info("NDJSON file {} ({}): {} lines, {} stored, {} failed, resumed after line {}, {} ms", run.fileName,
                source, progress.total(), progress.stored(), progress.failures().size(), resumeAfter,
                (System.nanoTime() - start) / 1_000_000);
    }

    /** Non-blank lines of {@code file}: one resource each. */
    static int countLines(Path file) throws IOException {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return (int) lines.filter(line -> !line.isBlank()).count();
        }
    }

    /**
     * Stores one line again (a dead letter's replay, after a fix), as the import would have.
     *
     * @param resourceType the type the line must have, or {@code null}
     * @return {@code null} when it was stored, else the fixed reason it failed again
     */
    public String storeLine(String text, String resourceType) {
        IParser parser = context.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
        Parsed parsed = parseLine(parser, text, resourceType);
        if (parsed.failure() != null) {
            return parsed.failure();
        }
        try {
            sink.store(transaction(List.of(parsed.resource())));
            return null;
        } catch (RuntimeException e) {
            return ImportFailures.reason(e);
        }
    }

    /** A line as read: the resource, or the resource type (if known, else "") and why it cannot be stored. */
    private record Parsed(Resource resource, String resourceType, String failure) {
    }

    private static Parsed parseLine(IParser parser, String text, String expectedType) {
        String trimmed = text.strip();
        if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
            return new Parsed(null, "", ImportFailures.NOT_JSON);
        }
        Resource resource;
        try {
            resource = (Resource) parser.parseResource(trimmed);
        } catch (DataFormatException | ClassCastException e) {
            return new Parsed(null, "", ImportFailures.NOT_A_RESOURCE);
        }
        String type = resource.fhirType();
        if (expectedType != null && !expectedType.isEmpty() && !expectedType.equals(type)) {
            return new Parsed(null, type, ImportFailures.WRONG_TYPE);
        }
        return new Parsed(resource, type, null);
    }

    /** A line read and parsed, waiting in the batch. */
    private record Pending(int line, String text, Resource resource) {
    }

    /** The import of one file: its batch and what to report to. */
    private final class Run {

        private final String fileName;
        private final String source;
        private final FileProgress progress;
        private final IParser parser = context.newJsonParser().setParserErrorHandler(new LenientErrorHandler(false));
        private final List<Pending> batch = new ArrayList<>();

        Run(String fileName, String source, FileProgress progress) {
            this.fileName = fileName;
            this.source = source;
            this.progress = progress;
        }

        void read(int line, String text) {
            Parsed parsed = parseLine(parser, text, progress.resourceType());
            if (parsed.failure() != null) {
                fail(line, text, parsed.resourceType(), parsed.failure());
            } else {
                batch.add(new Pending(line, text, parsed.resource()));
            }
        }

        private Resource parse(String text) {
            return (Resource) parser.parseResource(text);
        }

        /** Stores the batch in one transaction, or, if that fails, line by line. */
        void flush() {
            if (batch.isEmpty()) {
                return;
            }
            try {
                sink.store(transaction(batch.stream().map(Pending::resource).toList()));
                stored(batch.size());
            } catch (RuntimeException batchFailure) {
                for (Pending pending : batch) {
                    // parsed again: the failed transaction may have rewritten the resource object
                    Resource fresh = parse(pending.text());
                    try {
                        sink.store(transaction(List.of(fresh)));
                        stored(1);
                    } catch (RuntimeException e) {
                        fail(pending.line(), pending.text(), fresh.fhirType(), ImportFailures.reason(e));
                    }
                }
            }
            batch.clear();
        }

        private void stored(int count) {
            progress.stored(count);
            counter.count(source, "stored", count);
        }

        private void fail(int line, String text, String resourceType, String reason) {
            LineFailure failure = new LineFailure(fileName, line, resourceType, reason, null);
            String deadLetter = badLines.keep(source, text, failure);
            progress.failed(new LineFailure(fileName, line, resourceType, reason, deadLetter));
            counter.count(source, "failed", 1);
        }
    }

    /** A transaction writing each resource: update-as-create when it has an id, else a create. */
    public static Bundle transaction(List<Resource> resources) {
        Bundle transaction = new Bundle().setType(Bundle.BundleType.TRANSACTION);
        for (Resource resource : resources) {
            Bundle.BundleEntryComponent entry = transaction.addEntry().setResource(resource);
            String type = resource.fhirType();
            if (resource.getIdElement().hasIdPart()) {
                entry.getRequest().setMethod(Bundle.HTTPVerb.PUT).setUrl(type + "/" + resource.getIdElement()
                        .getIdPart());
            } else {
                entry.getRequest().setMethod(Bundle.HTTPVerb.POST).setUrl(type);
            }
        }
        return transaction;
    }
}
