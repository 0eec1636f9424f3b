package io.annota.bench.suite;

import io.annota.bench.SafeHarborBenchmarks;
import io.annota.bench.suite.Scenario.JmhPair;
import io.annota.bench.suite.Scenario.Replay;
import io.annota.bench.suite.Scenario.ThroughputBaseline.JmhRate;
import io.annota.bench.suite.Scenario.ThroughputBaseline.ReplayThroughput;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The standard suite: every scenario of docs/benchmarks.md, in the order they run and appear. To add a scenario,
 * add an entry here (and its benchmark class or replay); the suite runs it and renders its table.
 */
public final class Scenarios {

    private static final String HL7 = "io.annota.bench.Hl7Benchmarks.";
    private static final String DEID = "io.annota.bench.DeidBenchmarks.";
    private static final String NLP = "io.annota.bench.NlpBenchmarks.";
    private static final String SAFE_HARBOR = "io.annota.bench.SafeHarborBenchmarks.";

    private Scenarios() {
    }

    public static List<Scenario> standard() {
        return List.of(
                Scenario.jmh("hl7",
                        "HL7 v2 ADT: parse + map to FHIR",
                        "one generated ADT message through `Hl7v2Parser.parse` + `DeclarativeMapper.map` (no storage)",
                        "HAPI HL7v2 `PipeParser.parse` alone, same parser configuration, same messages",
                        List.of(new JmhPair("parse + map vs parse alone", HL7 + "parseAndMap", HL7 + "parseOnly")),
                        Map.of()),
                Scenario.jmh("deid",
                        "De-identification of a FHIR transaction bundle",
                        "one generated transaction bundle: de-identified in memory (`ResourceDeidentifier`), and "
                                + "stored through the JPA system DAO with the `DeidentificationInterceptor` (H2)",
                        "the same bundle stored through the same DAO with the de-identification interceptor "
                                + "unregistered (benchmark process only); fresh ids per operation, so all creates",
                        List.of(new JmhPair("JPA store with de-identification vs without", DEID + "storeWithDeid",
                                        DEID + "storeWithoutDeid"),
                                new JmhPair("de-identification alone (in memory) vs JPA store without it",
                                        DEID + "deidentifyBundle", DEID + "storeWithoutDeid")),
                        Map.of()),
                Scenario.jmh("deid-engine",
                        "De-identification engine, safe-harbor profile, Synthea resources (per core)",
                        "every resource of the Synthea bulk export (../shared/data/fhir-r4/synthea-bulk-ndjson-10-"
                                + "patients; generated bundles if absent) copied and de-identified by "
                                + "`ResourceDeidentifier` with the safe-harbor rules, one thread: resources/s/core",
                        "HAPI's JSON parser on the same resources, one thread",
                        List.of(new JmhPair("resources/s: engine vs JSON parse", SAFE_HARBOR + "engine",
                                SAFE_HARBOR + "parse")),
                        Map.of()),
                deidText(Files.exists(SafeHarborBenchmarks.physionetNotes())),
                Scenario.jmh("nlp-full",
                        "Clinical NLP, full profile (ClearTK assertion)",
                        "one generated note through `CtakesNlp.annotate` (engine pool, cTAKES, mapping to records)",
                        "raw cTAKES on the same piper (`PiperFileReader` + `AnalysisEngineFactory.createEngine`, "
                                + "`jcas.reset(); setDocumentText; process`), no mapping, same notes",
                        List.of(new JmhPair("facade vs raw cTAKES", NLP + "facade[profile=full]",
                                NLP + "raw[profile=full]")),
                        Map.of("profile", List.of("full"))),
                Scenario.jmh("nlp-lite",
                        "Clinical NLP, lite profile (rule-based context)",
                        "as above with the lite piper",
                        "raw cTAKES on the lite piper",
                        List.of(new JmhPair("facade vs raw cTAKES", NLP + "facade[profile=lite]",
                                NLP + "raw[profile=lite]")),
                        Map.of("profile", List.of("lite"))),
                Scenario.jmh("nlp-threads",
                        "Clinical NLP notes/s on 1 and 2 threads, full profile",
                        "generated notes through `CtakesNlp.annotate` by 1 and 2 threads, the facade started with one "
                                + "worker (engine) per thread: notes/s over all threads",
                        "raw cTAKES on the same piper and notes, one `AnalysisEngine` + `JCas` per thread, no pool "
                                + "and no mapping",
                        List.of(new JmhPair("1 thread: facade vs raw cTAKES", NLP + "facadeOneThread[profile=full]",
                                        NLP + "rawOneThread[profile=full]"),
                                new JmhPair("2 threads: facade vs raw cTAKES", NLP + "facadeTwoThreads[profile=full]",
                                        NLP + "rawTwoThreads[profile=full]")),
                        Map.of("profile", List.of("full"))),
                Scenario.replay("nlp-latency",
                        "Time from a note stored to its annotations searchable",
                        "generated transaction bundles with one note each, POSTed one at a time; from the "
                                + "server's answer (stored) until `Provenance?entity=DocumentReference/<id>` finds the "
                                + "annotation run (written in the same transaction as the annotations): queue, "
                                + "cTAKES, mapping, storage. Latency is the figure; throughput is one note at a time. "
                                + "Runs first among the replays, before any NLP backlog",
                        "the NLP stage alone on a generated note (`NlpBenchmarks.facade`, full profile) when "
                                + "`nlp-full` runs in the same suite",
                        new Replay(env -> List.of("nlp-latency", "--base", env.fhirBase(), "--seed",
                                str(env.seed() + 5), "--bundles", str(env.count(20, 3)), "--warmup",
                                str(env.count(3, 1)), "--timeout-ms", "180000", "--actuator", env.actuator()),
                                new JmhRate(NLP + "facade[profile=full]"), false),
                        List.of()),
                mllpOfKind("mllp-adt", "ADT", "ADT^A01/A04/A08", "Patient + Encounter", "adtStoreWithoutDeid",
                        1, 1000, 500, ""),
                mllpOfKind("mllp-oru", "ORU", "ORU^R01",
                        "Patient, Encounter, DiagnosticReport, Observations", "oruStoreWithoutDeid", 4, 1000, 100, ""),
                Scenario.replay("mllp-4",
                        "MLLP intake, 4 connections, generated ADT",
                        "as `mllp-adt` over four concurrent connections",
                        "the same raw JPA transaction rate (1 thread, in process): the ratio shows what "
                                + "concurrency recovers on this machine",
                        new Replay(env -> List.of("mllp", "--host", env.host(), "--port", str(env.mllpPort()),
                                "--connections", "4", "--generated", "--seed", str(env.seed() + 2),
                                "--messages", str(env.count(1500, 200)), "--warmup", str(env.count(100, 20)),
                                "--actuator", env.actuator()),
                                new JmhRate(DEID + "adtStoreWithoutDeid"), false),
                        List.of(DEID + "adtStoreWithoutDeid")),
                Scenario.replay("mllp-files",
                        "MLLP replay of the public HL7 v2 sample files",
                        "every message of ../shared/data/hl7v2 (two public sets, microsoft-fhir-converter/messages "
                                + "and linuxforhealth-converter-tests: many vendors, versions 2.3-2.8, all trigger "
                                + "types; LF turned into CR) over one connection. Most types are mapped now "
                                + "(docs/hl7v2-mappings.md); per set: messages sent, AA/AE/AR and the AA share, "
                                + "and the AE/AR answers by message type, ERR-3 code and MSA-3 reason. Every "
                                + "message must be answered and the connection must hold (no timeout, no socket "
                                + "error)",
                        "the throughput of generated ADT over one connection (mllp-adt, same run)",
                        new Replay(env -> List.of("mllp", "--host", env.host(), "--port", str(env.mllpPort()),
                                "--connections", "1", "--files", String.valueOf(env.hl7Files()),
                                "--actuator", env.actuator()),
                                new ReplayThroughput("mllp-adt"), true),
                        List.of()),
                mllpOfKind("mllp-mdm", "MDM", "MDM^T02", "Patient, Encounter, DocumentReference with the note",
                        "mdmStoreWithoutDeid", 5, 500, 100,
                        "; the server also queues every stored note for NLP, which runs in the background on the "
                                + "same cores: the figure is the intake rate, not the annotation rate (runs after "
                                + "the other MLLP scenarios because the NLP backlog it leaves keeps going, into "
                                + "fhir-2)"),
                Scenario.replay("fhir-2",
                        "FHIR transactions, 2 clients",
                        "generated transaction bundles (13 resources each: a conditional create of the Patient "
                                + "by its MRN, one note) POSTed to /fhir by two clients (HTTP, JSON parse, "
                                + "de-identification, JPA store; stored notes are queued for NLP, which runs beside)",
                        "the raw JPA transaction of the same kind of bundle without de-identification, in "
                                + "process, 1 thread (`DeidBenchmarks.storeWithoutDeid`, same run; its Patient is "
                                + "created unconditionally)",
                        new Replay(env -> List.of("fhir", "--base", env.fhirBase(), "--clients", "2",
                                "--seed", str(env.seed() + 3), "--bundles", str(env.count(150, 10)),
                                "--warmup", str(env.count(10, 4)), "--actuator", env.actuator()),
                                new JmhRate(DEID + "storeWithoutDeid"), false),
                        List.of(DEID + "storeWithoutDeid")),
                Scenario.replay("ndjson-import",
                        "NDJSON bulk import of the Synthea 10-patient export",
                        "one `$import` of ../shared/data/fhir-r4/synthea-bulk-ndjson-10-patients (7,160 resources "
                                + "of 13 types, 1,215 DocumentReferences with notes; skipped if absent), polled until "
                                + "done: files in dependency order, 200 resources per transaction, update-as-create, "
                                + "de-identification, JPA store; the notes are queued for NLP, which runs beside on "
                                + "the same cores (it runs last: that backlog would slow any later scenario). Throughput is resources stored per second of the whole job; the "
                                + "one latency sample is the whole import",
                        "the de-identification engine alone on the same resources, one thread "
                                + "(`SafeHarborBenchmarks.engine`, deid-engine, same run)",
                        // the whole export (about 50 s on an idle 2-core machine, 3 minutes on a busy one)
                        new Replay(env -> List.of("ndjson-import", "--base", env.fhirBase(), "--dir",
                                String.valueOf(env.ndjsonExport()), "--actuator", env.actuator(),
                                "--max-seconds", "300"),
                                new JmhRate(SAFE_HARBOR + "engine"), false),
                        List.of(SAFE_HARBOR + "engine")));
    }

