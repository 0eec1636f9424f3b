package io.annota.intake.hl7.mapping;

import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.FhirContext;
import io.annota.intake.hl7.mapping.MappingFileParser.MappingFile;
import io.annota.intake.hl7.mapping.Maps.Add;
import io.annota.intake.hl7.mapping.Maps.DatatypeMap;
import io.annota.intake.hl7.mapping.Maps.Entry;
import io.annota.intake.hl7.mapping.Maps.KeyPart;
import io.annota.intake.hl7.mapping.Maps.KeyTerm;
import io.annota.intake.hl7.mapping.Maps.Key;
import io.annota.intake.hl7.mapping.Maps.MessageMap;
import io.annota.intake.hl7.mapping.Maps.SegmentMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The HL7 v2 to FHIR R4 mappings in force: the built-in files under {@code io/annota/intake/hl7/mappings/} plus
 * optional override files, each of which adds message, segment and datatype maps and vocabularies or replaces
 * those of the same name. Everything is checked when it loads (see {@link MappingFileParser}); across files this
 * class checks that every name a map uses exists and fits (datatype maps and converters for the element they
 * build, vocabularies, segment maps for their entry, entry names in refs and keys) and that datatype maps never
 * reach below subcomponents. Immutable and thread-safe.
 */
public final class V2ToFhirMappings {

    /** Class-path folder of the built-in mapping files. */
    public static final String BUILT_IN_FOLDER = "/io/annota/intake/hl7/mappings/";
    /** The built-in files, read in this order; a name defined twice among them is an error. */
    static final List<String> BUILT_IN_FILES = List.of("vocabulary.yaml", "datatypes.yaml", "segments.yaml",
            "messages.yaml");

    private static volatile V2ToFhirMappings builtIn;

    private final FhirContext context;
    private final Map<String, MessageMap> messages;
    private final Map<String, SegmentMap> segments;
    private final Map<String, DatatypeMap> datatypes;
    private final Map<String, Vocabulary> vocabularies;
    private final ZSegments zSegments;

    private V2ToFhirMappings(FhirContext context, Merged merged) {
        this.context = context;
        this.messages = Map.copyOf(merged.messages);
        this.segments = Map.copyOf(merged.segments);
        this.datatypes = Map.copyOf(merged.datatypes);
        this.vocabularies = Map.copyOf(merged.vocabularies);
        this.zSegments = merged.zSegments == null ? ZSegments.IGNORE : merged.zSegments;
    }

    /** The built-in mappings (read and checked once). */
    public static V2ToFhirMappings builtIn() {
        V2ToFhirMappings loaded = builtIn;
        if (loaded == null) {
            synchronized (V2ToFhirMappings.class) {
                if (builtIn == null) {
                    builtIn = load(List.of());
                }
                loaded = builtIn;
            }
        }
        return loaded;
    }

