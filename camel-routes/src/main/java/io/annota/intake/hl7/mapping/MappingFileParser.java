package io.annota.intake.hl7.mapping;

import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import io.annota.config.YamlNodes;
import io.annota.intake.hl7.mapping.Maps.Add;
import io.annota.intake.hl7.mapping.Maps.DatatypeMap;
import io.annota.intake.hl7.mapping.Maps.Entry;
import io.annota.intake.hl7.mapping.Maps.Key;
import io.annota.intake.hl7.mapping.Maps.KeyPart;
import io.annota.intake.hl7.mapping.Maps.KeyTerm;
import io.annota.intake.hl7.mapping.Maps.MessageMap;
import io.annota.intake.hl7.mapping.Maps.SegmentMap;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;

/**
 * Reads one mapping file (YAML, see {@code docs/hl7v2-mappings.md}) and checks what a single file can show:
 * keys, HL7 positions against the canonical segment definitions, FHIR element paths against the R4 definitions,
 * conditions and keys. References between maps (datatype maps, vocabularies, segment maps, entry names) are
 * checked by {@link V2ToFhirMappings} once all files are read. Every error names the file and the line.
 */
final class MappingFileParser {

    /** The maps of one file, by name. */
    record MappingFile(Map<String, MessageMap> messages, Map<String, SegmentMap> segments,
            Map<String, DatatypeMap> datatypes, Map<String, Vocabulary> vocabularies, ZSegments zSegments) {
    }

    private static final Set<String> TOP_KEYS = Set.of("messages", "segments", "datatypes", "vocabularies", "options");
    private static final Set<String> MESSAGE_KEYS = Set.of("structure", "resources");
    private static final Set<String> ENTRY_KEYS = Set.of("name", "resource", "segment", "map", "each", "required",
            "where", "keys", "add");
    private static final Set<String> SEGMENT_KEYS = Set.of("segment", "target", "rules");
    private static final Set<String> DATATYPE_KEYS = Set.of("fhir", "requires", "rules");
    private static final Set<String> RULE_KEYS = Set.of("to", "from", "value", "ref", "all", "lines", "where", "as",
            "map", "when", "join", "defaults");
    private static final Pattern MESSAGE_KEY = Pattern.compile("[A-Z][A-Z0-9]{2}\\^[A-Z0-9]{3}");
    private static final Pattern SEGMENT = Pattern.compile("[A-Z][A-Z0-9]{2}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.\\-]*");

    private final FhirContext context;

    MappingFileParser(FhirContext context) {
        this.context = context;
    }

