package io.annota.deid.text;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import opennlp.tools.ml.maxent.GISModel;
import opennlp.tools.ml.maxent.GISTrainer;
import opennlp.tools.ml.maxent.io.BinaryGISModelReader;
import opennlp.tools.ml.maxent.io.BinaryGISModelWriter;
import opennlp.tools.ml.model.DataIndexer;
import opennlp.tools.ml.model.Event;
import opennlp.tools.ml.model.MaxentModel;
import opennlp.tools.ml.model.OnePassDataIndexer;
import opennlp.tools.util.CollectionObjectStream;
import opennlp.tools.util.TrainingParameters;

/**
 * The learned voter of the scrubber: a maximum-entropy classifier (Apache OpenNLP's GIS trainer) that gives, for
 * a word of a note, the probability that it is part of a name or a place. Its features describe the word and its
 * neighbours without holding the note: the word's shape, length and the note's case style, which lists know it
 * (English, frequent English, clinical term, abbreviation, first name, surname, proper noun, place), and the
 * neighbours' words and list memberships ("dr", "husband", "RN", "to"...). It is trained on the synthetic nursing
 * notes of {@code synthetic-feed}, whose PHI is known (never on real notes); the bundled model
 * ({@code phi-token-model.bin}) is written by {@code io.annota.bench.lexicon.PhiModelTrainer}. Thread-safe.
 */
public final class PhiTokenModel {

    /** The outcome of a word that is part of PHI. */
    static final String PHI = "phi";
    static final String OTHER = "o";
    private static final String RESOURCE = "/io/annota/deid/text/phi-token-model.bin";

    private final MaxentModel model;
    private final int phiIndex;
    private final Lexicon lexicon;
    private final SafeWords safe;

    public PhiTokenModel(MaxentModel model, Lexicon lexicon, SafeWords safe) {
        this.model = model;
        this.phiIndex = model.getIndex(PHI);
        this.lexicon = lexicon;
        this.safe = safe;
        if (phiIndex < 0) {
            throw new IllegalArgumentException("the model has no '" + PHI + "' outcome");
        }
    }

    /** The bundled model, read from the class path. */
    public static PhiTokenModel bundled() {
        try (InputStream in = PhiTokenModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + RESOURCE);
            }
            GISModel model = (GISModel) new BinaryGISModelReader(new DataInputStream(in)).getModel();
            return new PhiTokenModel(model, Lexicon.get(), SafeWords.get());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Rules whose guesses the model may overrule: name words found by a weak cue, and, in clinical notes (where
     * the model was trained), name and place words found by shape or lists. On the PhysioNet development notes a
     * veto below {@value #VETO} removed about 90 of their false positives and 4 true hits; the strong cues (titles,
     * institutions) and the patterns are never overruled. Outside notes (prose with international names) the
     * shape and list rules stand alone.
     */
    private static final java.util.Set<String> VETOABLE = java.util.Set.of("cue:credential", "cue:initial", "cue:contact",
            "cue:relative", "cue:person-verb");
    private static final java.util.Set<String> VETOABLE_IN_NOTES = java.util.Set.of("name:30", "name:35", "name:50",
            "place:35", "place:45");
    static final double VETO = 0.1;
    /**
     * Share of words that are clinical abbreviations (not also English words: "or", "pt" yes, "room" no) from which
     * a text is written like a clinical note.
     */
    static final double NOTE_SHARE = 0.04;

    /**
     * Removes from {@code spans} every guess of a vetoable rule whose words the model finds all unlikely to be PHI
     * (probability below {@value #VETO}), and in notes the shape and list guesses made only of clinical terms and
     * drug names.
     */
    public void veto(Tokens t, List<PhiSpan> spans) {
        boolean note = abbreviationShare(t) >= NOTE_SHARE;
        spans.removeIf(span -> VETOABLE.contains(span.rule()) && maxProbability(t, span) < VETO
                || note && VETOABLE_IN_NOTES.contains(span.rule()) && (allClinical(t, span) || maxProbability(t, span) < VETO));
    }

    private double abbreviationShare(Tokens t) {
        int words = 0;
        int abbreviations = 0;
        for (int i = 0; i < t.size(); i++) {
            if (t.isWord(i)) {
                words++;
                if (safe.isAbbreviation(t.key(i)) && !safe.isFrequentEnglish(t.key(i))) {
                    abbreviations++;
                }
            }
        }
        return words == 0 ? 0 : abbreviations / (double) words;
    }

    /**
     * Every word of the span is a clinical term or drug name, or one edit from one ("Toradol", "Labetelol" in a note
     * are drugs).
     */
    private boolean allClinical(Tokens t, PhiSpan span) {
        for (int i = t.firstEndingAfter(span.start()); i < t.size() && t.start(i) < span.end(); i++) {
            String word = t.letters(i);
            if (t.isWord(i) && !safe.isClinical(word) && !(word.length() >= 6 && safe.isOneEditFromClinical(word))) {
                return false;
            }
        }
        return true;
    }

    private double maxProbability(Tokens t, PhiSpan span) {
        double max = 0;
        int i = t.firstEndingAfter(span.start());
        while (i < t.size() && t.start(i) < span.end()) {
            if (t.isWord(i)) {
                max = Math.max(max, probability(t, i));
            }
            i++;
        }
        return max;
    }

    /** Probability that word token i of {@code t} is (part of) a name or a place. */
    public double probability(Tokens t, int i) {
        return model.eval(features(t, i, lexicon, safe))[phiIndex];
    }