    /**
     * The built-in mappings with {@code overrideFiles} applied in order (later files win).
     *
     * @throws MappingFileException naming file, line and reason if a file cannot be read or used
     */
    public static V2ToFhirMappings load(List<Path> overrideFiles) {
        List<NamedText> overrides = new ArrayList<>();
        for (Path file : overrideFiles) {
            try {
                overrides.add(new NamedText(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new MappingFileException(file + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        return fromTexts(builtInTexts(), overrides);
    }

    /** A mapping file's name (for messages) and text. */
    record NamedText(String name, String text) {
    }

    /** Reads and checks {@code base} (no name twice) with {@code overrides} applied in order. */
    static V2ToFhirMappings fromTexts(List<NamedText> base, List<NamedText> overrides) {
        FhirContext context = FhirContext.forR4Cached();
        MappingFileParser parser = new MappingFileParser(context);
        Merged merged = new Merged();
        for (NamedText file : base) {
            merged.add(parser.parse(file.name(), new StringReader(file.text())), false);
        }
        for (NamedText file : overrides) {
            merged.add(parser.parse(file.name(), new StringReader(file.text())), true);
        }
        V2ToFhirMappings mappings = new V2ToFhirMappings(context, merged);
        mappings.check();
        return mappings;
    }

    static List<NamedText> builtInTexts() {
        List<NamedText> out = new ArrayList<>();
        for (String file : BUILT_IN_FILES) {
            String resource = BUILT_IN_FOLDER + file;
            try (InputStream in = V2ToFhirMappings.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new MappingFileException(resource + ": not found on the class path");
                }
                out.add(new NamedText(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new MappingFileException(resource + ": cannot be read", e);
            }
        }
        return out;
    }

    /** Message keys ({@code ADT^A01}) that have a map. */
    public Set<String> messageKeys() {
        return new TreeSet<>(messages.keySet());
    }

    public ZSegments zSegments() {
        return zSegments;
    }

    MessageMap message(String key) {
        return messages.get(key);
    }

    /** Message types (MSH-9.1) that have at least one map. */
    Set<String> messageTypes() {
        Set<String> out = new TreeSet<>();
        messages.values().forEach(m -> out.add(m.type()));
        return out;
    }

    SegmentMap segmentMap(String name) {
        return segments.get(name);
    }

    DatatypeMap datatypeMap(String name) {
        return datatypes.get(name);
    }

    Vocabulary vocabulary(String name) {
        return vocabularies.get(name);
    }

    FhirContext context() {
        return context;
    }

    // ---------------------------------------------------------------------------------------------- merging

    private static final class Merged {
        final Map<String, MessageMap> messages = new LinkedHashMap<>();
        final Map<String, SegmentMap> segments = new LinkedHashMap<>();
        final Map<String, DatatypeMap> datatypes = new LinkedHashMap<>();
        final Map<String, Vocabulary> vocabularies = new LinkedHashMap<>();
        ZSegments zSegments;

        void add(MappingFile file, boolean replace) {
            put(messages, file.messages(), replace, "message", MessageMap::at);
            put(segments, file.segments(), replace, "segment map", SegmentMap::at);
            put(datatypes, file.datatypes(), replace, "datatype map", DatatypeMap::at);
            put(vocabularies, file.vocabularies(), replace, "vocabulary", Vocabulary::at);
            if (file.zSegments() != null) {
                zSegments = file.zSegments();
            }
        }

        private static <T> void put(Map<String, T> into, Map<String, T> from, boolean replace, String what,
                Function<T, String> at) {
            from.forEach((name, map) -> {
                T before = into.put(name, map);
                if (before != null && !replace) {
                    throw new MappingFileException(at.apply(map) + ": duplicate " + what + " '" + name
                            + "', already defined at " + at.apply(before));
                }
            });
        }
    }

    // --------------------------------------------------------------------------------------------- checking

    private void check() {
        Set<String> entryNames = new HashSet<>();
        messages.values().forEach(m -> m.entries().forEach(e -> entryNames.add(e.name())));
        for (MessageMap message : messages.values()) {
            checkMessage(message);
        }
        for (SegmentMap map : segments.values()) {
            for (Rule rule : map.rules()) {
                checkRule(rule, 0, entryNames, new HashSet<>());
            }
        }
        for (DatatypeMap map : datatypes.values()) {
            for (Rule rule : map.rules()) {
                checkRule(rule, 1, entryNames, new HashSet<>());
            }
        }
    }

    private void checkMessage(MessageMap message) {
        Set<String> names = new HashSet<>();
        for (Entry entry : message.entries()) {
            if (!names.add(entry.name())) {
                throw new MappingFileException(entry.at() + ": message " + message.key() + ": duplicate resource name '"
                        + entry.name() + "'");
            }
        }
        for (Entry entry : message.entries()) {
            String what = entry.at() + ": message " + message.key() + " resource '" + entry.name() + "': ";
            SegmentMap map = segmentMapFor(what, entry.map(), entry.segment(), entry.resource());
            if (map.under() != null) {
                throw new MappingFileException(what + "segment map '" + entry.map() + "' adds to "
                        + map.resource() + "." + map.under() + "; a resource needs a map of the whole resource");
            }
            for (Add add : entry.adds()) {
                segmentMapFor(add.at() + ": message " + message.key() + " resource '" + entry.name() + "': ",
                        add.map(), add.segment(), entry.resource());
            }
            for (Key key : entry.keys()) {
                for (KeyPart part : key.parts()) {
                    for (KeyTerm term : part.terms()) {
                        if (term.entry() != null && (!names.contains(term.entry()) || term.entry().equals(entry.name()))) {
                            throw new MappingFileException(what + "key names '@" + term.entry()
                                    + "', which is not another resource of this message");
                        }
                    }
                }
            }
        }
    }

    private SegmentMap segmentMapFor(String what, String name, String segment, String resource) {
        SegmentMap map = segments.get(name);
        if (map == null) {
            throw new MappingFileException(what + "unknown segment map '" + name + "'");
        }
        if (!map.segment().equals(segment) || !map.resource().equals(resource)) {
            throw new MappingFileException(what + "segment map '" + name + "' maps " + map.segment() + " to "
                    + map.resource() + ", not " + segment + " to " + resource);
        }
        return map;
    }

    /**
     * @param depth levels fixed where the rule applies: 0 a segment, 1 a field repetition, 2 a component
     * @param visiting datatype maps being checked (a map that uses itself at the same depth never ends)
     */
    private void checkRule(Rule rule, int depth, Set<String> entryNames, Set<String> visiting) {
        String what = rule.at() + ": rule for '" + rule.to() + "': ";
        if (rule.source() instanceof Rule.From from) {
            for (V2Path path : from.alternatives()) {
                if (!path.absolute() && path.positions().size() > 3 - depth) {
                    throw new MappingFileException(what + "'" + path + "' goes below subcomponents where this"
                            + " datatype map is used");
                }
            }
        }
        if (rule.source() instanceof Rule.Ref ref && !entryNames.contains(ref.entry())) {
            throw new MappingFileException(what + "ref '" + ref.entry() + "' is no resource name of any message map");
        }
        DatatypeMap datatype = rule.as() == null ? null : datatypes.get(rule.as());
        if (rule.as() != null && datatype == null && !Converters.exists(rule.as())) {
            throw new MappingFileException(what + "unknown datatype map or converter '" + rule.as() + "' (converters: "
                    + String.join(", ", Converters.names()) + ")");
        }
        if (datatype != null) {
            if (!datatype.fhirType().getName().equals(rule.to().leafType())) {
                throw new MappingFileException(what + "datatype map '" + rule.as() + "' builds "
                        + datatype.fhirType().getName() + ", but '" + rule.to() + "' is " + rule.to().leafType());
            }
            int inner = innerDepth(rule, depth);
            if (inner > 2) {
                throw new MappingFileException(what + "datatype map '" + rule.as() + "' cannot apply to a subcomponent");
            }
            if (visiting.add(rule.as() + "@" + inner)) {
                for (Rule nested : datatype.rules()) {
                    checkRule(nested, inner, entryNames, visiting);
                }
                visiting.remove(rule.as() + "@" + inner);
            } else {
                throw new MappingFileException(what + "datatype map '" + rule.as() + "' uses itself");
            }
            return;
        }
        if (rule.map() != null) {
            checkVocabulary(rule, what);
            return;
        }
        if (!(rule.source() instanceof Rule.Ref) && !rule.to().leafIsPrimitive()) {
            throw new MappingFileException(what + "'" + rule.to() + "' is " + rule.to().leafType()
                    + "; it needs 'as' (a datatype map), 'map' (a vocabulary with paths) or a simple element");
        }
    }

    private static int innerDepth(Rule rule, int depth) {
        if (rule.source() instanceof Rule.From from && !from.alternatives().isEmpty()) {
            V2Path first = from.alternatives().get(0);
            return first.absolute() ? Math.min(first.positions().size(), 2)
                    : depth + Math.min(first.positions().size(), depth == 0 ? 2 : 1);
        }
        return depth;
    }

    private void checkVocabulary(Rule rule, String what) {
        Vocabulary vocabulary = vocabularies.get(rule.map());
        if (vocabulary == null) {
            throw new MappingFileException(what + "unknown vocabulary '" + rule.map() + "'");
        }
        if (rule.to().leafIsPrimitive()) {
            if (!vocabulary.scalar()) {
                throw new MappingFileException(what + "vocabulary '" + rule.map() + "' gives element paths, but '"
                        + rule.to() + "' is " + rule.to().leafType());
            }
            return;
        }
        BaseRuntimeElementCompositeDefinition<?> leaf = (BaseRuntimeElementCompositeDefinition<?>) rule.to().leaf();
        for (Map<String, String> assignments : vocabulary.entries().values()) {
            if (assignments == null) {
                continue;
            }
            for (String path : assignments.keySet()) {
                try {
                    TargetPath.compile(leaf, path);
                } catch (IllegalArgumentException e) {
                    throw new MappingFileException(vocabulary.at() + ": vocabulary '" + rule.map() + "' used for '"
                            + rule.to() + "' (" + rule.at() + "): unknown FHIR path: " + e.getMessage());
                }
            }
        }
    }
}
