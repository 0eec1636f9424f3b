package io.annota.deid.rules;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.fhirpath.IFhirPath;
import io.annota.config.YamlNodes;
import io.annota.deid.rules.Parameters.Generalization;
import io.annota.deid.rules.RuleSet.Options;
import io.annota.deid.rules.RuleSet.TextDates;
import io.annota.deid.rules.RuleSet.TextPlaces;
import io.annota.deid.text.PhiType;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Reads a de-identification rule file (YAML) and checks everything that can be checked before data arrives:
 * keys, methods, parameters, data and resource type names, FHIRPath syntax. Every error names the file, the
 * line, the rule and the reason. See {@code docs/deidentification.md} for the format.
 */
public final class RuleFileParser {

    private static final Set<String> TOP_KEYS = Set.of("rules", "dateShift", "text", "ids");
    private static final Set<String> SELECTOR_KEYS = Set.of("id", "path", "type", "resource", "method");
    private static final Pattern LEADING_NAME = Pattern.compile("^([A-Z][A-Za-z]+)(?:\\.|$)");
    /** Abstract roots a path may start with to select in every resource. */
    private static final Set<String> ANY_RESOURCE = Set.of("Resource", "DomainResource");
    /** Kinds of surrogate a substitute rule may ask for (dates are shifted, not substituted). */
    private static final List<String> SURROGATES = Arrays.stream(PhiType.values())
            .filter(t -> t != PhiType.DATE && t != PhiType.AGE)
            .map(t -> t.name().toLowerCase(Locale.ROOT))
            .toList();

    private final FhirContext context;
    private final IFhirPath fhirPath;
    private final Set<String> dataTypes;

    public RuleFileParser(FhirContext context) {
        this(context, context.newFhirPath());
    }

    /** @param fhirPath the engine the rules will be evaluated with (creating one is costly) */
    public RuleFileParser(FhirContext context, IFhirPath fhirPath) {
        this.context = context;
        this.fhirPath = fhirPath;
        this.dataTypes = dataTypeNames(context);
    }

    /** Parses the rule file at {@code file}. */
    public RuleSet parse(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RuleFileException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
        return parse(file.toString(), new StringReader(text));
    }

