package io.annota.bench;

import ca.uhn.fhir.context.FhirContext;
import io.annota.synthetic.GeneratedBundle;
import io.annota.synthetic.GeneratedHl7;
import io.annota.synthetic.SyntheticFeed;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.r4.model.Bundle;

/**
 * The fixed inputs of the micro-benchmarks, all from {@link SyntheticFeed} with fixed seeds, so every run (and the
 * Annota step and its baseline within a run) sees the same data.
 */
public final class BenchData {

    public static final long HL7_SEED = 11L;
    public static final long BUNDLE_SEED = 23L;
    public static final long NOTE_SEED = 37L;

    /** Messages per HL7 benchmark; each invocation takes the next, round robin. */
    public static final int HL7_MESSAGES = 200;
    /** Transaction bundles per de-identification benchmark. */
    public static final int BUNDLES = 20;
    /** Notes per NLP benchmark. */
    public static final int NOTES = 20;

    private BenchData() {
    }

    /** The ER7 text of {@code n} generated messages of one kind (as the sender wrote them, quirks included). */
    public static List<String> hl7Messages(GeneratedHl7Kind kind, int n) {
        List<String> texts = new ArrayList<>(n);
        for (GeneratedHl7 message : kind.generate(HL7_SEED, n)) {
            texts.add(message.text());
        }
        return texts;
    }

    /** {@code n} generated FHIR R4 transaction bundles, parsed. */
    public static List<Bundle> transactionBundles(FhirContext context, int n) {
        List<Bundle> bundles = new ArrayList<>(n);
        for (GeneratedBundle generated : new SyntheticFeed(BUNDLE_SEED).fhirBundles(n)) {
            bundles.add(context.newJsonParser().parseResource(Bundle.class, generated.json()));
        }
        return bundles;
    }

    /** The text of {@code n} generated clinical notes. */
    public static List<String> notes(int n) {
        SyntheticFeed feed = new SyntheticFeed(NOTE_SEED);
        List<String> notes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            notes.add(feed.note().text());
        }
        return notes;
    }

    /** Round-robin cursor over a fixed list; one per benchmark thread. */
    public static final class Cursor<T> {
        private final List<T> items;
        private int next;

        public Cursor(List<T> items) {
            if (items.isEmpty()) {
                throw new IllegalArgumentException("no benchmark inputs");
            }
            this.items = List.copyOf(items);
        }

        public T next() {
            T item = items.get(next);
            next = next + 1 == items.size() ? 0 : next + 1;
            return item;
        }

        public int size() {
            return items.size();
        }
    }
}
