package io.annota.bench;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.interceptor.api.IInterceptorService;
import io.annota.deid.DeidentificationInterceptor;
import io.annota.nlp.ConceptMention;
import io.annota.nlp.CtakesNlp;
import io.annota.server.nlp.NlpEngineHolder;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import org.apache.uima.fit.util.JCasUtil;
import org.apache.ctakes.typesystem.type.textsem.IdentifiedAnnotation;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Proves every benchmark still runs: the light ones through the JMH Runner API (in this JVM, one short
 * iteration), the ones that need Annota or cTAKES by calling their setup and benchmark methods directly, against
 * the shared in-process Annota and the lite NLP profile (the full profile runs only in the suite).
 */
@ExtendWith(SharedAnnota.class)
class BenchmarksSmokeIT {

    @Test
    void lightBenchmarksRunThroughTheJmhRunner() throws Exception {
        System.setProperty("jmh.ignoreLock", "true"); // a suite may be running on this machine
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("^io\\.annota\\.bench\\.Hl7Benchmarks\\.")
                .include("^io\\.annota\\.bench\\.DeidBenchmarks\\.deidentifyBundle$")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(300))
                .verbosity(VerboseMode.SILENT)
                .build()).run();

        assertThat(results).extracting(r -> r.getParams().getBenchmark()).containsExactlyInAnyOrder(
                "io.annota.bench.Hl7Benchmarks.parseAndMap",
                "io.annota.bench.Hl7Benchmarks.parseOnly",
                "io.annota.bench.DeidBenchmarks.deidentifyBundle");
        assertThat(results).allSatisfy(r -> assertThat(r.getPrimaryResult().getScore()).isPositive());
    }

    @Test
    void storeBenchmarksCreateEveryResource(EmbeddedAnnota annota) {
        DeidBenchmarks benchmarks = new DeidBenchmarks();
        DeidBenchmarks.Bundles bundles = new DeidBenchmarks.Bundles();
        bundles.load(2);
        DeidBenchmarks.AdtTransactions adt = new DeidBenchmarks.AdtTransactions();
        adt.load(GeneratedHl7Kind.ADT, 4);
        DeidBenchmarks.OruTransactions oru = new DeidBenchmarks.OruTransactions();
        oru.load(GeneratedHl7Kind.ORU, 2);
        DeidBenchmarks.MdmTransactions mdm = new DeidBenchmarks.MdmTransactions();
        mdm.load(GeneratedHl7Kind.MDM, 2);
        // every generated message maps, so the baselines store what the MLLP replays send
        assertThat(List.of(adt.bundles.size(), oru.bundles.size(), mdm.bundles.size())).containsExactly(4, 2, 2);

        DeidBenchmarks.WithDeid withDeid = new DeidBenchmarks.WithDeid();
        withDeid.annota = annota;
        withDeid.systemDao = DeidBenchmarks.systemDao(annota);
        for (int i = 0; i < 2; i++) {
            assertAllCreated(benchmarks.storeWithDeid(bundles, withDeid));
        }

        IInterceptorService interceptors = annota.bean(IInterceptorService.class);
        DeidentificationInterceptor deid = annota.bean(DeidentificationInterceptor.class);
        DeidBenchmarks.WithoutDeid withoutDeid = new DeidBenchmarks.WithoutDeid();
        withoutDeid.annota = annota;
        withoutDeid.systemDao = DeidBenchmarks.systemDao(annota);
        DeidBenchmarks.disableDeidentification(annota);
        try {
            assertThat(interceptors.getAllRegisteredInterceptors()).doesNotContain(deid);
            for (int i = 0; i < 2; i++) {
                assertAllCreated(benchmarks.storeWithoutDeid(bundles, withoutDeid));
                assertAllCreated(benchmarks.adtStoreWithoutDeid(adt, withoutDeid));
                assertAllCreated(benchmarks.oruStoreWithoutDeid(oru, withoutDeid));
                assertAllCreated(benchmarks.mdmStoreWithoutDeid(mdm, withoutDeid));
            }
        } finally {
            interceptors.registerInterceptor(deid);
        }
    }

    @Test
    void nlpBenchmarksRunOnTheLiteProfile(EmbeddedAnnota annota) throws Exception {
        NlpBenchmarks benchmarks = new NlpBenchmarks();
        NlpBenchmarks.Profile profile = new NlpBenchmarks.Profile();
        profile.profile = "lite";
        NlpBenchmarks.Notes notes = new NlpBenchmarks.Notes();
        notes.setUp();
        NlpBenchmarks.Notes sameNotes = new NlpBenchmarks.Notes();
        sameNotes.setUp();
        // the facade state's own setup is CtakesNlp.start(lite); the shared Annota has built exactly that already
        NlpBenchmarks.Facade facade = new NlpBenchmarks.Facade();
        facade.nlp = (CtakesNlp) annota.bean(NlpEngineHolder.class).await(Duration.ofMinutes(2));
        assertThat(facade.nlp.info().pipeline()).contains("lite");
        NlpBenchmarks.RawEngine raw = new NlpBenchmarks.RawEngine();
        raw.setUp(profile);
        try {
            int mentions = 0;
            int annotations = 0;
            for (int i = 0; i < 3; i++) {
                List<ConceptMention> found = benchmarks.facade(notes, facade);
                mentions += found.size();
                annotations += JCasUtil.select(benchmarks.raw(sameNotes, raw), IdentifiedAnnotation.class).size();
            }
            assertThat(mentions).isPositive();
            assertThat(annotations).isGreaterThanOrEqualTo(mentions);
        } finally {
            raw.tearDown();
        }
    }

    private static void assertAllCreated(Bundle response) {
        assertThat(response.getEntry()).isNotEmpty();
        for (BundleEntryComponent entry : response.getEntry()) {
            assertThat(entry.getResponse().getStatus()).startsWith("201");
        }
    }
}
