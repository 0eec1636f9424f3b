package io.annota.synthetic;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Command line: writes a synthetic corpus with its gold.
 *
 * <pre>
 * java -jar synthetic-feed.jar --seed 42 --hl7 200 --adt 50 --fhir 20 --notes 30 --out target/corpus
 * </pre>
 *
 * Files: {@code hl7/000001.hl7} (one message per file, exact bytes; the mixed feed first, then the ADT feed),
 * {@code fhir/000001.json}, {@code notes/000001.txt} (UTF-8) and {@code gold.jsonl}: one JSON object per PHI span
 * ({@code "kind":"phi"}) and per clinical mention ({@code "kind":"clinical"}), each naming its file.
 */
public final class GenerateCommand {

    private static final String USAGE = "usage: GenerateCommand [--seed N] [--hl7 N] [--adt N] [--fhir N] [--notes N]"
            + " --out DIR\n       GenerateCommand nursing-notes COUNT FILE.jsonl [--seed N]";

    private GenerateCommand() {
    }

    public static void main(String[] args) {
        try {
            System.exit(run(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        }
    }

    /** Runs the command; returns the exit code (0). */
    static int run(String[] args) {
        if (args.length > 0 && args[0].equals("nursing-notes")) {
            return runNursingNotes(args);
        }
        long seed = 1;
        int hl7 = 0;
        int adt = 0;
        int fhir = 0;
        int notes = 0;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                System.out.println(USAGE);
                return 0;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("missing value for " + option);
            }
            String value = args[++i];
            switch (option) {
                case "--seed" -> seed = parseLong(option, value);
                case "--hl7" -> hl7 = count(option, value);
                case "--adt" -> adt = count(option, value);
                case "--fhir" -> fhir = count(option, value);
                case "--notes" -> notes = count(option, value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        if (out == null) {
            throw new IllegalArgumentException("--out is required");
        }
        Result result = write(new SyntheticFeed(seed), hl7, adt, fhir, notes, out);
        System.out.println("seed " + seed + ": wrote " + result.hl7() + " HL7 messages, " + result.bundles()
                + " FHIR bundles, " + result.notes() + " notes and " + result.goldLines() + " gold lines to "
                + out.toAbsolutePath().normalize());
        return 0;
    }

    /** {@code nursing-notes COUNT FILE [--seed N]} */
    private static int runNursingNotes(String[] args) {
        if (args.length != 3 && args.length != 5) {
            throw new IllegalArgumentException("nursing-notes needs COUNT and FILE");
        }
        int count = count("nursing-notes", args[1]);
        Path file = Path.of(args[2]);
        long seed = 1;
        if (args.length == 5) {
            if (!args[3].equals("--seed")) {
                throw new IllegalArgumentException("unknown option " + args[3]);
            }
            seed = parseLong("--seed", args[4]);
        }
        int spans = writeNursingNotes(new SyntheticFeed(seed), count, file);
        System.out.println("seed " + seed + ": wrote " + count + " nursing notes with " + spans + " PHI spans to "
                + file.toAbsolutePath().normalize());
        return 0;
    }

    /**
     * Writes {@code count} nursing notes to {@code file} as JSON Lines ({@code id}, {@code text}, {@code spans} with
     * {@code start}, {@code end} (exclusive, UTF-16 chars) and {@code type}); returns the number of spans.
     */
    static int writeNursingNotes(SyntheticFeed feed, int count, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            int spans = 0;
            try (Writer jsonl = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                for (int i = 1; i <= count; i++) {
                    SyntheticNote note = feed.nursingNote();
                    StringBuilder line = new StringBuilder("{\"id\":");
                    Json.string(line, "nursing-" + number(i));
                    line.append(",\"text\":");
                    Json.string(line, note.text());
                    line.append(",\"spans\":[");
                    for (int s = 0; s < note.phi().size(); s++) {
                        PhiSpan span = note.phi().get(s);
                        line.append(s > 0 ? "," : "").append(Json.object("start", span.begin(), "end", span.end(),
                                "type", span.type().name()));
                    }
                    line.append("]}\n");
                    jsonl.write(line.toString());
                    spans += note.phi().size();
                }
            }
            return spans;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@link #write} wrote. */
    record Result(int hl7, int bundles, int notes, int goldLines) {
    }

    /** Writes the corpus into {@code out} (directories are created, files overwritten). */
    static Result write(SyntheticFeed feed, int hl7, int adt, int fhir, int notes, Path out) {
        try {
            Files.createDirectories(out);
            int gold = 0;
            try (Writer jsonl = Files.newBufferedWriter(out.resolve("gold.jsonl"), StandardCharsets.UTF_8)) {
                int n = 0;
                if (hl7 + adt > 0) {
                    Files.createDirectories(out.resolve("hl7"));
                }
                for (List<GeneratedHl7> batch : List.of(feed.hl7Feed(hl7), feed.adtFeed(adt))) {
                    for (GeneratedHl7 message : batch) {
                        String file = "hl7/" + number(++n) + ".hl7";
                        Files.write(out.resolve(file), message.bytes());
                        gold += phi(jsonl, file, message.phi());
                    }
                }
                if (fhir > 0) {
                    Files.createDirectories(out.resolve("fhir"));
                }
                int b = 0;
                for (GeneratedBundle bundle : feed.fhirBundles(fhir)) {
                    String file = "fhir/" + number(++b) + ".json";
                    Files.writeString(out.resolve(file), bundle.json(), StandardCharsets.UTF_8);
                    gold += phi(jsonl, file, bundle.phi());
                }
                if (notes > 0) {
                    Files.createDirectories(out.resolve("notes"));
                }
                for (int i = 1; i <= notes; i++) {
                    SyntheticNote note = feed.note();
                    String file = "notes/" + number(i) + ".txt";
                    Files.writeString(out.resolve(file), note.text(), StandardCharsets.UTF_8);
                    gold += phi(jsonl, file, note.phi());
                    for (ClinicalMention mention : note.clinical()) {
                        jsonl.write(Json.object("file", file, "kind", "clinical", "text", mention.text(),
                                "group", mention.group(), "negated", mention.negated(), "subject", mention.subject(),
                                "begin", mention.begin(), "end", mention.end()));
                        jsonl.write('\n');
                        gold++;
                    }
                }
            }
            return new Result(hl7 + adt, fhir, notes, gold);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int phi(Writer jsonl, String file, List<PhiSpan> spans) throws IOException {
        for (PhiSpan span : spans) {
            jsonl.write(Json.object("file", file, "kind", "phi", "type", span.type().name(), "value", span.value(),
                    "path", span.path(), "begin", span.begin(), "end", span.end()));
            jsonl.write('\n');
        }
        return spans.size();
    }

    private static String number(int n) {
        String digits = Integer.toString(n);
        return "0".repeat(Math.max(0, 6 - digits.length())) + digits;
    }

    private static long parseLong(String option, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a number, got " + value);
        }
    }

    private static int count(String option, String value) {
        long n = parseLong(option, value);
        if (n < 0 || n > 10_000_000) {
            throw new IllegalArgumentException(option + " must be between 0 and 10000000");
        }
        return (int) n;
    }
}
