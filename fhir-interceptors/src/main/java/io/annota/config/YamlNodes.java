package io.annota.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads values out of a composed SnakeYAML node tree of one configuration file, checking their shape; every
 * error names the file and the line ({@code file:line: reason}) and is made by the caller's exception factory,
 * so each kind of file keeps its own exception type. Used by the parsers of rule, mapping and channel files.
 */
public final class YamlNodes {

    private final String file;
    private final Function<String, ? extends RuntimeException> errors;

    /**
     * @param file the file's name as users should see it in messages
     * @param errors makes the exception thrown for a message
     */
    public YamlNodes(String file, Function<String, ? extends RuntimeException> errors) {
        this.file = Objects.requireNonNull(file, "file");
        this.errors = Objects.requireNonNull(errors, "errors");
    }

    public String file() {
        return file;
    }

    /** An error naming the file and the node's line. */
    public RuntimeException error(Node node, String reason) {
        return errors.apply(where(node) + ": " + reason);
    }

    /** A mapping's entries by key; unknown keys are an error when {@code allowed} is not null. */
    public Map<String, NodeTuple> mapping(Node node, String what, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " must be a mapping of keys to values");
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalarOrEmpty(tuple.getKeyNode(), what + " key");
            if (allowed != null && !allowed.contains(key)) {
                throw error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + " (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
            if (out.put(key, tuple) != null) {
                throw error(tuple.getKeyNode(), "duplicate key '" + key + "' in " + what);
            }
        }
        return out;
    }

    /** A non-empty scalar, trimmed. */
    public String scalar(Node node, String what) {
        String value = scalarOrEmpty(node, what);
        if (value.isEmpty()) {
            throw error(node, what + " must not be empty");
        }
        return value;
    }

    /** A scalar, trimmed, possibly empty (such as the key {@code ""} of a vocabulary). */
    public String scalarOrEmpty(Node node, String what) {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, what + " must be a single value");
        }
        return scalar.getValue().trim();
    }

    /** Whether the node is YAML's null ({@code ~}, {@code null} or nothing). */
    public boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** One value or a list of values, in file order. */
    public List<String> strings(Node node, String what) {
        List<String> out = new ArrayList<>();
        if (node instanceof SequenceNode sequence) {
            for (Node item : sequence.getValue()) {
                out.add(scalar(item, what));
            }
        } else {
            out.add(scalar(node, what));
        }
        return out;
    }

    public List<Node> sequence(Node node, String what) {
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, what + " must be a list");
        }
        return sequence.getValue();
    }

    public boolean bool(Node node, String what) {
        String value = scalar(node, what);
        if (!value.equals("true") && !value.equals("false")) {
            throw error(node, what + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** {@code file:line} of a node. */
    public String where(Node node) {
        return file + ":" + line(node);
    }

    /** One name or a list of names, at least one, without repeats. */
    public Set<String> names(Node node, String what) {
        Set<String> names = new LinkedHashSet<>(strings(node, what));
        if (names.isEmpty()) {
            throw error(node, what + " must name at least one value");
        }
        return names;
    }

    public String oneOf(Node node, String what, List<String> allowed) {
        String value = scalar(node, what);
        if (!allowed.contains(value)) {
            throw error(node, what + " must be one of " + String.join(", ", allowed) + ", not '" + value + "'");
        }
        return value;
    }

    public double number(Node node, String what) {
        String value = scalar(node, what);
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw error(node, what + " must be a number, not '" + value + "'");
        }
    }

    public int integer(Node node, String what, int min, int max) {
        String value = scalar(node, what);
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw error(node, what + " must be between " + min + " and " + max + ", not " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw error(node, what + " must be a whole number, not '" + value + "'");
        }
    }

    /** 1-based line of a node. */
    public static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }
}
