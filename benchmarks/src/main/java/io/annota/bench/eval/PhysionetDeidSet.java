package io.annota.bench.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.annota.bench.eval.SpanScore.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The development half of the PhysioNet deid 1.1 gold standard ({@code phi/physionet-deid-dev}: real ICU nursing
 * notes with hand-marked PHI), read at run time. GPL-2.0, evaluation only: nothing of it may be copied into the
 * repository, so it is only ever read from the shared data folder.
 *
 * @param notes    the notes in file order
 * @param gold     gold spans per note (type = the upstream category: HCPName, Date, DateYear, ...)
 * @param baseline what deid.pl (the upstream rule-based tool) found per note, untyped; empty if the file is absent
 */
public record PhysionetDeidSet(List<Note> notes, Map<Key, List<Span>> gold, Map<Key, List<Span>> baseline) {

    /** The set's folder under the shared data folder. */
    public static final String FOLDER = "phi/physionet-deid-dev";
    /** Gold category that Safe Harbor may keep (a year alone): reported apart. */
    static final String DATE_YEAR = "DateYear";

    /** A note: patient and note number as upstream numbers them. */
    public record Key(int patient, int note) {
    }

    public record Note(Key key, String text) {
    }

    static PhysionetDeidSet read(Path dir) throws IOException {
        List<Note> notes = readNotes(dir);
        Map<Key, String> texts = new HashMap<>();
        notes.forEach(n -> texts.put(n.key(), n.text()));
        Map<Key, List<Span>> gold = spans(dir.resolve("gold_spans.jsonl"), texts, true);
        Path baselineFile = dir.resolve("deid-pl-baseline.jsonl");
        Map<Key, List<Span>> baseline = Files.exists(baselineFile) ? spans(baselineFile, texts, false) : Map.of();
        return new PhysionetDeidSet(notes, gold, baseline);
    }

    /** The notes of {@code notes.jsonl} in file order (also the scrubber benchmark's input). */
    public static List<Note> readNotes(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<Note> notes = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("notes.jsonl"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                JsonNode n = json.readTree(line);
                notes.add(new Note(key(n), n.get("text").asText()));
            }
        }
        return notes;
    }

    List<Span> goldOf(Key key) {
        return gold.getOrDefault(key, List.of());
    }

    /**
     * Spans of a JSONL file ({@code patient, note, start, end[, type]}). A span outside its note's text, or a gold
     * span whose {@code text} differs from the note's characters there, means the offsets are not what this code
     * assumes (UTF-16 here, code points in Python): refuse rather than score the wrong characters.
     */
    private static Map<Key, List<Span>> spans(Path file, Map<Key, String> texts, boolean isGold) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<Key, List<Span>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = json.readTree(line);
            Key key = key(n);
            String text = texts.get(key);
            int start = n.get("start").asInt();
            int end = n.get("end").asInt();
            boolean inside = text != null && 0 <= start && start < end && end <= text.length();
            if (!inside || isGold && n.has("text") && !text.substring(start, end).equals(n.get("text").asText())) {
                throw new UncheckedIOException(new IOException(file.getFileName() + ": a span of patient "
                        + key.patient() + " note " + key.note() + " does not fit its note (" + start + ".." + end + ")"));
            }
            String type = n.hasNonNull("type") ? n.get("type").asText() : "?";
            out.computeIfAbsent(key, k -> new ArrayList<>()).add(new Span(start, end, type, isGold ? null : "deid.pl"));
        }
        return out;
    }

    private static Key key(JsonNode n) {
        return new Key(n.get("patient").asInt(), n.get("note").asInt());
    }
}
