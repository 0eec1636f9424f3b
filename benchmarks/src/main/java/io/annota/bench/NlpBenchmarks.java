package io.annota.bench;

import io.annota.nlp.ConceptMention;
import io.annota.nlp.CtakesNlp;
import io.annota.nlp.NlpSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ctakes.core.pipeline.PiperFileReader;
import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.analysis_engine.AnalysisEngineDescription;
import org.apache.uima.analysis_engine.AnalysisEngineProcessException;
import org.apache.uima.fit.factory.AnalysisEngineFactory;
import org.apache.uima.jcas.JCas;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * One generated note through cTAKES. {@link #facade}: Annota's {@link CtakesNlp#annotate} (engine pool, cTAKES,
 * mapping to plain records). {@link #raw} (baseline): the same piper built directly with {@link PiperFileReader}
 * and {@link AnalysisEngineFactory#createEngine}, then {@code jcas.reset(); setDocumentText; ae.process(jcas)}
 * per note, no mapping. Same notes, one engine each, one operation = one note.
 *
 * <p>The {@code ...OneThread}/{@code ...TwoThreads} variants measure notes/s (throughput over all threads) with
 * one engine per thread on both sides: the facade is started with as many workers as JMH runs threads, the raw
 * side builds one engine per thread. Shorter iterations: each full-profile fork spends 20-40 s building engines.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class NlpBenchmarks {

    /** The piper profile, {@code full} (ClearTK assertion) or {@code lite} (rule-based context). */
    @State(Scope.Benchmark)
    public static class Profile {
        @Param({"full", "lite"})
        public String profile;
    }

    @State(Scope.Thread)
    public static class Notes {
        BenchData.Cursor<String> notes;

        @Setup(Level.Trial)
        public void setUp() {
            notes = new BenchData.Cursor<>(BenchData.notes(BenchData.NOTES));
        }
    }

    @State(Scope.Benchmark)
    public static class Facade {
        CtakesNlp nlp;

        @Setup(Level.Trial)
        public void setUp(Profile profile, BenchmarkParams params) {
            // one worker per benchmark thread, as the server sizes its pool to its NLP threads
            nlp = CtakesNlp.start(new NlpSettings(profile.profile, params.getThreads(), null));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            nlp.close();
        }
    }

    @State(Scope.Thread)
    public static class RawEngine {
        AnalysisEngine engine;
        JCas jcas;

        @Setup(Level.Trial)
        public void setUp(Profile profile) throws Exception {
            engine = buildRawEngine(profile.profile);
            jcas = engine.newJCas();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            engine.destroy();
        }
    }

    /** Annota: {@code CtakesNlp.annotate(note)}. */
    @Benchmark
    public List<ConceptMention> facade(Notes notes, Facade facade) {
        return facade.nlp.annotate(notes.notes.next());
    }

    /** Baseline: raw cTAKES on the same piper, no pool and no mapping. */
    @Benchmark
    public JCas raw(Notes notes, RawEngine raw) throws AnalysisEngineProcessException {
        raw.jcas.reset();
        raw.jcas.setDocumentText(notes.notes.next());
        raw.engine.process(raw.jcas);
        return raw.jcas;
    }

    /** Notes/s of the facade, one thread and one worker. */
    @Benchmark
    @Threads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 2, time = 5)
    @Measurement(iterations = 3, time = 4)
    public List<ConceptMention> facadeOneThread(Notes notes, Facade facade) {
        return facade(notes, facade);
    }

    /** Notes/s of the facade, two threads sharing a pool of two workers. */
    @Benchmark
    @Threads(2)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 2, time = 5)
    @Measurement(iterations = 3, time = 4)
    public List<ConceptMention> facadeTwoThreads(Notes notes, Facade facade) {
        return facade(notes, facade);
    }

    /** Baseline notes/s: raw cTAKES, one thread with its own engine. */
    @Benchmark
    @Threads(1)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 2, time = 5)
    @Measurement(iterations = 3, time = 4)
    public JCas rawOneThread(Notes notes, RawEngine raw) throws AnalysisEngineProcessException {
        return raw(notes, raw);
    }

    /** Baseline notes/s: raw cTAKES, two threads, an engine each. */
    @Benchmark
    @Threads(2)
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @Warmup(iterations = 2, time = 5)
    @Measurement(iterations = 3, time = 4)
    public JCas rawTwoThreads(Notes notes, RawEngine raw) throws AnalysisEngineProcessException {
        return raw(notes, raw);
    }

    /** The profile's piper from Annota's classpath ({@code annota/ctakes/<profile>.piper}), built as cTAKES documents it. */
    static AnalysisEngine buildRawEngine(String profile) throws Exception {
        String location = "annota/ctakes/" + profile + ".piper";
        PiperFileReader reader = new PiperFileReader();
        for (String line : readLines(location)) {
            reader.parsePipelineLine(line);
        }
        AnalysisEngineDescription description = reader.getBuilder().getAnalysisEngineDesc();
        return AnalysisEngineFactory.createEngine(description);
    }

    private static List<String> readLines(String resource) {
        InputStream in = NlpBenchmarks.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalArgumentException("piper not on the class path: " + resource);
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().map(String::trim).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
