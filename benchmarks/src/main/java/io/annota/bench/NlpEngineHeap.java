package io.annota.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.uima.analysis_engine.AnalysisEngine;
import org.apache.uima.jcas.JCas;

/**
 * Retained heap per cTAKES engine: builds engines of one profile one at a time (each with its JCas and one note
 * processed, as a pool worker holds it) and prints the heap in use after a full GC before the first and after
 * each. The first engine also pays for what all engines share (models and dictionaries cached JVM-wide); the
 * increment of the second one is the cost of one more worker.
 *
 * <pre>
 * java -Xmx3g -cp ... io.annota.bench.NlpEngineHeap [full|lite] [engines, default 2]
 * </pre>
 */
public final class NlpEngineHeap {

    private NlpEngineHeap() {
    }

    public static void main(String[] args) throws Exception {
        String profile = args.length > 0 ? args[0] : "full";
        int engines = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        String note = BenchData.notes(1).get(0);
        List<AnalysisEngine> kept = new ArrayList<>();
        List<JCas> cases = new ArrayList<>();
        double before = usedMegabytesAfterGc();
        System.out.printf(Locale.ROOT, "%s: heap after GC before any engine: %.0f MB%n", profile, before);
        double previous = before;
        for (int i = 1; i <= engines; i++) {
            AnalysisEngine engine = NlpBenchmarks.buildRawEngine(profile);
            JCas jcas = engine.newJCas();
            jcas.setDocumentText(note);
            engine.process(jcas);
            kept.add(engine);
            cases.add(jcas);
            double used = usedMegabytesAfterGc();
            System.out.printf(Locale.ROOT, "%s: %d engine(s): %.0f MB (+%.0f MB for engine %d, %.0f MB per engine "
                    + "on average)%n", profile, i, used, used - previous, i, (used - before) / i);
            previous = used;
        }
        System.out.println("(kept " + kept.size() + " engines, " + cases.size() + " JCas)");
    }

    /** Heap in use after repeated full collections (System.gc() is a request; a few rounds let it settle). */
    private static double usedMegabytesAfterGc() throws InterruptedException {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return memory.getHeapMemoryUsage().getUsed() / 1048576.0;
    }
}
