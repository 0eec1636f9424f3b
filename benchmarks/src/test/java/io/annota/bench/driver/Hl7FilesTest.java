package io.annota.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Hl7FilesTest {

    private static final String FIRST = "MSH|^~\\&|A|B|C|D|20240101||ADT^A01|1|P|2.5.1";
    private static final String SECOND = "MSH|^~\\&|A|B|C|D|20240101||ADT^A04|2|P|2.5.1";

    @Test
    void lineEndsBecomeCarriageReturnsAndFilesSplitAtMsh() {
        byte[] content = (FIRST + "\r\nPID|1||X\r\n\r\n" + SECOND + "\nPID|1||Y\n").getBytes(StandardCharsets.UTF_8);
        List<byte[]> messages = Hl7Files.split(content);
        assertThat(messages).hasSize(2);
        assertThat(new String(messages.get(0), StandardCharsets.UTF_8)).isEqualTo(FIRST + "\rPID|1||X\r");
        assertThat(new String(messages.get(1), StandardCharsets.UTF_8)).isEqualTo(SECOND + "\rPID|1||Y\r");
    }

    @Test
    void aByteOrderMarkStaysWithTheFirstMessage() {
        byte[] content = ("\uFEFF" + FIRST + "\nPID|1\n").getBytes(StandardCharsets.UTF_8);
        List<byte[]> messages = Hl7Files.split(content);
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0)[0] & 0xff).isEqualTo(0xEF);
    }

    @Test
    void concatenatedFilesWithByteOrderMarksSplitToo() {
        byte[] content = ("\uFEFF" + FIRST + "\nPID|1\n\uFEFF" + SECOND + "\nPID|2\n").getBytes(StandardCharsets.UTF_8);
        List<byte[]> messages = Hl7Files.split(content);
        assertThat(messages).hasSize(2);
        assertThat(new String(messages.get(1), StandardCharsets.UTF_8)).isEqualTo("\uFEFF" + SECOND + "\rPID|2\r");
    }

    @Test
    void directoriesAndGlobsSkipFilesThatAreNotHl7(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("a/b"));
        Files.writeString(dir.resolve("a/one.hl7"), FIRST + "\n");
        Files.writeString(dir.resolve("a/b/two.txt"), FIRST + "\n" + SECOND + "\n");
        Files.writeString(dir.resolve("a/b/expected.json"), "{\"resourceType\":\"Bundle\"}");
        Files.writeString(dir.resolve("LICENSE"), "MIT");

        assertThat(Hl7Files.files(dir.toString())).hasSize(2);
        assertThat(Hl7Files.load(dir.toString())).hasSize(3);
        assertThat(Hl7Files.load(dir + "/**")).hasSize(3);
        assertThat(Hl7Files.files(dir + "/**/*.hl7")).containsExactly(dir.resolve("a/one.hl7"));
        assertThat(Hl7Files.load(dir.resolve("a/b/two.txt").toString())).hasSize(2);
    }

    @Test
    void setsAreTheFoldersBelowTheBaseNamedByTheFolderTheirFilesShare(@TempDir Path dir) throws Exception {
        Path base = Files.createDirectories(dir.resolve("samples"));
        Files.createDirectories(base.resolve("vendor-a/messages"));
        Files.createDirectories(base.resolve("vendor-a/expected"));
        Files.createDirectories(base.resolve("vendor-b/x"));
        Files.createDirectories(base.resolve("vendor-b/y"));
        Files.writeString(base.resolve("vendor-a/messages/one.hl7"), FIRST + "\n" + SECOND + "\n");
        Files.writeString(base.resolve("vendor-a/expected/one.json"), "{}");
        Files.writeString(base.resolve("vendor-b/x/two.hl7"), FIRST + "\n");
        Files.writeString(base.resolve("vendor-b/y/three.hl7"), SECOND + "\n");
        Files.writeString(base.resolve("loose.hl7"), FIRST + "\n");

        assertThat(Hl7Files.load(base.toString())).extracting(Hl7Message::set).containsExactly(
                "samples", "vendor-a/messages", "vendor-a/messages", "vendor-b", "vendor-b");
        assertThat(Hl7Files.load(base + "/**/*.hl7")).extracting(Hl7Message::set).contains("vendor-a/messages");
        assertThat(Hl7Files.load(base.resolve("vendor-b/x/two.hl7").toString())).extracting(Hl7Message::set)
                .containsExactly("x");
    }
}
