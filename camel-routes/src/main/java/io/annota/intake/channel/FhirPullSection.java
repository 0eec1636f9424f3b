package io.annota.intake.channel;

import io.annota.config.YamlNodes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * The keys of a {@code fhir-pull} channel ({@code docs/channels.md}), checked as thoroughly as the HL7 v2 ones:
 * errors read {@code file:line: channel 'id': reason}. Secret files must exist; their content is not read here.
 */
final class FhirPullSection {

    /** Keys only a fhir-pull channel has. */
    static final Set<String> KEYS = Set.of("base-url", "types", "query", "interval", "page-size", "auth", "retry",
            "overlap", "notify-secret-file");
    /** Keys of the other kinds, which a fhir-pull channel has no use for. */
    private static final Set<String> OTHER_KINDS = Set.of("host", "port", "directory", "accept", "charset",
            "ack-mode", "max-message-size", "idle-timeout", "max-connections", "application-ack", "mappings");
    private static final Set<String> AUTH_KEYS = Set.of("type", "token", "token-file", "username", "password-file",
            "token-url", "client-id", "client-secret-file", "scope");
    private static final Set<String> RETRY_KEYS = Set.of("max-attempts", "initial-backoff", "max-backoff");
    private static final Pattern RESOURCE_TYPE = Pattern.compile("[A-Z][A-Za-z]{1,63}");
    /** Search parameters the puller sets itself. */
    private static final Pattern RESERVED = Pattern.compile("(^|&)(_lastUpdated|_sort|_count)=");

    private FhirPullSection() {
    }

    static ChannelSettings channel(YamlNodes at, String id, Node node, Map<String, NodeTuple> keys, Path base) {
        for (String key : OTHER_KINDS) {
            if (keys.containsKey(key)) {
                throw at.error(keys.get(key).getKeyNode(), "'" + key + "' is not for fhir-pull channels");
            }
        }
        if (!keys.containsKey("base-url")) {
            throw at.error(node, "a fhir-pull channel needs a 'base-url'");
        }
        if (!keys.containsKey("types")) {
            throw at.error(node, "a fhir-pull channel needs 'types' (e.g. [Patient, DocumentReference])");
        }
        URI baseUrl = baseUrl(at, keys.get("base-url").getValueNode(), "base-url");
        Node typesNode = keys.get("types").getValueNode();
        List<String> types = new ArrayList<>(at.names(typesNode, "types"));
        for (String type : types) {
            if (!RESOURCE_TYPE.matcher(type).matches()) {
                throw at.error(typesNode, "types: '" + type + "' is not a FHIR resource type such as Patient");
            }
        }
        Map<String, String> queries = keys.containsKey("query") ? queries(at, keys.get("query").getValueNode(), types)
                : Map.of();
        Duration interval = keys.containsKey("interval") ? ChannelFileParser.duration(at,
                keys.get("interval").getValueNode(), "interval", Duration.ofSeconds(1), Duration.ofHours(24),
                "1s and 24h") : Duration.ofMinutes(5);
        int pageSize = keys.containsKey("page-size")
                ? at.integer(keys.get("page-size").getValueNode(), "page-size", 1, 1000) : 100;
        FhirPullSettings.Auth auth = keys.containsKey("auth") ? auth(at, keys.get("auth").getValueNode(), base)
                : FhirPullSettings.Auth.NONE;
        FhirPullSettings.Retry retry = keys.containsKey("retry") ? retry(at, keys.get("retry").getValueNode())
                : FhirPullSettings.Retry.DEFAULT;
        Duration overlap = keys.containsKey("overlap") ? ChannelFileParser.duration(at,
                keys.get("overlap").getValueNode(), "overlap", Duration.ZERO, Duration.ofHours(1), "0s and 1h")
                : Duration.ofSeconds(2);
        Path notifySecret = keys.containsKey("notify-secret-file")
                ? secretFile(at, keys.get("notify-secret-file").getValueNode(), "notify-secret-file", base) : null;
        return new ChannelSettings(id, ChannelSettings.Kind.FHIR_PULL, null, 0, null, Set.of(), AckMode.AUTO,
                StandardCharsets.UTF_8, 0, Duration.ZERO, 0, null, List.of(), new FhirPullSettings(baseUrl, types,
                        queries, interval, pageSize, auth, retry, overlap, notifySecret));
    }

