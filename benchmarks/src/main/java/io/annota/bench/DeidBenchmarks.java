package io.annota.bench;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.interceptor.api.IInterceptorService;
import ca.uhn.fhir.jpa.api.dao.IFhirSystemDao;
import ca.uhn.fhir.rest.api.server.SystemRequestDetails;
import io.annota.deid.DeidentificationInterceptor;
import io.annota.deid.DeidentificationSettings;
import io.annota.deid.Pseudonymizer;
import io.annota.deid.ResourceDeidentifier;
import io.annota.intake.hl7.mapping.DeclarativeMapper;
import io.annota.intake.hl7.mapping.V2ToFhirMappings;
import io.annota.intake.hl7.Hl7v2Parser;
import io.annota.server.nlp.AnnotationTriggerInterceptor;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * De-identification and storage of generated FHIR transaction bundles. One operation = one bundle.
 *
 * <ul>
 *   <li>{@link #deidentifyBundle}: Annota's de-identification alone, in memory ({@link ResourceDeidentifier} on
 *       every resource of the bundle, with the fingerprints of the bundle's patients, as the interceptor does).</li>
 *   <li>{@link #storeWithDeid}: the whole store through HAPI's JPA system DAO in a running Annota (H2), with the
 *       {@link DeidentificationInterceptor} registered as in production.</li>
 *   <li>{@link #storeWithoutDeid} (baseline): the same bundles through the same DAO with the de-identification
 *       interceptor unregistered, in this benchmark process only.</li>
 *   <li>{@link #adtStoreWithoutDeid}, {@link #oruStoreWithoutDeid}, {@link #mdmStoreWithoutDeid} (baselines of the
 *       MLLP replays of each kind): the transactions that generated ADT, ORU^R01 and MDM^T02 messages map to
 *       (declarative mapper, mapped before the measurement), stored without de-identification.</li>
 * </ul>
 *
 * <p>Every stored copy gets fresh resource ids ({@link FreshTransactions}), so each operation is a real create.
 * The annotation trigger (which would queue stored DocumentReferences for cTAKES in the background) is unregistered
 * in both store variants: NLP has its own benchmark.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 3)
@Measurement(iterations = 4, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class DeidBenchmarks {

    /** The generated transaction bundles, parsed once. */
    @State(Scope.Thread)
    public static class Bundles {
        FhirContext context;
        BenchData.Cursor<Bundle> bundles;
        FreshTransactions fresh;
        ResourceDeidentifier deidentifier;

        @Setup(Level.Trial)
        public void setUp() {
            load(BenchData.BUNDLES);
        }

        void load(int count) {
            context = FhirContext.forR4Cached();
            bundles = new BenchData.Cursor<>(BenchData.transactionBundles(context, count));
            fresh = new FreshTransactions(context);
            deidentifier = new ResourceDeidentifier(context, DeidentificationSettings.withKey(EmbeddedAnnota.KEY));
        }
    }

    /** A running Annota with de-identification as in production. */
    @State(Scope.Benchmark)
    public static class WithDeid {
        EmbeddedAnnota annota;
        IFhirSystemDao<Bundle, Meta> systemDao;

        @Setup(Level.Trial)
        public void setUp() {
            annota = startWithoutAnnotationTrigger();
            systemDao = systemDao(annota);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            annota.close();
        }
    }

    /** A running Annota whose de-identification interceptor is unregistered (this process only). */
    @State(Scope.Benchmark)
    public static class WithoutDeid {
        EmbeddedAnnota annota;
        IFhirSystemDao<Bundle, Meta> systemDao;

        @Setup(Level.Trial)
        public void setUp() {
            annota = startWithoutAnnotationTrigger();
            disableDeidentification(annota);
            systemDao = systemDao(annota);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            annota.close();
        }
    }

    /**
     * The transactions that generated messages of one kind map to, mapped once by the built-in declarative mappings
     * (outside the timed part); the subclasses pick the kind.
     */
    public abstract static class MappedTransactions {
        BenchData.Cursor<Bundle> bundles;
        FreshTransactions fresh;

        void load(GeneratedHl7Kind kind, int count) {
            Hl7v2Parser parser = new Hl7v2Parser();
            DeclarativeMapper mapper = new DeclarativeMapper(V2ToFhirMappings.builtIn(), new Pseudonymizer(EmbeddedAnnota.KEY),
                    ZoneOffset.UTC);
            List<Bundle> mapped = new ArrayList<>();
            for (String text : BenchData.hl7Messages(kind, count)) {
                try {
                    mapped.add(mapper.map(parser.parse(text)));
                } catch (Exception e) {
                    // the intake would answer AE/AR without storing: nothing to store here either
                }
            }
            bundles = new BenchData.Cursor<>(mapped);
            fresh = new FreshTransactions(FhirContext.forR4Cached());
        }
    }

    /** What generated ADT messages map to: Patient + Encounter. */
    @State(Scope.Thread)
    public static class AdtTransactions extends MappedTransactions {
        @Setup(Level.Trial)
        public void setUp() {
            load(GeneratedHl7Kind.ADT, BenchData.HL7_MESSAGES);
        }
    }

    /** What generated ORU^R01 messages map to: Patient, Encounter, DiagnosticReport, Observations. */
    @State(Scope.Thread)
    public static class OruTransactions extends MappedTransactions {
        @Setup(Level.Trial)
        public void setUp() {
            load(GeneratedHl7Kind.ORU, BenchData.HL7_MESSAGES);
        }
    }

    /** What generated MDM^T02 messages map to: Patient, Encounter, DocumentReference with the note. */
    @State(Scope.Thread)
    public static class MdmTransactions extends MappedTransactions {
        @Setup(Level.Trial)
        public void setUp() {
            load(GeneratedHl7Kind.MDM, BenchData.HL7_MESSAGES);
        }
    }

    /** Annota: de-identify every resource of a bundle in memory. */
    @Benchmark
    public Bundle deidentifyBundle(Bundles state) {
        Bundle bundle = state.bundles.next().copy();
        Set<String> known = new HashSet<>();
        for (BundleEntryComponent entry : bundle.getEntry()) {
            if (entry.getResource() instanceof Patient patient) {
                known.addAll(state.deidentifier.fingerprints(patient));
            }
        }
        for (BundleEntryComponent entry : bundle.getEntry()) {
            Resource resource = entry.getResource();
            if (resource != null) {
                state.deidentifier.deidentify(resource, known);
            }
        }
        return bundle;
    }

    /** Annota: the bundle stored through the JPA system DAO with de-identification. */
    @Benchmark
    public Bundle storeWithDeid(Bundles state, WithDeid annota) {
        return annota.systemDao.transaction(new SystemRequestDetails(), state.fresh.copy(state.bundles.next()));
    }

    /** Baseline: the same bundle stored through the JPA system DAO without de-identification. */
    @Benchmark
    public Bundle storeWithoutDeid(Bundles state, WithoutDeid annota) {
        return annota.systemDao.transaction(new SystemRequestDetails(), state.fresh.copy(state.bundles.next()));
    }

    /** Baseline of the MLLP ADT replay: an ADT message's transaction stored without de-identification. */
    @Benchmark
    public Bundle adtStoreWithoutDeid(AdtTransactions state, WithoutDeid annota) {
        return storeMapped(state, annota);
    }

    /** Baseline of the MLLP ORU replay: an ORU^R01 message's transaction stored without de-identification. */
    @Benchmark
    public Bundle oruStoreWithoutDeid(OruTransactions state, WithoutDeid annota) {
        return storeMapped(state, annota);
    }

    /**
     * Baseline of the MLLP MDM replay: an MDM^T02 message's transaction stored without de-identification (and,
     * like every store here, without queueing the note for NLP).
     */
    @Benchmark
    public Bundle mdmStoreWithoutDeid(MdmTransactions state, WithoutDeid annota) {
        return storeMapped(state, annota);
    }

    private static Bundle storeMapped(MappedTransactions state, WithoutDeid annota) {
        return annota.systemDao.transaction(new SystemRequestDetails(), state.fresh.copy(state.bundles.next()));
    }

    static EmbeddedAnnota startWithoutAnnotationTrigger() {
        EmbeddedAnnota annota = EmbeddedAnnota.start(Map.of());
        annota.bean(IInterceptorService.class).unregisterInterceptor(annota.bean(AnnotationTriggerInterceptor.class));
        return annota;
    }

    /** Unregisters Annota's de-identification interceptor: only ever inside a benchmark process, for the baseline. */
    static void disableDeidentification(EmbeddedAnnota annota) {
        annota.bean(IInterceptorService.class).unregisterInterceptor(annota.bean(DeidentificationInterceptor.class));
    }

    @SuppressWarnings("unchecked")
    static IFhirSystemDao<Bundle, Meta> systemDao(EmbeddedAnnota annota) {
        return annota.bean(IFhirSystemDao.class);
    }
}
