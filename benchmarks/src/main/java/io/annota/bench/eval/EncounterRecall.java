package io.annota.bench.eval;

import io.annota.bench.eval.ItemMatcher.Match;
import io.annota.bench.eval.SyntheaEncounters.Category;
import io.annota.bench.eval.SyntheaEncounters.Item;
import io.annota.bench.eval.SyntheaEncounters.Note;
import io.annota.nlp.ClinicalNlp;
import io.annota.nlp.ConceptMention;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Recall of each encounter's coded items from the NLP mentions of its note, per category, per SNOMED semantic tag
 * and per patient. Also counts the items whose display text (semantic tag removed, normalised) appears in the note
 * word for word: the dictionary cannot be expected to find much beyond those, so their share is a rough upper
 * bound. Keeps counts only, never note text.
 */
final class EncounterRecall {

    /** Counts for one row of a table. */
    static final class Tally {
        int items;
        int textInNote;
        int strict;
        int partial;
        int negatedOnly;
        int foundWithTextInNote;

        void add(Match match, boolean inNote) {
            items++;
            textInNote += inNote ? 1 : 0;
            strict += match == Match.CODE || match == Match.EXACT_TEXT ? 1 : 0;
            partial += match == Match.PARTIAL_TEXT ? 1 : 0;
            negatedOnly += match == Match.NEGATED_ONLY ? 1 : 0;
            foundWithTextInNote += inNote && match.found() ? 1 : 0;
        }

        int found() {
            return strict + partial;
        }
    }

    final Map<Category, Tally> byCategory = new LinkedHashMap<>();
    /** Problems and procedures by semantic tag ("problem: disorder"); drugs by whether codes could be compared. */
    final Map<String, Tally> bySubgroup = new TreeMap<>();
    /** Patients numbered in order of their first note (no identifiers), then category. */
    final Map<Integer, Map<Category, Tally>> byPatient = new TreeMap<>();
    int notes;
    long characters;
    long nanos;

    static EncounterRecall evaluate(ClinicalNlp nlp, List<Note> notes, ItemMatcher matcher) {
        EncounterRecall recall = new EncounterRecall();
        for (Category c : Category.values()) {
            recall.byCategory.put(c, new Tally());
        }
        Map<String, Integer> patientNumbers = new LinkedHashMap<>();
        long start = System.nanoTime();
        for (Note note : notes) {
            List<ConceptMention> mentions = nlp.annotate(note.text());
            String normalisedNote = ClinicalText.normalise(note.text());
            int patient = patientNumbers.computeIfAbsent(note.patient(), p -> patientNumbers.size() + 1);
            for (Item item : note.items()) {
                Match match = matcher.match(item, mentions);
                boolean inNote = ClinicalText.containsPhrase(normalisedNote, ClinicalText.normaliseDisplay(item.display()));
                recall.byCategory.get(item.category()).add(match, inNote);
                recall.bySubgroup.computeIfAbsent(subgroup(item, matcher), k -> new Tally()).add(match, inNote);
                recall.byPatient.computeIfAbsent(patient, k -> new LinkedHashMap<>())
                        .computeIfAbsent(item.category(), k -> new Tally()).add(match, inNote);
            }
            recall.notes++;
            recall.characters += note.text().length();
        }
        recall.nanos = System.nanoTime() - start;
        return recall;
    }

    private static String subgroup(Item item, ItemMatcher matcher) {
        return switch (item.category()) {
            case PROBLEM -> "problem: " + ClinicalText.semanticTag(item.display());
            case PROCEDURE -> "procedure: " + ClinicalText.semanticTag(item.display());
            case DRUG -> matcher.codeComparable(item) ? "drug: product in staged RxNorm (code match)"
                    : "drug: product not in staged RxNorm (name match)";
        };
    }
}