    /** One training event per word of {@code text}: PHI if it overlaps one of {@code phi} ({start, end} pairs). */
    public static List<Event> events(String text, List<int[]> phi) {
        Tokens t = new Tokens(text);
        Lexicon lexicon = Lexicon.get();
        SafeWords safe = SafeWords.get();
        List<Event> out = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            if (!t.isWord(i)) {
                continue;
            }
            boolean inPhi = false;
            for (int[] span : phi) {
                inPhi |= span[0] < t.end(i) && t.start(i) < span[1];
            }
            out.add(new Event(inPhi ? PHI : OTHER, features(t, i, lexicon, safe)));
        }
        return out;
    }

    /** Trains a model on {@code events} (GIS, {@code iterations}, features seen fewer than {@code cutoff} times dropped). */
    public static PhiTokenModel train(List<Event> events, int iterations, int cutoff) throws IOException {
        TrainingParameters params = new TrainingParameters();
        params.put(TrainingParameters.ITERATIONS_PARAM, Integer.toString(iterations));
        params.put(TrainingParameters.CUTOFF_PARAM, Integer.toString(cutoff));
        params.put(TrainingParameters.THREADS_PARAM, "1");
        DataIndexer indexer = new OnePassDataIndexer();
        indexer.init(params, new java.util.HashMap<>());
        indexer.index(new CollectionObjectStream<>(events));
        GISTrainer trainer = new GISTrainer();
        trainer.init(params, new java.util.HashMap<>());
        return new PhiTokenModel(trainer.trainModel(iterations, indexer), Lexicon.get(), SafeWords.get());
    }

    /** The model in OpenNLP's binary GIS format, as {@link #bundled()} reads it. */
    public byte[] toBytes() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            new BinaryGISModelWriter((GISModel) model, out).persist();
        }
        return bytes.toByteArray();
    }

    static String[] features(Tokens t, int i, Lexicon lexicon, SafeWords safe) {
        List<String> f = new ArrayList<>(24);
        String key = t.letters(i);
        f.add("case=" + t.style());
        f.add("shape=" + shape(t, i));
        f.add("len=" + Math.min(key.length(), 8));
        f.add("w=" + key);
        if (key.length() > 3) {
            f.add("suf3=" + key.substring(key.length() - 3));
        }
        classes(key, lexicon, safe, "", f);
        for (int d : new int[] {-2, -1, 1, 2}) {
            int j = i + d;
            if (j < 0 || j >= t.size()) {
                f.add(d + "=edge");
                continue;
            }
            String gap = d < 0 ? t.gap(j) : t.gap(j - 1);
            if (Math.abs(d) == 1) {
                f.add(d + "gap=" + gapKind(gap));
            }
            if (t.isNumber(j)) {
                f.add(d + "=num");
                continue;
            }
            String near = t.letters(j);
            f.add(d + "w=" + near);
            if (Math.abs(d) == 1) {
                f.add(d + "shape=" + shape(t, j));
                classes(near, lexicon, safe, d + "", f);
            }
        }
        return f.toArray(new String[0]);
    }

    private static void classes(String key, Lexicon lexicon, SafeWords safe, String prefix, List<String> f) {
        if (CueFinder.FUNCTION.contains(key)) {
            f.add(prefix + "c=function");
        }
        if (CueFinder.TITLES.contains(key)) {
            f.add(prefix + "c=title");
        }
        if (CueFinder.RELATIVES.contains(key)) {
            f.add(prefix + "c=relative");
        }
        if (CueFinder.CREDENTIALS.contains(key)) {
            f.add(prefix + "c=credential");
        }
        boolean listed = false;
        if (safe.isAbbreviation(key)) {
            f.add(prefix + "c=abbr");
            listed = true;
        }
        if (safe.isClinical(key)) {
            f.add(prefix + "c=clinical");
            listed = true;
        }
        if (safe.isFrequentEnglish(key)) {
            f.add(prefix + "c=frequent");
            listed = true;
        } else if (safe.isSafe(key)) {
            f.add(prefix + "c=rare");
            listed = true;
        }
        if (lexicon.isFirstName(key)) {
            f.add(prefix + "c=first");
            listed = true;
        }
        if (lexicon.isLastName(key)) {
            f.add(prefix + "c=last");
            listed = true;
        }
        if (lexicon.isOtherName(key)) {
            f.add(prefix + "c=othername");
            listed = true;
        }
        if (safe.isProperNounListed(key)) {
            f.add(prefix + "c=proper");
            listed = true;
        }
        if (lexicon.isPlace(key)) {
            f.add(prefix + "c=place");
            listed = true;
        }
        if (!listed) {
            f.add(prefix + "c=unknown");
        }
    }

    private static String shape(Tokens t, int i) {
        if (t.length(i) == 1) {
            return Character.isUpperCase(t.text().charAt(t.start(i))) ? "X" : "x";
        }
        String s = t.isUpper(i) ? "XX" : t.isCapitalised(i) ? "Xx" : "xx";
        return t.hasDigits(i) ? s + "9" : s;
    }

    private static String gapKind(String gap) {
        if (gap.indexOf('\n') >= 0) {
            return "line";
        }
        if (gap.indexOf('.') >= 0) {
            return "stop";
        }
        if (gap.indexOf(',') >= 0) {
            return "comma";
        }
        if (gap.indexOf(':') >= 0) {
            return "colon";
        }
        return gap.isBlank() ? "space" : "other";
    }
}