    /**
     * The scrubber on the Synthea notes and, when the PhysioNet deid notes are there, on those real notes as well:
     * Synthea's notes are template prose, real notes are what the scrubber is for.
     */
    static Scenario deidText(boolean realNotes) {
        List<JmhPair> pairs = new ArrayList<>(List.of(new JmhPair("KiB/s, Synthea notes: scrubber vs one regex pass",
                SAFE_HARBOR + "scrubber", SAFE_HARBOR + "oneRegexPass")));
        if (realNotes) {
            pairs.add(new JmhPair("KiB/s, PhysioNet ICU notes: scrubber vs one regex pass",
                    SAFE_HARBOR + "scrubberPhysionet", SAFE_HARBOR + "oneRegexPassPhysionet"));
        }
        return Scenario.jmh("deid-text",
                "Text scrubber throughput (per core)",
                "the Synthea notes (generated notes if absent)" + (realNotes ? " and the 1,450 real ICU nursing "
                        + "notes of ../shared/data/phi/physionet-deid-dev (a row of their own)" : "")
                        + " through `TextScrubber.scrub` in batches of 64 KiB, one thread: the score is KiB/s",
                "one regular expression (numeric dates) over the same text, KiB/s",
                pairs,
                Map.of());
    }

    /**
     * Generated messages of one kind over one MLLP connection, against the raw JPA transaction rate of what those
     * messages map to. The server is warm from mllp-adt's 500 messages when the other kinds run, so they need less
     * warm-up (every scenario adds to the suite's 15-minute budget).
     */
    private static Scenario mllpOfKind(String id, String kind, String triggers, String resources, String baseline,
            int seedOffset, int messages, int warmup, String note) {
        return Scenario.replay(id,
                "MLLP intake, 1 connection, generated " + kind,
                "generated " + triggers + " messages over one MLLP connection into the server jar (parse, map, "
                        + "de-identify, store, ACK after commit); one message at a time" + note,
                "the raw JPA transaction of what the same generated messages map to (" + resources + ", mapped "
                        + "before the measurement) without de-identification or NLP trigger, fresh ids, in process, "
                        + "1 thread (`DeidBenchmarks." + baseline + "`, same run)",
                new Replay(env -> List.of("mllp", "--host", env.host(), "--port", str(env.mllpPort()),
                        "--connections", "1", "--generated", "--type", kind.toLowerCase(Locale.ROOT),
                        "--seed", str(env.seed() + seedOffset), "--messages", str(env.count(messages, 100)),
                        "--warmup", str(env.count(warmup, 20)), "--actuator", env.actuator()),
                        new JmhRate(DEID + baseline), false),
                List.of(DEID + baseline));
    }

    private static String str(long value) {
        return Long.toString(value);
    }
}
