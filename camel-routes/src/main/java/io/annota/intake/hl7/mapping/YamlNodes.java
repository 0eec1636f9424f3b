package io.annota.intake.hl7.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Typed reads of the YAML nodes of one mapping file; every error names the file and the line of the node. */
record YamlNodes(String file) {

    static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    String where(Node node) {
        return file + ":" + line(node);
    }

    MappingFileException error(Node node, String reason) {
        return new MappingFileException(where(node) + ": " + reason);
    }

    /** Entries by key, in file order; unknown keys (when {@code allowed} is not null) and duplicates are errors. */
    Map<String, NodeTuple> mapping(Node node, String what, Set<String> allowed) {
        if (!(node instanceof MappingNode mapping)) {
            throw error(node, what + " must be a mapping of keys to values");
        }
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = scalarOrEmpty(tuple.getKeyNode(), what + " key");
            if (allowed != null && !allowed.contains(key)) {
                throw error(tuple.getKeyNode(), "unknown key '" + key + "' in " + what + " (allowed: "
                        + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
            if (out.put(key, tuple) != null) {
                throw error(tuple.getKeyNode(), "duplicate key '" + key + "' in " + what);
            }
        }
        return out;
    }

    /** A non-empty scalar, trimmed. */
    String scalar(Node node, String what) {
        String value = scalarOrEmpty(node, what);
        if (value.isEmpty()) {
            throw error(node, what + " must not be empty");
        }
        return value;
    }

    /** A scalar, possibly empty (the key {@code ""} of a vocabulary). */
    String scalarOrEmpty(Node node, String what) {
        if (!(node instanceof ScalarNode scalar)) {
            throw error(node, what + " must be a single value");
        }
        return scalar.getValue().trim();
    }

    boolean isNull(Node node) {
        return node instanceof ScalarNode && Tag.NULL.equals(node.getTag());
    }

    /** One value or a list of values. */
    List<String> strings(Node node, String what) {
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

    List<Node> sequence(Node node, String what) {
        if (!(node instanceof SequenceNode sequence)) {
            throw error(node, what + " must be a list");
        }
        return sequence.getValue();
    }

    boolean bool(Node node, String what) {
        String value = scalar(node, what);
        if (!value.equals("true") && !value.equals("false")) {
            throw error(node, what + " must be true or false, not '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }
}