    /** Parses a rule file from the class path (the built-in profiles). */
    public RuleSet parseResource(String resource) {
        try (InputStream in = RuleFileParser.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new RuleFileException(resource + ": not found on the class path");
            }
            return parse(resource, new StringReader(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new RuleFileException(resource + ": cannot be read", e);
        }
    }

    /** Parses rule file text; {@code fileName} is used in messages only. */
    public RuleSet parse(String fileName, Reader reader) {
        Node root;
        try {
            root = new Yaml(new LoaderOptions()).compose(reader);
        } catch (YAMLException e) {
            throw new RuleFileException(fileName + ": not valid YAML: " + firstLine(e.getMessage()), e);
        }
        YamlNodes at = new YamlNodes(fileName, RuleFileException::new);
        if (root == null) {
            throw new RuleFileException(fileName + ": empty rule file");
        }
        Map<String, NodeTuple> top = at.mapping(root, "the rule file", TOP_KEYS);
        Integer maxShiftDays = null;
        if (top.containsKey("dateShift")) {
            Node node = top.get("dateShift").getValueNode();
            Map<String, NodeTuple> shift = at.mapping(node, "dateShift", Set.of("maxDays"));
            if (shift.containsKey("maxDays")) {
                maxShiftDays = at.integer(shift.get("maxDays").getValueNode(), "dateShift.maxDays", 1, 3650);
            }
        }
        Boolean surrogates = null;
        TextDates textDates = null;
        TextPlaces textPlaces = null;
        if (top.containsKey("text")) {
            Map<String, NodeTuple> text = at.mapping(top.get("text").getValueNode(), "text",
                    Set.of("replacement", "dates", "places"));
            if (text.containsKey("replacement")) {
                surrogates = "surrogates".equals(at.oneOf(text.get("replacement").getValueNode(), "text.replacement",
                        List.of("tags", "surrogates")));
            }
            if (text.containsKey("dates")) {
                textDates = TextDates.valueOf(at.oneOf(text.get("dates").getValueNode(), "text.dates",
                        List.of("shift", "keep", "tag")).toUpperCase(Locale.ROOT));
            }
            if (text.containsKey("places")) {
                textPlaces = TextPlaces.valueOf(at.oneOf(text.get("places").getValueNode(), "text.places",
                        List.of("remove", "keep-towns")).toUpperCase(Locale.ROOT).replace('-', '_'));
            }
        }
        Boolean pseudonymizeIds = null;
        if (top.containsKey("ids")) {
            pseudonymizeIds = "pseudonymize".equals(at.oneOf(top.get("ids").getValueNode(), "ids",
                    List.of("pseudonymize", "keep")));
        }
        List<Rule> rules = new ArrayList<>();
        if (top.containsKey("rules")) {
            Node rulesNode = top.get("rules").getValueNode();
            if (!(rulesNode instanceof SequenceNode sequence)) {
                throw at.error(rulesNode, "'rules' must be a list");
            }
            int index = 0;
            for (Node ruleNode : sequence.getValue()) {
                index++;
                rules.add(rule(at, ruleNode, index));
            }
        }
        return new RuleSet(rules, new Options(maxShiftDays, surrogates, textDates, textPlaces, pseudonymizeIds));
    }

    private Rule rule(YamlNodes at, Node node, int index) {
        Map<String, NodeTuple> fields = at.mapping(node, "rule " + index, null);
        String name = fields.containsKey("id") ? at.scalar(fields.get("id").getValueNode(), "rule " + index + ": id")
                : "rule " + index;
        RuleContext rc = new RuleContext(at, name);
        if (!fields.containsKey("method")) {
            throw rc.error(node, "no 'method' (one of " + Method.known() + ")");
        }
        Node methodNode = fields.get("method").getValueNode();
        String methodName = at.scalar(methodNode, "method");
        Method method = Method.byYamlName(methodName)
                .orElseThrow(() -> rc.error(methodNode, "unknown method '" + methodName + "' (known: " + Method.known() + ")"));
        for (Map.Entry<String, NodeTuple> field : fields.entrySet()) {
            if (!SELECTOR_KEYS.contains(field.getKey()) && !method.parameters().contains(field.getKey())) {
                throw rc.error(field.getValue().getKeyNode(), "unknown key '" + field.getKey() + "' for method "
                        + method + (method.parameters().isEmpty() ? " (it takes no parameters)"
                                : " (parameters: " + String.join(", ", method.parameters()) + ")"));
            }
        }
        boolean hasPath = fields.containsKey("path");
        boolean hasType = fields.containsKey("type");
        if (hasPath == hasType) {
            throw rc.error(node, "needs exactly one of 'path' (a FHIRPath expression) or 'type' (FHIR data types)");
        }
        String path = null;
        IFhirPath.IParsedExpression expression = null;
        Set<String> pathRoots = Set.of();
        Set<String> types = Set.of();
        if (hasPath) {
            Node pathNode = fields.get("path").getValueNode();
            path = at.scalar(pathNode, "path");
            try {
                expression = fhirPath.parse(path);
            } catch (Exception e) {
                throw rc.error(pathNode, "invalid FHIRPath '" + path + "': " + firstLine(e.getMessage()));
            }
            pathRoots = pathRoots(path);
            for (String root : pathRoots) {
                if (!context.getResourceTypes().contains(root)) {
                    throw rc.error(pathNode, "FHIRPath '" + path + "' starts with '" + root
                            + "', which is not an R4 resource type");
                }
            }
        } else {
            Node typeNode = fields.get("type").getValueNode();
            types = at.names(typeNode, "type");
            for (String type : types) {
                if (!dataTypes.contains(type)) {
                    throw rc.error(typeNode, "unknown FHIR R4 data type '" + type + "'");
                }
            }
        }
        Set<String> resourceTypes = Set.of();
        if (fields.containsKey("resource")) {
            Node resourceNode = fields.get("resource").getValueNode();
            resourceTypes = at.names(resourceNode, "resource");
            for (String type : resourceTypes) {
                if (!context.getResourceTypes().contains(type)) {
                    throw rc.error(resourceNode, "unknown R4 resource type '" + type + "'");
                }
            }
        }
        Parameters parameters = parameters(rc, method, fields, node);
        return new Rule(name, at.file() + ":" + YamlNodes.line(node), path, expression, pathRoots, types, resourceTypes, method,
                parameters);
    }

    private Parameters parameters(RuleContext rc, Method method, Map<String, NodeTuple> fields, Node ruleNode) {
        YamlNodes at = rc.at;
        switch (method) {
            case CRYPTO_HASH -> {
                String domain = fields.containsKey("domain") ? at.scalar(fields.get("domain").getValueNode(), "domain") : null;
                return new Parameters(domain, null, null, 0, false, null, null);
            }
            case SUBSTITUTE -> {
                boolean hasValue = fields.containsKey("value");
                if (hasValue == fields.containsKey("surrogate")) {
                    throw rc.error(ruleNode, "substitute needs either 'value' (a fixed replacement) or 'surrogate' "
                            + "(one of " + String.join(", ", SURROGATES) + ")");
                }
                PhiType surrogate = hasValue ? null : PhiType.valueOf(at.oneOf(fields.get("surrogate").getValueNode(),
                        "surrogate", SURROGATES).toUpperCase(Locale.ROOT));
                String value = hasValue ? at.scalar(fields.get("value").getValueNode(), "value") : null;
                return new Parameters(null, value, surrogate, 0, false, null, null);
            }
            case PERTURB -> {
                if (!fields.containsKey("span")) {
                    throw rc.error(ruleNode, "perturb needs 'span' (the largest change, a positive number)");
                }
                Node spanNode = fields.get("span").getValueNode();
                double span = at.number(spanNode, "span");
                if (!(span > 0) || Double.isInfinite(span)) {
                    throw rc.error(spanNode, "'span' must be a positive number");
                }
                boolean proportional = fields.containsKey("rangeType") && "proportional".equals(
                        at.oneOf(fields.get("rangeType").getValueNode(), "rangeType", List.of("fixed", "proportional")));
                if (proportional && span >= 1) {
                    throw rc.error(spanNode, "a proportional 'span' must be below 1 (a fraction of the value)");
                }
                Integer roundTo = fields.containsKey("roundTo")
                        ? at.integer(fields.get("roundTo").getValueNode(), "roundTo", 0, 10)
                        : null;
                return new Parameters(null, null, null, span, proportional, roundTo, null);
            }
            case GENERALIZE -> {
                if (!fields.containsKey("to")) {
                    throw rc.error(ruleNode, "generalize needs 'to' (one of " + generalizations() + ")");
                }
                Node toNode = fields.get("to").getValueNode();
                String to = at.oneOf(toNode, "to", Arrays.stream(Generalization.values()).map(Generalization::yamlName).toList());
                Generalization target = Arrays.stream(Generalization.values())
                        .filter(g -> g.yamlName().equals(to)).findFirst().orElseThrow();
                return new Parameters(null, null, null, 0, false, null, target);
            }
            default -> {
                return Parameters.NONE;
            }
        }
    }

    private static String generalizations() {
        return Arrays.stream(Generalization.values()).map(Generalization::yamlName).collect(Collectors.joining(", "));
    }

    /**
     * The resource types a path can select in: those its union's operands start with, or none (any resource) when
     * an operand starts with a function, with Resource or DomainResource.
     */
    private static Set<String> pathRoots(String path) {
        Set<String> roots = new LinkedHashSet<>();
        for (String alternative : topLevelAlternatives(path)) {
            Matcher m = LEADING_NAME.matcher(alternative.trim());
            if (!m.find() || ANY_RESOURCE.contains(m.group(1))) {
                return Set.of();
            }
            roots.add(m.group(1));
        }
        return roots;
    }

    /** The operands of top-level {@code |} unions (outside quotes, brackets and parentheses). */
    private static List<String> topLevelAlternatives(String path) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (!quoted && (c == '(' || c == '[')) {
                depth++;
            } else if (!quoted && (c == ')' || c == ']')) {
                depth--;
            } else if (!quoted && depth == 0 && c == '|') {
                out.add(path.substring(start, i));
                start = i + 1;
            }
        }
        out.add(path.substring(start));
        return out;
    }

    private static Set<String> dataTypeNames(FhirContext context) {
        Set<String> names = new LinkedHashSet<>();
        for (var definition : context.getElementDefinitions()) {
            names.add(definition.getName());
        }
        names.add("Extension");
        names.add("Narrative");
        return names;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no detail";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Messages for one rule. */
    private record RuleContext(YamlNodes at, String rule) {
        RuleFileException error(Node node, String reason) {
            return new RuleFileException(at.file() + ":" + YamlNodes.line(node) + ": rule '" + rule + "': " + reason);
        }
    }
}
