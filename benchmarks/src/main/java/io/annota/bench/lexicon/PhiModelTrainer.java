package io.annota.bench.lexicon;

import io.annota.deid.text.PhiTokenModel;
import io.annota.synthetic.PhiSpan;
import io.annota.synthetic.SyntheticFeed;
import io.annota.synthetic.SyntheticNote;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import opennlp.tools.ml.model.Event;

/**
 * Trains the scrubber's learned voter ({@link PhiTokenModel}) on synthetic notes whose PHI is known: the nursing
 * notes of {@code synthetic-feed} (all capitals, lower case and mixed, shorthand, cues) and its general clinical
 * notes. Never on real notes. Deterministic for a seed.
 * <pre>
 * java ... io.annota.bench.lexicon.PhiModelTrainer [output file] [nursing notes] [other notes] [seed]
 * </pre>
 * Defaults: {@code fhir-interceptors/src/main/resources/io/annota/deid/text/phi-token-model.bin}, 4000, 1000, 17.
 */
public final class PhiModelTrainer {

    private PhiModelTrainer() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "fhir-interceptors/src/main/resources/io/annota/deid/text/phi-token-model.bin");
        int nursing = args.length > 1 ? Integer.parseInt(args[1]) : 4000;
        int other = args.length > 2 ? Integer.parseInt(args[2]) : 1000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 17;
        long start = System.nanoTime();
        SyntheticFeed feed = new SyntheticFeed(seed);
        List<SyntheticNote> notes = new ArrayList<>(feed.nursingNotes(nursing));
        notes.addAll(feed.notes(other));
        List<Event> events = new ArrayList<>();
        for (SyntheticNote note : notes) {
            List<int[]> phi = new ArrayList<>();
            for (PhiSpan span : note.phi()) {
                if (span.inText() && countsForNames(span)) {
                    phi.add(new int[] {span.begin(), span.end()});
                }
            }
            events.addAll(PhiTokenModel.events(note.text(), phi));
        }
        PhiTokenModel model = PhiTokenModel.train(events, 150, 3);
        Files.write(out, model.toBytes());
        System.out.printf(Locale.ROOT, "%d notes, %d words, trained in %.1f s -> %s (%d bytes)%n", notes.size(),
                events.size(), (System.nanoTime() - start) / 1e9, out, Files.size(out));
    }

    /** The model votes on names and places; dates, numbers and ages are the patterns' work. */
    private static boolean countsForNames(PhiSpan span) {
        return switch (span.type()) {
            case PATIENT_NAME, RELATIVE_NAME, CLINICIAN_NAME, HOSPITAL, CITY, STREET_ADDRESS -> true;
            default -> false;
        };
    }
}
