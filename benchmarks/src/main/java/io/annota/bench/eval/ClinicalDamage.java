package io.annota.bench.eval;

import io.annota.bench.eval.PhysionetDeidSet.Note;
import io.annota.bench.eval.ReplacementMap.Replacement;
import io.annota.bench.eval.SpanScore.Span;
import io.annota.deid.TextScrubber;
import io.annota.deid.text.PhiSpan;
import io.annota.nlp.ConceptCode;
import io.annota.nlp.ConceptMention;
import io.annota.nlp.CtakesNlp;
import io.annota.nlp.NlpSettings;
import io.annota.nlp.SemanticGroup;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What scrubbing costs the clinical NLP: of the concept mentions cTAKES ({@link CtakesNlp}, one engine) finds in the
 * original notes, how many it still finds, with the same primary code and overlapping the same place, in the notes
 * after {@link TextScrubber#scrub(String, Set)} (tags, no patient known). Each original mention is placed in the
 * scrubbed text through the replaced spans ({@link ReplacementMap}, built from {@link TextScrubber#detect} and the
 * type's tag; a note whose scrub output differs from that reconstruction is counted and left out). A lost mention
 * is put down to the scrubber ("overlapped a replaced span") or to everything else (changed context: sentence
 * split, negation scope, tokenisation). Mentions on gold PHI (e.g. a place that is also a word) are expected to go
 * and are reported apart. Prints counts and codes only, never note text.
 */
final class ClinicalDamage {

    /** Mentions, surviving, and the lost ones by reason. */
    static final class Count {
        int mentions;
        int surviving;
        int lostOnReplaced;
        int lostOther;

        void add(boolean survived, boolean onReplaced) {
            mentions++;
            if (survived) {
                surviving++;
            } else if (onReplaced) {
                lostOnReplaced++;
            } else {
                lostOther++;
            }
        }
    }

    private final String profile;
    private int notes;
    private int notesInSet;
    private int mismatched;
    private final Count all = new Count();
    private final Count onGold = new Count();
    private final Map<SemanticGroup, Count> byGroup = new EnumMap<>(SemanticGroup.class);
    /** Rule of the replaced span a lost mention overlapped (the first, if several). */
    private final Map<String, Integer> lostByRule = new TreeMap<>();
    private final Map<String, Integer> lostCodes = new HashMap<>();
    private final Map<String, String> displays = new HashMap<>();
    /** Mentions in the scrubbed text with no same-code original mention mapped onto them: on a tag, elsewhere. */
    private int newOnTag;
    /** Surviving mentions whose negation differs in the scrubbed note (a tag changed the negation scope). */
    private int negationChanged;
    private int newElsewhere;
    private long buildNanos;
    private long nlpNanos;
    private long totalNanos;

    private ClinicalDamage(String profile) {
        this.profile = profile;
    }

    /** Runs cTAKES on {@code sample} notes (evenly spaced; 0 = all) before and after scrubbing. */
    static ClinicalDamage measure(PhysionetDeidSet set, TextScrubber scrubber, String profile, int sample) {
        ClinicalDamage damage = new ClinicalDamage(profile);
        long t0 = System.nanoTime();
        List<Note> notes = NlpEvaluation.evenlySpaced(set.notes(), sample);
        damage.notesInSet = set.notes().size();
        try (CtakesNlp nlp = CtakesNlp.start(new NlpSettings(profile, 1, null))) {
            damage.buildNanos = System.nanoTime() - t0;
            for (Note note : notes) {
                damage.add(note, set.goldOf(note.key()), scrubber, nlp);
            }
        }
        damage.totalNanos = System.nanoTime() - t0;
        return damage;
    }

    private void add(Note note, List<Span> gold, TextScrubber scrubber, CtakesNlp nlp) {
        String text = note.text();
        List<PhiSpan> spans = scrubber.detect(text, Set.of());
        List<Replacement> replacements = new ArrayList<>();
        Map<Integer, String> ruleAt = new HashMap<>();
        for (PhiSpan s : spans) {
            replacements.add(new Replacement(s.start(), s.end(), s.type().tag()));
            ruleAt.put(s.start(), s.rule());
        }
        ReplacementMap map = ReplacementMap.apply(text, replacements);
        String scrubbed = scrubber.scrub(text, Set.of());
        if (!scrubbed.equals(map.text())) {
            mismatched++; // the offsets would be wrong: leave the note out rather than guess
            return;
        }
        notes++;
        long t = System.nanoTime();
        List<ConceptMention> before = nlp.annotate(text);
        List<ConceptMention> after = nlp.annotate(scrubbed);
        nlpNanos += System.nanoTime() - t;

        boolean[] matched = new boolean[after.size()];
        for (ConceptMention m : before) {
            int[] at = map.map(m.begin(), m.end());
            boolean survived = false;
            boolean sameNegation = false;
            for (int i = 0; i < after.size(); i++) {
                ConceptMention a = after.get(i);
                if (sameCode(m, a) && a.begin() < at[1] && at[0] < a.end()) {
                    survived = true;
                    matched[i] = true;
                    sameNegation |= a.assertion().negated() == m.assertion().negated();
                }
            }
            negationChanged += survived && !sameNegation ? 1 : 0;
            List<Replacement> hit = map.overlapping(m.begin(), m.end());
            boolean onReplaced = !hit.isEmpty();
            boolean onGoldPhi = gold.stream().anyMatch(g -> g.start() < m.end() && m.begin() < g.end());
            all.add(survived, onReplaced);
            byGroup.computeIfAbsent(m.group(), g -> new Count()).add(survived, onReplaced);
            if (onGoldPhi) {
                onGold.add(survived, onReplaced);
            }
            if (!survived) {
                ConceptCode code = m.codes().get(0);
                lostCodes.merge(code.code(), 1, Integer::sum);
                displays.putIfAbsent(code.code(), code.display());
                if (onReplaced) {
                    lostByRule.merge(ruleAt.get(hit.get(0).start()), 1, Integer::sum);
                }
            }
        }
        for (int i = 0; i < after.size(); i++) {
            if (!matched[i]) {
                ConceptMention a = after.get(i);
                boolean onTag = replacements.stream().anyMatch(r -> {
                    int[] at = map.map(r.start(), r.end());
                    return at[0] < a.end() && a.begin() < at[1];
                });
                if (onTag) {
                    newOnTag++;
                } else {
                    newElsewhere++;
                }
            }
        }
    }

    /** Same primary code (system and code): what a FHIR resource made from the mention would carry. */
    private static boolean sameCode(ConceptMention a, ConceptMention b) {
        ConceptCode x = a.codes().get(0);
        ConceptCode y = b.codes().get(0);
        return x.code().equals(y.code()) && java.util.Objects.equals(x.system(), y.system());
    }

    String report() {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "### Clinical damage (cTAKES %s profile, one engine)%n%n", profile));
        md.append(String.format(Locale.ROOT, "%d of %d notes%s; engine built in %.0f s, cTAKES %.0f s (%.0f ms per "
                        + "note, original and scrubbed), whole measurement %.0f s.%n%n", notes, notesInSet,
                mismatched == 0 ? "" : " (" + mismatched + " left out: scrub output differs from detect + tags)",
                buildNanos / 1e9, nlpNanos / 1e9, nlpNanos / 1e6 / Math.max(1, 2 * notes), totalNanos / 1e9));
        int kept = all.surviving - onGold.surviving;
        int keptOf = all.mentions - onGold.mentions;
        md.append(String.format(Locale.ROOT, "Mentions in the original notes: %d; still found with the same code after "
                        + "scrubbing: %d (**%s**). Not on gold PHI: %d of %d (**%s**). On gold PHI (expected to go): "
                        + "%d, of which %d survive. Surviving with their negation changed: %d.%n%n", all.mentions,
                all.surviving, Ratios.format(all.surviving, all.mentions), kept, keptOf, Ratios.format(kept, keptOf),
                onGold.mentions, onGold.surviving, negationChanged));
        md.append("| semantic group | mentions | surviving | share | lost: overlapped a replaced span | lost: other |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        byGroup.forEach((g, c) -> md.append(row(g.name(), c)));
        md.append(row("**all**", all));
        md.append(row("on gold PHI", onGold));
        md.append('\n');
        if (!lostByRule.isEmpty()) {
            md.append("Lost on a replaced span, by the rule that replaced it: ").append(lostByRule).append("\n\n");
        }
        md.append("Lost mentions by code (most frequent): ");
        lostCodes.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey())).limit(15)
                .forEach(e -> md.append(e.getKey()).append(displays.get(e.getKey()) == null ? ""
                        : " " + displays.get(e.getKey())).append(" ×").append(e.getValue()).append("; "));
        md.append(String.format(Locale.ROOT, "%n%nMentions found only in the scrubbed notes: %d on a tag, %d "
                + "elsewhere.%n%n", newOnTag, newElsewhere));
        return md.toString();
    }

    private static String row(String label, Count c) {
        return String.format(Locale.ROOT, "| %s | %d | %d | %s | %d | %d |%n", label, c.mentions, c.surviving,
                Ratios.format(c.surviving, c.mentions), c.lostOnReplaced, c.lostOther);
    }
}
