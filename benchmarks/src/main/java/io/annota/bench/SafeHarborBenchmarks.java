package io.annota.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import io.annota.bench.eval.PhysionetDeidSet;
import io.annota.deid.DeidentificationSettings;
import io.annota.deid.ResourceDeidentifier;
import io.annota.deid.TextScrubber;
import io.annota.synthetic.GeneratedBundle;
import io.annota.synthetic.SyntheticFeed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Attachment;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.hl7.fhir.r4.model.Resource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The de-identification engine with the {@code safe-harbor} profile on Synthea resources, and the text scrubber on
 * Synthea notes and on real ICU nursing notes; one thread, so the figures are per core.
 *
 * <p>Data: the Synthea bulk export named by {@code -Dannota.bench.synthea} (default
 * {@code ../shared/data/fhir-r4/synthea-bulk-ndjson-10-patients}, relative to the working directory); when it is
 * absent, generated bundles and notes of the project's own generator, and the setup logs which it used. The
 * PhysioNet deid development notes named by {@code -Dannota.bench.physionet} (default
 * {@code ../shared/data/phi/physionet-deid-dev}): {@link #scrubberPhysionet} and {@link #oneRegexPassPhysionet} fail
 * their setup when they are absent (a figure on other text under their name would mislead), so the suite only
 * runs them when {@link #physionetNotes()} exists.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class SafeHarborBenchmarks {

    private static final Logger LOG = LoggerFactory.getLogger(SafeHarborBenchmarks.class);

    /** KiB of note text per scrubber operation batch: the scrubber's score is KiB/s. */
    static final int KIB_PER_BATCH = 64;
    private static final Pattern DATE = Pattern.compile("\\b\\d{1,2}/\\d{1,2}/\\d{2,4}\\b|\\b\\d{4}-\\d{2}-\\d{2}\\b");

    /** Every resource of the data set as JSON and parsed; the safe-harbor engine. */
    @State(Scope.Thread)
    public static class Resources {
        FhirContext context;
        IParser parser;
        List<String> json;
        BenchData.Cursor<String> jsonCursor;
        BenchData.Cursor<Resource> parsed;
        ResourceDeidentifier deidentifier;

        @Setup(Level.Trial)
        public void setUp() {
            context = FhirContext.forR4Cached();
            parser = context.newJsonParser();
            json = resourcesJson(context);
            List<Resource> resources = new ArrayList<>();
            for (String text : json) {
                resources.add((Resource) parser.parseResource(text));
            }
            jsonCursor = new BenchData.Cursor<>(json);
            parsed = new BenchData.Cursor<>(resources);
            deidentifier = new ResourceDeidentifier(context, DeidentificationSettings.withKey(EmbeddedAnnota.KEY));
        }
    }

    /** Note text cut into batches of exactly {@value #KIB_PER_BATCH} KiB. */
    @State(Scope.Thread)
    public static class Notes {
        BenchData.Cursor<List<String>> batches;
        TextScrubber scrubber;

        @Setup(Level.Trial)
        public void setUp() {
            batches = new BenchData.Cursor<>(batches(noteTexts(FhirContext.forR4Cached())));
            scrubber = new ResourceDeidentifier(FhirContext.forR4Cached(),
                    DeidentificationSettings.withKey(EmbeddedAnnota.KEY)).textScrubber();
        }
    }

    /** The PhysioNet deid development notes (real ICU nursing notes) cut into the same batches. */
    @State(Scope.Thread)
    public static class PhysionetNotes {
        BenchData.Cursor<List<String>> batches;
        TextScrubber scrubber;

        @Setup(Level.Trial)
        public void setUp() throws IOException {
            Path file = physionetNotes();
            if (!Files.exists(file)) {
                throw new IllegalStateException("no PhysioNet deid notes at " + file.toAbsolutePath());
            }
            List<String> texts = PhysionetDeidSet.readNotes(file.getParent()).stream()
                    .map(PhysionetDeidSet.Note::text).toList();
            LOG.info("PhysioNet deid notes from {}: {}", file, texts.size());
            batches = new BenchData.Cursor<>(batches(texts));
            scrubber = new ResourceDeidentifier(FhirContext.forR4Cached(),
                    DeidentificationSettings.withKey(EmbeddedAnnota.KEY)).textScrubber();
        }
    }

    /** Annota: one resource copied and de-identified with the safe-harbor profile. */
    @Benchmark
    public Resource engine(Resources state) {
        Resource resource = state.parsed.next().copy();
        state.deidentifier.deidentify(resource, Set.of());
        return resource;
    }

    /** Baseline: HAPI's JSON parser on the same resource (what every write costs before any de-identification). */
    @Benchmark
    public IBaseResource parse(Resources state) {
        return state.parser.parseResource(state.jsonCursor.next());
    }

    /** Annota: {@value #KIB_PER_BATCH} KiB of note text through the text scrubber (patterns, dictionaries, cues). */
    @Benchmark
    @OperationsPerInvocation(KIB_PER_BATCH)
    public int scrubber(Notes state) {
        int length = 0;
        for (String text : state.batches.next()) {
            length += state.scrubber.scrub(text).length();
        }
        return length;
    }

    /** Baseline: one regular expression (numeric dates) over the same text. */
    @Benchmark
    @OperationsPerInvocation(KIB_PER_BATCH)
    public int oneRegexPass(Notes state) {
        int hits = 0;
        for (String text : state.batches.next()) {
            Matcher m = DATE.matcher(text);
            while (m.find()) {
                hits++;
            }
        }
        return hits;
    }

    /** Annota: {@value #KIB_PER_BATCH} KiB of real ICU nursing notes through the text scrubber. */
    @Benchmark
    @OperationsPerInvocation(KIB_PER_BATCH)
    public int scrubberPhysionet(PhysionetNotes state) {
        int length = 0;
        for (String text : state.batches.next()) {
            length += state.scrubber.scrub(text).length();
        }
        return length;
    }

    /** Baseline: one regular expression (numeric dates) over the same real notes. */
    @Benchmark
    @OperationsPerInvocation(KIB_PER_BATCH)
    public int oneRegexPassPhysionet(PhysionetNotes state) {
        int hits = 0;
        for (String text : state.batches.next()) {
            Matcher m = DATE.matcher(text);
            while (m.find()) {
                hits++;
            }
        }
        return hits;
    }

    /** The PhysioNet deid development notes file; the suite adds its pair only when it exists. */
    public static Path physionetNotes() {
        return Path.of(System.getProperty("annota.bench.physionet", "../shared/data/" + PhysionetDeidSet.FOLDER))
                .resolve("notes.jsonl");
    }

    static Path syntheaDir() {
        return Path.of(System.getProperty("annota.bench.synthea", "../shared/data/fhir-r4/synthea-bulk-ndjson-10-patients"));
    }

    /** The JSON of every resource of the Synthea export, or of generated bundles when it is absent. */
    static List<String> resourcesJson(FhirContext context) {
        Path dir = syntheaDir();
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".ndjson") && !f.getFileName().toString()
                        .startsWith("log")).sorted().toList()) {
                    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                        if (!line.isBlank()) {
                            out.add(line);
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LOG.info("Synthea resources from {}: {}", dir, out.size());
            return out;
        }
        LOG.info("No Synthea export at {}: generated bundles instead", dir);
        IParser parser = context.newJsonParser();
        for (GeneratedBundle generated : new SyntheticFeed(BenchData.BUNDLE_SEED).fhirBundles(BenchData.BUNDLES)) {
            Bundle bundle = parser.parseResource(Bundle.class, generated.json());
            bundle.getEntry().forEach(e -> out.add(parser.encodeResourceToString(e.getResource())));
        }
        return out;
    }

    /** The text of every note of the data set. */
    static List<String> noteTexts(FhirContext context) {
        List<String> notes = new ArrayList<>();
        IParser parser = context.newJsonParser();
        for (String json : resourcesJson(context)) {
            if (json.contains("\"DocumentReference\"")) {
                DocumentReference document = parser.parseResource(DocumentReference.class, json);
                for (DocumentReference.DocumentReferenceContentComponent content : document.getContent()) {
                    Attachment attachment = content.getAttachment();
                    if (attachment.hasData()) {
                        notes.add(new String(attachment.getData(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return notes.isEmpty() ? BenchData.notes(BenchData.NOTES) : notes;
    }

    /** The notes, in order, cut into batches of exactly {@value #KIB_PER_BATCH} KiB of characters. */
    static List<List<String>> batches(List<String> notes) {
        int size = KIB_PER_BATCH * 1024;
        List<List<String>> out = new ArrayList<>();
        List<String> batch = new ArrayList<>();
        int filled = 0;
        int total = notes.stream().mapToInt(String::length).sum();
        int rounds = Math.max(1, (size * 8) / Math.max(1, total));
        for (int round = 0; round < rounds || out.isEmpty(); round++) {
            for (String note : notes) {
                String rest = note;
                while (!rest.isEmpty()) {
                    int take = Math.min(rest.length(), size - filled);
                    batch.add(rest.substring(0, take));
                    rest = rest.substring(take);
                    filled += take;
                    if (filled == size) {
                        out.add(batch);
                        batch = new ArrayList<>();
                        filled = 0;
                    }
                }
            }
        }
        return out;
    }
}