    MappingFile parse(String fileName, Reader reader) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (YAMLException e) {
            String detail = e.getMessage() == null ? "no detail" : e.getMessage().lines().findFirst().orElse("");
            throw new MappingFileException(fileName + ": not valid YAML: " + detail, e);
        }
        if (root == null) {
            throw new MappingFileException(fileName + ": empty mapping file");
        }
        YamlNodes at = new YamlNodes(fileName, MappingFileException::new);
        Map<String, NodeTuple> top = at.mapping(root, "the mapping file", TOP_KEYS);
        Map<String, Vocabulary> vocabularies = named(at, top.get("vocabularies"), "vocabularies",
                (name, node) -> vocabulary(at, name, node));
        Map<String, DatatypeMap> datatypes = named(at, top.get("datatypes"), "datatypes",
                (name, node) -> datatype(at, name, node));
        Map<String, SegmentMap> segments = named(at, top.get("segments"), "segments",
                (name, node) -> segment(at, name, node));
        Map<String, MessageMap> messages = named(at, top.get("messages"), "messages",
                (name, node) -> message(at, name, node));
        ZSegments zSegments = null;
        if (top.containsKey("options")) {
            Map<String, NodeTuple> options = at.mapping(top.get("options").getValueNode(), "options", Set.of("zSegments"));
            if (options.containsKey("zSegments")) {
                Node node = options.get("zSegments").getValueNode();
                String value = at.scalar(node, "options.zSegments");
                zSegments = switch (value) {
                    case "ignore" -> ZSegments.IGNORE;
                    case "extension" -> ZSegments.EXTENSION;
                    default -> throw at.error(node, "options.zSegments must be ignore or extension, not '" + value + "'");
                };
            }
        }
        return new MappingFile(messages, segments, datatypes, vocabularies, zSegments);
    }

    private interface Reading<T> {
        T read(String name, Node node);
    }

    private static <T> Map<String, T> named(YamlNodes at, NodeTuple section, String what, Reading<T> reading) {
        if (section == null) {
            return Map.of();
        }
        Map<String, T> out = new LinkedHashMap<>();
        for (Map.Entry<String, NodeTuple> e : at.mapping(section.getValueNode(), what, null).entrySet()) {
            out.put(e.getKey(), reading.read(e.getKey(), e.getValue().getValueNode()));
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------ messages

    private MessageMap message(YamlNodes at, String key, Node node) {
        if (!MESSAGE_KEY.matcher(key).matches()) {
            throw at.error(node, "message '" + key + "': the key must be TYPE^TRIGGER, e.g. ADT^A01");
        }
        Map<String, NodeTuple> fields = at.mapping(node, "message " + key, MESSAGE_KEYS);
        Node structureNode = required(at, fields, "structure", node, "message " + key);
        String structure = at.scalar(structureNode, "structure");
        Set<String> segments = V2Structures.segmentsOf(structure);
        if (segments == null) {
            throw at.error(structureNode, "message " + key + ": unknown message structure '" + structure + "'");
        }
        List<Entry> entries = new ArrayList<>();
        for (Node entryNode : at.sequence(required(at, fields, "resources", node, "message " + key), "resources")) {
            entries.add(entry(at, key, segments, entryNode));
        }
        return new MessageMap(key, structure, List.copyOf(entries), at.where(node));
    }

    private Entry entry(YamlNodes at, String message, Set<String> structureSegments, Node node) {
        String what = "message " + message + " resource";
        Map<String, NodeTuple> fields = at.mapping(node, what, ENTRY_KEYS);
        String name = name(at, required(at, fields, "name", node, what), what + " name");
        what = "message " + message + " resource '" + name + "'";
        Node resourceNode = required(at, fields, "resource", node, what);
        String resource = at.scalar(resourceNode, "resource");
        if (!context.getResourceTypes().contains(resource)) {
            throw at.error(resourceNode, what + ": unknown R4 resource type '" + resource + "'");
        }
        String segment = segmentIn(at, required(at, fields, "segment", node, what), structureSegments, message);
        String map = at.scalar(required(at, fields, "map", node, what), "map");
        boolean each = fields.containsKey("each") && at.bool(fields.get("each").getValueNode(), "each");
        boolean required = fields.containsKey("required") && at.bool(fields.get("required").getValueNode(), "required");
        Condition where = fields.containsKey("where")
                ? condition(at, fields.get("where").getValueNode(), segment, null) : Condition.ALWAYS;
        Node keysNode = required(at, fields, "keys", node, what);
        List<Key> keys = new ArrayList<>();
        for (String text : at.strings(keysNode, "keys")) {
            keys.add(key(at, keysNode, text, segment));
        }
        List<Add> adds = new ArrayList<>();
        if (fields.containsKey("add")) {
            for (Node addNode : at.sequence(fields.get("add").getValueNode(), "add")) {
                Map<String, NodeTuple> add = at.mapping(addNode, what + " add", Set.of("segment", "map"));
                String addSegment = segmentIn(at, required(at, add, "segment", addNode, "add"), structureSegments,
                        message);
                adds.add(new Add(addSegment, at.scalar(required(at, add, "map", addNode, "add"), "map"),
                        at.where(addNode)));
            }
        }
        return new Entry(name, resource, segment, map, each, required, where, List.copyOf(keys), List.copyOf(adds),
                at.where(node));
    }

    private static String segmentIn(YamlNodes at, Node node, Set<String> structureSegments, String message) {
        String segment = at.scalar(node, "segment");
        if (!V2Structures.isZSegment(segment) && !structureSegments.contains(segment)) {
            throw at.error(node, "message " + message + ": segment '" + segment + "' is not part of its structure");
        }
        return segment;
    }

    /** {@code PID-3.4.1|MSH-4.1|'' + PID-3.1}: parts joined by +, alternatives by |. */
    private static Key key(YamlNodes at, Node node, String text, String segment) {
        List<KeyPart> parts = new ArrayList<>();
        for (String part : text.split("\\+")) {
            List<KeyTerm> terms = new ArrayList<>();
            for (String raw : part.split("\\|")) {
                String term = raw.trim();
                if (term.length() >= 2 && term.startsWith("'") && term.endsWith("'")) {
                    terms.add(new KeyTerm(null, term.substring(1, term.length() - 1), null));
                } else if (term.startsWith("@") && NAME.matcher(term.substring(1)).matches()) {
                    terms.add(new KeyTerm(null, null, term.substring(1)));
                } else {
                    V2Path path = v2Path(at, node, term, segment, 3);
                    terms.add(new KeyTerm(path.absolute() ? path : new V2Path(segment, path.positions()), null, null));
                }
            }
            parts.add(new KeyPart(List.copyOf(terms)));
        }
        return new Key(List.copyOf(parts));
    }

    // ------------------------------------------------------------------------------------------------ segments

    private SegmentMap segment(YamlNodes at, String name, Node node) {
        String what = "segment map " + name;
        Map<String, NodeTuple> fields = namedMapping(at, node, name, what, SEGMENT_KEYS);
        Node segmentNode = required(at, fields, "segment", node, what);
        String segment = at.scalar(segmentNode, "segment");
        if (!SEGMENT.matcher(segment).matches() || V2Structures.fieldCount(segment) < 0) {
            throw at.error(segmentNode, what + ": unknown segment '" + segment + "'");
        }
        Node targetNode = required(at, fields, "target", node, what);
        String target = at.scalar(targetNode, "target");
        int dot = target.indexOf('.');
        String resource = dot < 0 ? target : target.substring(0, dot);
        if (!context.getResourceTypes().contains(resource)) {
            throw at.error(targetNode, what + ": unknown R4 resource type '" + resource + "'");
        }
        BaseRuntimeElementCompositeDefinition<?> root = context.getResourceDefinition(resource);
        TargetPath under = null;
        if (dot >= 0) {
            under = targetPath(at, targetNode, root, target.substring(dot + 1));
            if (!(under.leaf() instanceof BaseRuntimeElementCompositeDefinition<?> composite) || !under.leafRepeats()) {
                throw at.error(targetNode, what + ": target '" + target + "' must be a repeating element with parts");
            }
            root = composite;
        }
        List<Rule> rules = rules(at, required(at, fields, "rules", node, what), root, segment, what);
        return new SegmentMap(name, segment, resource, under, rules, at.where(node));
    }

    // ----------------------------------------------------------------------------------------------- datatypes

    private DatatypeMap datatype(YamlNodes at, String name, Node node) {
        String what = "datatype map " + name;
        Map<String, NodeTuple> fields = namedMapping(at, node, name, what, DATATYPE_KEYS);
        Node fhirNode = required(at, fields, "fhir", node, what);
        String fhir = at.scalar(fhirNode, "fhir");
        BaseRuntimeElementDefinition<?> definition = context.getElementDefinition(fhir);
        if (!(definition instanceof BaseRuntimeElementCompositeDefinition<?> composite)
                || !Character.isUpperCase(fhir.charAt(0))) {
            throw at.error(fhirNode, what + ": unknown FHIR R4 data type with elements '" + fhir + "'");
        }
        List<TargetPath> requires = new ArrayList<>();
        if (fields.containsKey("requires")) {
            Node requiresNode = fields.get("requires").getValueNode();
            for (String path : at.strings(requiresNode, "requires")) {
                requires.add(targetPath(at, requiresNode, composite, path));
            }
        }
        List<Rule> rules = rules(at, required(at, fields, "rules", node, what), composite, null, what);
        return new DatatypeMap(name, composite, rules, List.copyOf(requires), at.where(node));
    }

    // --------------------------------------------------------------------------------------------- vocabulary

    private static Vocabulary vocabulary(YamlNodes at, String name, Node node) {
        checkName(at, node, name, "vocabulary");
        Map<String, Map<String, String>> entries = new HashMap<>();
        for (Map.Entry<String, NodeTuple> e : at.mapping(node, "vocabulary " + name, null).entrySet()) {
            Node value = e.getValue().getValueNode();
            Map<String, String> assignments;
            if (at.isNull(value)) {
                assignments = null;
            } else if (value instanceof org.yaml.snakeyaml.nodes.ScalarNode) {
                assignments = Map.of("", at.scalar(value, "vocabulary " + name + " value"));
            } else {
                Map<String, String> paths = new LinkedHashMap<>();
                at.mapping(value, "vocabulary " + name + " value", null).forEach((path, tuple) ->
                        paths.put(path, at.scalar(tuple.getValueNode(), "vocabulary " + name + " value")));
                assignments = Collections.unmodifiableMap(paths);
            }
            entries.put(e.getKey().toUpperCase(Locale.ROOT), assignments);
        }
        return new Vocabulary(name, Collections.unmodifiableMap(entries), at.where(node));
    }

    // -------------------------------------------------------------------------------------------------- rules

    private List<Rule> rules(YamlNodes at, Node node, BaseRuntimeElementCompositeDefinition<?> root, String segment,
            String what) {
        List<Rule> rules = new ArrayList<>();
        for (Node ruleNode : at.sequence(node, what + " rules")) {
            rules.add(rule(at, ruleNode, root, segment, what));
        }
        return List.copyOf(rules);
    }

    /** @param segment the segment type of a segment map, null in datatype maps */
    private Rule rule(YamlNodes at, Node node, BaseRuntimeElementCompositeDefinition<?> root, String segment,
            String what) {
        Map<String, NodeTuple> fields = at.mapping(node, what + " rule", RULE_KEYS);
        Node toNode = required(at, fields, "to", node, what + " rule");
        TargetPath to = targetPath(at, toNode, root, at.scalar(toNode, "to"));
        int sources = 0;
        for (String key : List.of("from", "value", "ref", "lines")) {
            sources += fields.containsKey(key) ? 1 : 0;
        }
        String as = fields.containsKey("as") ? at.scalar(fields.get("as").getValueNode(), "as") : null;
        if (sources > 1 || (sources == 0 && as == null)) {
            throw at.error(node, what + " rule for '" + to + "': needs one of from, value, ref or lines"
                    + " (or only 'as' naming a converter)");
        }
        Rule.Source source;
        if (fields.containsKey("value")) {
            source = new Rule.Constant(at.scalar(fields.get("value").getValueNode(), "value"));
        } else if (fields.containsKey("ref")) {
            if (!"Reference".equals(to.leafType())) {
                throw at.error(toNode, what + ": 'ref' needs a Reference element, '" + to + "' is " + to.leafType());
            }
            String entry = name(at, fields.get("ref").getValueNode(), "ref");
            boolean all = fields.containsKey("all") && at.bool(fields.get("all").getValueNode(), "all");
            source = new Rule.Ref(entry, all);
        } else if (fields.containsKey("lines")) {
            Node linesNode = fields.get("lines").getValueNode();
            List<V2Path> paths = new ArrayList<>();
            for (String text : at.strings(linesNode, "lines")) {
                V2Path path = v2Path(at, linesNode, text, segment, 3);
                if (!path.absolute()) {
                    throw at.error(linesNode, "lines positions name their segment, e.g. OBX-5");
                }
                paths.add(path);
            }
            Condition where = fields.containsKey("where")
                    ? condition(at, fields.get("where").getValueNode(), null, null) : Condition.ALWAYS;
            source = new Rule.Lines(List.copyOf(paths), where);
        } else if (fields.containsKey("from")) {
            Node fromNode = fields.get("from").getValueNode();
            List<V2Path> alternatives = new ArrayList<>();
            for (String text : at.scalar(fromNode, "from").split("\\|")) {
                alternatives.add(v2Path(at, fromNode, text, segment, 3));
            }
            source = new Rule.From(List.copyOf(alternatives));
        } else {
            source = new Rule.From(List.of());
        }
        for (String key : List.of("all", "where")) {
            boolean allowed = key.equals("all") ? source instanceof Rule.Ref : source instanceof Rule.Lines;
            if (fields.containsKey(key) && !allowed) {
                throw at.error(fields.get(key).getKeyNode(), "'" + key + "' belongs to "
                        + (key.equals("all") ? "'ref'" : "'lines'") + " rules");
            }
        }
        String map = fields.containsKey("map") ? at.scalar(fields.get("map").getValueNode(), "map") : null;
        Condition when = fields.containsKey("when")
                ? condition(at, fields.get("when").getValueNode(), segment, root) : Condition.ALWAYS;
        boolean join = fields.containsKey("join") && at.bool(fields.get("join").getValueNode(), "join");
        Map<TargetPath, String> defaults = new LinkedHashMap<>();
        if (fields.containsKey("defaults")) {
            Node defaultsNode = fields.get("defaults").getValueNode();
            if (!(to.leaf() instanceof BaseRuntimeElementCompositeDefinition<?> composite)) {
                throw at.error(defaultsNode, "'defaults' needs an element with parts, '" + to + "' is " + to.leafType());
            }
            at.mapping(defaultsNode, "defaults", null).forEach((path, tuple) -> defaults.put(
                    targetPath(at, tuple.getKeyNode(), composite, path), at.scalar(tuple.getValueNode(), path)));
        }
        return new Rule(to, source, as, map, when, join, Collections.unmodifiableMap(defaults), at.where(node));
    }

    private Condition condition(YamlNodes at, Node node, String segment,
            BaseRuntimeElementCompositeDefinition<?> root) {
        List<String> texts = at.strings(node, "condition");
        try {
            Function<String, TargetPath> targets = root == null ? null : path -> TargetPath.compile(root, path);
            Condition condition = Condition.parse(texts, targets);
            for (V2Path path : condition.v2Paths()) {
                checkPath(at, node, path, segment, 3);
            }
            return condition;
        } catch (IllegalArgumentException e) {
            throw at.error(node, e.getMessage());
        }
    }

    // ------------------------------------------------------------------------------------------------ helpers

    private static TargetPath targetPath(YamlNodes at, Node node, BaseRuntimeElementCompositeDefinition<?> root,
            String text) {
        try {
            return TargetPath.compile(root, text);
        } catch (IllegalArgumentException e) {
            throw at.error(node, "unknown FHIR path: " + e.getMessage());
        }
    }

    /** Parses and checks an HL7 position; relative ones in segment maps are checked against {@code segment}. */
    private static V2Path v2Path(YamlNodes at, Node node, String text, String segment, int maxDepth) {
        V2Path path;
        try {
            path = V2Path.parse(text);
        } catch (IllegalArgumentException e) {
            throw at.error(node, e.getMessage());
        }
        checkPath(at, node, path, segment, maxDepth);
        return path;
    }

    private static void checkPath(YamlNodes at, Node node, V2Path path, String segment, int maxDepth) {
        if (path.positions().size() > maxDepth) {
            throw at.error(node, "'" + path + "' goes deeper than field.component.subcomponent");
        }
        String type = path.absolute() ? path.segment() : segment;
        if (type == null) {
            return; // relative to a datatype: checked where the datatype map is used
        }
        int fields = V2Structures.fieldCount(type);
        if (fields < 0) {
            throw at.error(node, "'" + path + "': unknown segment '" + type + "'");
        }
        int field = path.positions().get(0);
        if (field > fields) {
            throw at.error(node, "'" + path + "': bad field number, " + type + " has " + fields + " fields");
        }
    }

    private static Node required(YamlNodes at, Map<String, NodeTuple> fields, String key, Node parent, String what) {
        NodeTuple tuple = fields.get(key);
        if (tuple == null) {
            throw at.error(parent, what + ": '" + key + "' is required");
        }
        return tuple.getValueNode();
    }

    /** The keys of a named map ({@code what} is e.g. "segment map PID-Patient"), after checking its name. */
    private static Map<String, NodeTuple> namedMapping(YamlNodes at, Node node, String name, String what,
            Set<String> keys) {
        checkName(at, node, name, what.substring(0, what.length() - name.length() - 1));
        return at.mapping(node, what, keys);
    }

    private static String name(YamlNodes at, Node node, String what) {
        String name = at.scalar(node, what);
        checkName(at, node, name, what);
        return name;
    }

    private static void checkName(YamlNodes at, Node node, String name, String what) {
        if (!NAME.matcher(name).matches()) {
            throw at.error(node, what + " '" + name + "': names are letters, digits, '_', '-' and '.'");
        }
    }
}
