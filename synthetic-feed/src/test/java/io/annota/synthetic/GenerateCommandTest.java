package io.annota.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {

    @TempDir
    Path dir;

    @Test
    void writesFilesAndGoldAndIsRepeatable() throws IOException {
        String[] args = {"--seed", "5", "--hl7", "12", "--adt", "3", "--fhir", "2", "--notes", "4", "--out",
            dir.resolve("a").toString()};
        assertThat(GenerateCommand.run(args)).isZero();
        args[args.length - 1] = dir.resolve("b").toString();
        GenerateCommand.run(args);

        Path a = dir.resolve("a");
        assertThat(a.resolve("hl7/000001.hl7")).exists();
        assertThat(a.resolve("hl7/000015.hl7")).exists();
        assertThat(a.resolve("hl7/000016.hl7")).doesNotExist();
        assertThat(a.resolve("fhir/000002.json")).exists();
        assertThat(a.resolve("notes/000004.txt")).exists();

        SyntheticFeed feed = new SyntheticFeed(5);
        assertThat(Files.readAllBytes(a.resolve("hl7/000001.hl7"))).isEqualTo(feed.hl7Feed(1).get(0).bytes());
        assertThat(Files.readString(a.resolve("notes/000001.txt"))).isEqualTo(feed.note().text());

        List<String> gold = Files.readAllLines(a.resolve("gold.jsonl"), StandardCharsets.UTF_8);
        assertThat(gold).isNotEmpty()
                .allMatch(line -> line.startsWith("{\"file\":\"") && line.endsWith("}"))
                .anyMatch(line -> line.contains("\"kind\":\"clinical\"") && line.contains("\"negated\":true"))
                .anyMatch(line -> line.contains("\"file\":\"fhir/000002.json\",\"kind\":\"phi\""))
                .anyMatch(line -> line.contains("\"path\":\"PID-5.1\""));

        try (Stream<Path> files = Files.walk(a)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readAllBytes(dir.resolve("b").resolve(a.relativize(file))))
                        .as("%s", file).isEqualTo(Files.readAllBytes(file));
            }
        }
    }

    @Test
    void rejectsBadArguments() {
        assertThatThrownBy(() -> GenerateCommand.run(new String[] {"--hl7", "3"}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--out");
        assertThatThrownBy(() -> GenerateCommand.run(new String[] {"--hl7", "x", "--out", "o"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GenerateCommand.run(new String[] {"--bogus", "1", "--out", "o"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