    private static URI baseUrl(YamlNodes at, Node node, String what) {
        String value = at.scalar(node, what);
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && uri.getQuery() == null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // reported below
        }
        throw at.error(node, what + " must be an http(s) URL without a query, not '" + value + "'");
    }

    private static Map<String, String> queries(YamlNodes at, Node node, List<String> types) {
        Map<String, String> queries = new LinkedHashMap<>();
        at.mapping(node, "query", null).forEach((type, tuple) -> {
            if (!types.contains(type)) {
                throw at.error(tuple.getKeyNode(), "query: '" + type + "' is not one of the channel's types");
            }
            String query = at.scalar(tuple.getValueNode(), "query of " + type);
            if (query.startsWith("?") || RESERVED.matcher(query).find()) {
                throw at.error(tuple.getValueNode(), "query of " + type + " must be search parameters without "
                        + "'?', _lastUpdated, _sort or _count (the puller sets those)");
            }
            queries.put(type, query);
        });
        return queries;
    }

    private static FhirPullSettings.Auth auth(YamlNodes at, Node node, Path base) {
        Map<String, NodeTuple> keys = at.mapping(node, "auth", AUTH_KEYS);
        if (!keys.containsKey("type")) {
            throw at.error(node, "auth needs a 'type' (none, bearer, basic or client-credentials)");
        }
        String type = at.oneOf(keys.get("type").getValueNode(), "auth type",
                List.of("none", "bearer", "basic", "client-credentials"));
        FhirPullSettings.AuthMode mode = FhirPullSettings.AuthMode.valueOf(type.toUpperCase(Locale.ROOT)
                .replace('-', '_'));
        Set<String> allowed = switch (mode) {
            case NONE -> Set.of("type");
            case BEARER -> Set.of("type", "token", "token-file");
            case BASIC -> Set.of("type", "username", "password-file");
            case CLIENT_CREDENTIALS -> Set.of("type", "token-url", "client-id", "client-secret-file", "scope");
        };
        for (Map.Entry<String, NodeTuple> key : keys.entrySet()) {
            if (!allowed.contains(key.getKey())) {
                throw at.error(key.getValue().getKeyNode(), "'" + key.getKey() + "' is not for auth type " + type);
            }
        }
        return switch (mode) {
            case NONE -> FhirPullSettings.Auth.NONE;
            case BEARER -> {
                if (keys.containsKey("token") == keys.containsKey("token-file")) {
                    throw at.error(node, "bearer auth needs one of 'token-file' or 'token'");
                }
                yield new FhirPullSettings.Auth(mode, keys.containsKey("token")
                        ? at.scalar(keys.get("token").getValueNode(), "token") : null,
                        keys.containsKey("token-file") ? secretFile(at, keys.get("token-file").getValueNode(),
                                "token-file", base) : null, null, null, null, null);
            }
            case BASIC -> new FhirPullSettings.Auth(mode, null, secretFile(at, required(at, node, keys,
                    "password-file", "basic"), "password-file", base), at.scalar(required(at, node, keys, "username",
                    "basic"), "username"), null, null, null);
            case CLIENT_CREDENTIALS -> new FhirPullSettings.Auth(mode, null, secretFile(at, required(at, node, keys,
                    "client-secret-file", "client-credentials"), "client-secret-file", base), null,
                    baseUrl(at, required(at, node, keys, "token-url", "client-credentials"), "token-url"),
                    at.scalar(required(at, node, keys, "client-id", "client-credentials"), "client-id"),
                    keys.containsKey("scope") ? at.scalar(keys.get("scope").getValueNode(), "scope") : null);
        };
    }

    private static Node required(YamlNodes at, Node node, Map<String, NodeTuple> keys, String key, String type) {
        if (!keys.containsKey(key)) {
            throw at.error(node, type + " auth needs '" + key + "'");
        }
        return keys.get(key).getValueNode();
    }

    private static Path secretFile(YamlNodes at, Node node, String what, Path base) {
        String name = at.scalar(node, what);
        Path file = base.resolve(name).normalize();
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw at.error(node, what + " '" + name + "' is not a readable file (" + file + ")");
        }
        return file;
    }

    private static FhirPullSettings.Retry retry(YamlNodes at, Node node) {
        Map<String, NodeTuple> keys = at.mapping(node, "retry", RETRY_KEYS);
        FhirPullSettings.Retry defaults = FhirPullSettings.Retry.DEFAULT;
        int attempts = keys.containsKey("max-attempts")
                ? at.integer(keys.get("max-attempts").getValueNode(), "max-attempts", 1, 20) : defaults.maxAttempts();
        Duration initial = keys.containsKey("initial-backoff") ? ChannelFileParser.duration(at,
                keys.get("initial-backoff").getValueNode(), "initial-backoff", Duration.ofMillis(10),
                Duration.ofMinutes(10), "10ms and 10m") : defaults.initialBackoff();
        Duration max = keys.containsKey("max-backoff") ? ChannelFileParser.duration(at,
                keys.get("max-backoff").getValueNode(), "max-backoff", Duration.ofMillis(10), Duration.ofHours(1),
                "10ms and 1h") : defaults.maxBackoff();
        if (max.compareTo(initial) < 0) {
            throw at.error(node, "retry: max-backoff must not be shorter than initial-backoff");
        }
        return new FhirPullSettings.Retry(attempts, initial, max);
    }
}
