package io.annota.intake.channel;

import io.annota.config.YamlNodes;
import io.annota.intake.hl7.Hl7Charsets;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads the channel file interface engineers write ({@code docs/channels.md}) and checks all of it before a
 * channel starts: keys, kinds, ports (and that no two channels share one), directories, message types,
 * character sets, acknowledgement modes, sizes, durations, mapping files. Errors read
 * {@code file:line: channel 'id': reason}.
 */
public final class ChannelFileParser {

    /** Defaults of every channel, as documented. */
    public record Defaults(String host, Charset charset, int maxMessageBytes, Duration idleTimeout,
            int maxConnections) {
    }

    private static final Set<String> TOP_KEYS = Set.of("channels");
    private static final Set<String> CHANNEL_KEYS = Set.of("id", "type", "host", "port", "directory", "accept",
            "charset", "ack-mode", "max-message-size", "idle-timeout", "max-connections", "application-ack",
            "mappings", "base-url", "types", "query", "interval", "page-size", "auth", "retry", "overlap",
            "notify-secret-file");
    private static final Set<String> MLLP_ONLY = Set.of("host", "port", "idle-timeout", "max-connections");
    /** What an NDJSON channel has no use for: its lines are FHIR resources in UTF-8, not HL7 v2 messages. */
    private static final Set<String> HL7_ONLY = Set.of("accept", "charset", "ack-mode", "max-message-size",
            "application-ack", "mappings");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final Pattern MESSAGE_TYPE = Pattern.compile("[A-Z][A-Z0-9]{2}(\\^[A-Z0-9]{3})?");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)", Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9.\\-]+:(\\d{1,5})");
    /** MLLP's wire limit is far above this; a bigger HL7 v2 message is a mistake or an attack. */
    private static final int MAX_SIZE_LIMIT = 64 * 1024 * 1024;

    private final Defaults defaults;

    public ChannelFileParser(Defaults defaults) {
        this.defaults = defaults;
    }

    /** Parses the channel file at {@code file}; relative paths in it are resolved against its directory. */
    public List<ChannelSettings> parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ChannelFileException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(file.toString(), new StringReader(text), base);
    }

    /** Parses channel file text; {@code fileName} names it in messages, {@code base} resolves relative paths. */
    public List<ChannelSettings> parse(String fileName, Reader reader, Path base) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (YAMLException e) {
            String detail = e.getMessage() == null ? "no detail" : e.getMessage().lines().findFirst().orElse("");
            throw new ChannelFileException(fileName + ": not valid YAML: " + detail);
        }
        if (root == null) {
            throw new ChannelFileException(fileName + ": empty channel file");
        }
        YamlNodes at = new YamlNodes(fileName, ChannelFileException::new);
        Map<String, NodeTuple> top = at.mapping(root, "the channel file", TOP_KEYS);
        Node list = top.containsKey("channels") ? top.get("channels").getValueNode() : null;
        if (!(list instanceof SequenceNode sequence) || sequence.getValue().isEmpty()) {
            throw at.error(list == null ? root : list, "'channels' must be a non-empty list");
        }
        List<ChannelSettings> channels = new ArrayList<>();
        Map<String, Integer> ids = new HashMap<>();
        Map<Integer, String> ports = new HashMap<>();
        Map<Path, String> directories = new HashMap<>();
        for (Node node : sequence.getValue()) {
            ChannelSettings channel = channel(at, node, base);
            String clash = switch (channel.kind()) {
                case MLLP -> ports.putIfAbsent(channel.port(), channel.id());
                case FILE, NDJSON -> directories.putIfAbsent(channel.directory(), channel.id());
                case FHIR_PULL -> null;
            };
            if (ids.putIfAbsent(channel.id(), YamlNodes.line(node)) != null) {
                throw at.error(node, "channel '" + channel.id() + "': id used twice (first on line "
                        + ids.get(channel.id()) + ")");
            }
            if (clash != null) {
                throw at.error(node, "channel '" + channel.id() + "': "
                        + (channel.kind() == ChannelSettings.Kind.MLLP ? "port " + channel.port()
                                : "directory " + channel.directory())
                        + " is already used by channel '" + clash + "'");
            }
            channels.add(channel);
        }
        return List.copyOf(channels);
    }

    private ChannelSettings channel(YamlNodes file, Node node, Path base) {
        Map<String, NodeTuple> keys = file.mapping(node, "a channel", CHANNEL_KEYS);
        if (!keys.containsKey("id")) {
            throw file.error(node, "a channel needs an 'id'");
        }
        String id = file.scalar(keys.get("id").getValueNode(), "id");
        if (!ID.matcher(id).matches()) {
            throw file.error(keys.get("id").getValueNode(), "channel id '" + id
                    + "' must be lower-case letters, digits and '-' (at most 40)");
        }
        YamlNodes at = new YamlNodes(file.file(), reason -> new ChannelFileException(
                reason.replaceFirst(": ", ": channel '" + id + "': ")));
        if (!keys.containsKey("type")) {
            throw at.error(node, "'type' is missing (mllp, file, ndjson or fhir-pull)");
        }
        ChannelSettings.Kind kind = ChannelSettings.Kind.valueOf(at.oneOf(keys.get("type").getValueNode(), "type",
                List.of("mllp", "file", "ndjson", "fhir-pull")).toUpperCase(Locale.ROOT).replace('-', '_'));
        if (kind == ChannelSettings.Kind.FHIR_PULL) {
            return FhirPullSection.channel(at, id, node, keys, base);
        }
        for (String key : FhirPullSection.KEYS) {
            if (keys.containsKey(key)) {
                throw at.error(keys.get(key).getKeyNode(), "'" + key + "' is for fhir-pull channels");
            }
        }
        if (kind == ChannelSettings.Kind.NDJSON) {
            for (String key : HL7_ONLY) {
                if (keys.containsKey(key)) {
                    throw at.error(keys.get(key).getKeyNode(), "'" + key + "' is for HL7 v2 channels");
                }
            }
        }

        String host = defaults.host();
        int port = 0;
        Path directory = null;
        if (kind == ChannelSettings.Kind.MLLP) {
            if (!keys.containsKey("port")) {
                throw at.error(node, "an mllp channel needs a 'port'");
            }
            port = at.integer(keys.get("port").getValueNode(), "port", 1, 65535);
            if (keys.containsKey("host")) {
                host = at.scalar(keys.get("host").getValueNode(), "host");
            }
            if (keys.containsKey("directory")) {
                throw at.error(keys.get("directory").getKeyNode(), "'directory' is for file channels");
            }
        } else {
            for (String key : MLLP_ONLY) {
                if (keys.containsKey(key)) {
                    throw at.error(keys.get(key).getKeyNode(), "'" + key + "' is for mllp channels");
                }
            }
            if (!keys.containsKey("directory")) {
                throw at.error(node, (kind == ChannelSettings.Kind.FILE ? "a file" : "an ndjson")
                        + " channel needs a 'directory'");
            }
            directory = base.resolve(at.scalar(keys.get("directory").getValueNode(), "directory")).normalize();
        }

        Set<String> accepted = new LinkedHashSet<>();
        if (keys.containsKey("accept")) {
            Node acceptNode = keys.get("accept").getValueNode();
            for (String type : at.names(acceptNode, "accept")) {
                String normal = type.toUpperCase(Locale.ROOT);
                if (!MESSAGE_TYPE.matcher(normal).matches()) {
                    throw at.error(acceptNode, "accept: '" + type + "' is not a message type such as ADT or ADT^A01");
                }
                accepted.add(normal);
            }
        }
        Charset charset = keys.containsKey("charset") ? charset(at, keys.get("charset").getValueNode())
                : defaults.charset();
        AckMode ackMode = keys.containsKey("ack-mode") ? AckMode.valueOf(at.oneOf(keys.get("ack-mode").getValueNode(),
                "ack-mode", List.of("auto", "original", "enhanced")).toUpperCase(Locale.ROOT)) : AckMode.AUTO;
        int maxBytes = keys.containsKey("max-message-size") ? size(at, keys.get("max-message-size").getValueNode())
                : defaults.maxMessageBytes();
        Duration idle = keys.containsKey("idle-timeout") ? duration(at, keys.get("idle-timeout").getValueNode())
                : defaults.idleTimeout();
        int maxConnections = keys.containsKey("max-connections")
                ? at.integer(keys.get("max-connections").getValueNode(), "max-connections", 1, 10_000)
                : defaults.maxConnections();
        String applicationAck = null;
        if (keys.containsKey("application-ack")) {
            Node ackNode = keys.get("application-ack").getValueNode();
            applicationAck = at.scalar(ackNode, "application-ack");
            Matcher m = HOST_PORT.matcher(applicationAck);
            if (!m.matches() || Integer.parseInt(m.group(1)) < 1 || Integer.parseInt(m.group(1)) > 65535) {
                throw at.error(ackNode, "application-ack must be host:port, not '" + applicationAck + "'");
            }
        }
        List<Path> mappings = new ArrayList<>();
        if (keys.containsKey("mappings")) {
            Node mappingNode = keys.get("mappings").getValueNode();
            for (String name : at.names(mappingNode, "mappings")) {
                Path mapping = base.resolve(name).normalize();
                if (!Files.isRegularFile(mapping)) {
                    throw at.error(mappingNode, "mapping file '" + name + "' does not exist (" + mapping + ")");
                }
                mappings.add(mapping);
            }
        }
        return new ChannelSettings(id, kind, host, port, directory, accepted, ackMode, charset, maxBytes, idle,
                maxConnections, applicationAck, mappings);
    }

    private static Charset charset(YamlNodes at, Node node) {
        String name = at.scalar(node, "charset");
        Charset charset = Hl7Charsets.named(name);
        if (charset == null) {
            throw at.error(node, "charset '" + name + "' is unknown (e.g. UTF-8, ISO-8859-1, ASCII, 8859/1)");
        }
        return charset;
    }

    private static int size(YamlNodes at, Node node) {
        String value = at.scalar(node, "max-message-size");
        Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            throw at.error(node, "max-message-size must be a number of bytes with an optional unit B, KB or MB, not '"
                    + value + "'");
        }
        long bytes = Long.parseLong(m.group(1)) * switch (m.group(2) == null ? "B" : m.group(2).toUpperCase(Locale.ROOT)) {
            case "KB" -> 1024L;
            case "MB" -> 1024L * 1024L;
            default -> 1L;
        };
        if (bytes < 1024 || bytes > MAX_SIZE_LIMIT) {
            throw at.error(node, "max-message-size must be between 1KB and 64MB, not '" + value + "'");
        }
        return (int) bytes;
    }

    private static Duration duration(YamlNodes at, Node node) {
        return duration(at, node, "idle-timeout", Duration.ofSeconds(1), Duration.ofHours(24), "1s and 24h");
    }

    /** A duration with a unit ms, s, m or h, between {@code min} and {@code max} ({@code range} says them). */
    static Duration duration(YamlNodes at, Node node, String what, Duration min, Duration max, String range) {
        String value = at.scalar(node, what);
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw at.error(node, what + " must be a number with a unit ms, s, m or h, not '" + value + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration duration = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
        if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
            throw at.error(node, what + " must be between " + range + ", not '" + value + "'");
        }
        return duration;
    }
}
