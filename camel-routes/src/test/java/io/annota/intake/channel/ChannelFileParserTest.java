package io.annota.intake.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ChannelFileParserTest {

    private static final ChannelFileParser.Defaults DEFAULTS = new ChannelFileParser.Defaults("0.0.0.0",
            StandardCharsets.UTF_8, 1024 * 1024, Duration.ofMinutes(5), 50);

    @TempDir
    Path dir;

    private List<ChannelSettings> parse(String yaml) {
        return new ChannelFileParser(DEFAULTS).parse("channels.yaml", new StringReader(yaml), dir);
    }

    @Test
    void fullChannelFile() throws IOException {
        Files.writeString(dir.resolve("lab-overrides.yaml"), "# overrides\n");
        List<ChannelSettings> channels = parse("""
                channels:
                  - id: adt-feed
                    type: mllp
                    port: 2575
                    accept: [ADT]
                    charset: 8859/1
                    ack-mode: enhanced
                    application-ack: epic-ack.hospital.local:6661
                    max-message-size: 2MB
                    idle-timeout: 90s
                    max-connections: 4
                  - id: lab-drop
                    type: file
                    directory: inbox/lab
                    accept: [ORU^R01, mdm]
                    mappings: lab-overrides.yaml
                  - id: bulk
                    type: ndjson
                    directory: inbox/ndjson
                """);

        ChannelSettings adt = channels.get(0);
        assertThat(adt.kind()).isEqualTo(ChannelSettings.Kind.MLLP);
        assertThat(adt.host()).isEqualTo("0.0.0.0");
        assertThat(adt.port()).isEqualTo(2575);
        assertThat(adt.acceptedTypes()).containsExactly("ADT");
        assertThat(adt.defaultCharset()).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(adt.ackMode()).isEqualTo(AckMode.ENHANCED);
        assertThat(adt.applicationAckDestination()).isEqualTo("epic-ack.hospital.local:6661");
        assertThat(adt.maxMessageBytes()).isEqualTo(2 * 1024 * 1024);
        assertThat(adt.idleTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(adt.maxConnections()).isEqualTo(4);
        assertThat(adt.accepts("ADT^A08")).isTrue();
        assertThat(adt.accepts("ORU^R01")).isFalse();

        ChannelSettings lab = channels.get(1);
        assertThat(lab.kind()).isEqualTo(ChannelSettings.Kind.FILE);
        assertThat(lab.directory()).isEqualTo(dir.resolve("inbox/lab"));
        assertThat(lab.acceptedTypes()).isEqualTo(Set.of("ORU^R01", "MDM"));
        assertThat(lab.accepts("ORU^R01")).isTrue();
        assertThat(lab.accepts("ORU^R30")).isFalse();
        assertThat(lab.accepts("MDM^T02")).isTrue();
        assertThat(lab.mappingFiles()).containsExactly(dir.resolve("lab-overrides.yaml"));
        assertThat(lab.ackMode()).isEqualTo(AckMode.AUTO);
        assertThat(lab.maxMessageBytes()).isEqualTo(1024 * 1024);

        ChannelSettings bulk = channels.get(2);
        assertThat(bulk.kind()).isEqualTo(ChannelSettings.Kind.NDJSON);
        assertThat(bulk.directory()).isEqualTo(dir.resolve("inbox/ndjson"));
    }

    static Stream<Arguments> badFiles() {
        return Stream.of(
                Arguments.of("channels: []",
                        "channels.yaml:1: 'channels' must be a non-empty list"),
                Arguments.of("routes: []",
                        "channels.yaml:1: unknown key 'routes' in the channel file (allowed: channels)"),
                Arguments.of("channels:\n  - type: mllp\n    port: 1",
                        "channels.yaml:2: a channel needs an 'id'"),
                Arguments.of("channels:\n  - id: Bad_Id\n    type: mllp",
                        "channels.yaml:2: channel id 'Bad_Id' must be lower-case"),
                Arguments.of("channels:\n  - id: a\n    type: tcp",
                        "channels.yaml:3: channel 'a': type must be one of mllp, file, ndjson, fhir-pull, not 'tcp'"),
                Arguments.of("channels:\n  - id: a\n    type: mllp",
                        "channels.yaml:2: channel 'a': an mllp channel needs a 'port'"),
                Arguments.of("channels:\n  - id: a\n    type: mllp\n    port: 70000",
                        "channels.yaml:4: channel 'a': port must be between 1 and 65535"),
                Arguments.of("channels:\n  - id: a\n    type: file",
                        "channels.yaml:2: channel 'a': a file channel needs a 'directory'"),
                Arguments.of("channels:\n  - id: a\n    type: ndjson",
                        "channels.yaml:2: channel 'a': an ndjson channel needs a 'directory'"),
                Arguments.of("channels:\n  - id: a\n    type: ndjson\n    directory: x\n    accept: [ADT]",
                        "channels.yaml:5: channel 'a': 'accept' is for HL7 v2 channels"),
                Arguments.of("channels:\n  - id: a\n    type: ndjson\n    directory: x\n    port: 3",
                        "channels.yaml:5: channel 'a': 'port' is for mllp channels"),
                Arguments.of("channels:\n  - id: a\n    type: file\n    directory: x\n  - id: b\n    type: ndjson\n"
                        + "    directory: x", "channels.yaml:5: channel 'b': directory "),
                Arguments.of("channels:\n  - id: a\n    type: file\n    directory: x\n    port: 3",
                        "channels.yaml:5: channel 'a': 'port' is for mllp channels"),
                Arguments.of("channels:\n  - id: a\n    type: mllp\n    port: 1\n    colour: red",
                        "channels.yaml:5: unknown key 'colour' in a channel"),
                Arguments.of("channels:\n  - id: a\n    type: mllp\n    port: 1\n    accept: [ADT_A01]",
                        "channels.yaml:5: channel 'a': accept: 'ADT_A01' is not a message type"),
                Arguments.of("channels:\n  - id: a\n    type: mllp\n    port: 1\n    charset: KLINGON",
                        "channels.yaml:5: channel 'a': charset 'KLINGON' is unknown"),
                Arguments.of("channels:\n  - id: a\n    type: mllp\n    port: 1\n    ack-mode: sometimes",
                        "channels.yaml:5: channel 'a': ack-mode must be one of auto, original, enhanced"),
                Arguments.of("channels:\n  - id: a\n    type: mllp\n    port: 1\n    max-message-size: 2GB",
                        "channels.yaml:5: channel 'a': max-message-size must be a number of bytes"),
                Arguments.of("channels:\n  - id: a\n    type: mllp\n    port: 1\n    max-message-size: 100",
                        "channels.yaml:5: channel 'a': max-message-size must be between 1KB and 64MB"),
                Arguments.of("channels:\n  - id: a\n    type: mllp\n    port: 1\n    idle-timeout: 5",
                        "channels.yaml:5: channel 'a': idle-timeout must be a number with a unit"),
                Arguments.of("channels:\n  - id: a\n    type: mllp\n    port: 1\n    application-ack: nowhere",
                        "channels.yaml:5: channel 'a': application-ack must be host:port"),
                Arguments.of("channels:\n  - id: a\n    type: mllp\n    port: 1\n    mappings: missing.yaml",
                        "channels.yaml:5: channel 'a': mapping file 'missing.yaml' does not exist"),
                Arguments.of("channels:\n  - id: a\n    type: mllp\n    port: 1\n  - id: a\n    type: mllp\n    port: 2",
                        "channels.yaml:5: channel 'a': id used twice (first on line 2)"),
                Arguments.of("channels:\n  - id: a\n    type: mllp\n    port: 1\n  - id: b\n    type: mllp\n    port: 1",
                        "channels.yaml:5: channel 'b': port 1 is already used by channel 'a'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badFiles")
    void badFilesNameFileLineAndReason(String yaml, String message) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(ChannelFileException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void missingFileIsNamed() {
        assertThatThrownBy(() -> new ChannelFileParser(DEFAULTS).parse(dir.resolve("nope.yaml")))
                .isInstanceOf(ChannelFileException.class)
                .hasMessageContaining("nope.yaml: cannot be read");
    }
}
