package io.annota.intake.hl7.mapping;

import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import io.annota.deid.Pseudonymizer;
import io.annota.intake.hl7.Hl7MappingException;
import io.annota.intake.hl7.Hl7Timestamps;
import io.annota.intake.hl7.mapping.Maps.Add;
import io.annota.intake.hl7.mapping.Maps.DatatypeMap;
import io.annota.intake.hl7.mapping.Maps.Entry;
import io.annota.intake.hl7.mapping.Maps.Key;
import io.annota.intake.hl7.mapping.Maps.KeyPart;
import io.annota.intake.hl7.mapping.Maps.KeyTerm;
import io.annota.intake.hl7.mapping.Maps.MessageMap;
import io.annota.intake.hl7.mapping.Maps.SegmentMap;
import io.annota.intake.hl7.mapping.SegmentIndex.Occurrence;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.StringType;

/**
 * One message through its message map: first every entry's resources get their ids (so references can point
 * anywhere), then the segment maps fill them, then Z-segments are kept if configured. Single use.
 */
final class MessageRun {

    /** A resource made by an entry from one segment. */
    private record Made(Entry entry, Occurrence occurrence, String id, Resource resource) {
    }

    private final V2ToFhirMappings mappings;
    private final Pseudonymizer pseudonymizer;
    private final Hl7Timestamps timestamps;
    private final MessageMap message;
    private final SegmentIndex index;
    private final List<Made> made = new ArrayList<>();
    private final Map<String, TargetPath> vocabularyPaths = new HashMap<>();

    MessageRun(V2ToFhirMappings mappings, Pseudonymizer pseudonymizer, Hl7Timestamps timestamps, MessageMap message,
            SegmentIndex index) {
        this.mappings = mappings;
        this.pseudonymizer = pseudonymizer;
        this.timestamps = timestamps;
        this.message = message;
        this.index = index;
    }

    Bundle run() throws Hl7MappingException, HL7Exception {
        Set<String> keys = new HashSet<>();
        for (Entry entry : message.entries()) {
            List<Occurrence> sources = sources(entry);
            if (entry.required() && sources.isEmpty()) {
                throw new Hl7MappingException(ErrorCode.SEGMENT_SEQUENCE_ERROR, entry.segment(), 0, 0,
                        "required segment " + entry.segment() + " is missing");
            }
            for (Occurrence occurrence : sources) {
                String key = key(entry, occurrence);
                // two segments with one key in a message (repeated OBX-3 without sub-id) still get distinct ids
                String unique = key;
                for (int n = 2; !keys.add(entry.resource() + "/" + unique); n++) {
                    unique = key + "#" + n;
                }
                String id = pseudonymizer.resourceId(entry.resource(), unique);
                Resource resource = (Resource) mappings.context().getResourceDefinition(entry.resource()).newInstance();
                resource.setId(id);
                made.add(new Made(entry, occurrence, id, resource));
            }
        }
        for (Made m : made) {
            fill(m);
        }
        if (mappings.zSegments() == ZSegments.EXTENSION) {
            keepZSegments();
        }
        Bundle bundle = new Bundle();
        bundle.setType(Bundle.BundleType.TRANSACTION);
        for (Made m : made) {
            bundle.addEntry().setResource(m.resource()).getRequest().setMethod(Bundle.HTTPVerb.PUT)
                    .setUrl(m.entry().resource() + "/" + m.id());
        }
        return bundle;
    }

    private List<Occurrence> sources(Entry entry) throws Hl7MappingException {
        List<Occurrence> out = new ArrayList<>();
        for (Occurrence occurrence : index.all(entry.segment())) {
            if (entry.where().test(values(Cursor.of(occurrence), null))) {
                out.add(occurrence);
                if (!entry.each()) {
                    break;
                }
            }
        }
        return out;
    }

    private void fill(Made m) throws Hl7MappingException {
        SegmentMap map = mappings.segmentMap(m.entry().map());
        apply(map.rules(), m.resource(), Cursor.of(m.occurrence()));
        for (Add add : m.entry().adds()) {
            SegmentMap addMap = mappings.segmentMap(add.map());
            for (Occurrence occurrence : index.inScope(m.occurrence(), Set.of(add.segment()))) {
                if (addMap.under() == null) {
                    apply(addMap.rules(), m.resource(), Cursor.of(occurrence));
                } else {
                    IBase element = addMap.under().newLeaf();
                    apply(addMap.rules(), element, Cursor.of(occurrence));
                    if (!element.isEmpty()) {
                        addMap.under().put(m.resource(), element);
                    }
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------------- keys

    /** The first complete candidate key, its parts joined with {@code |}; 101 at a missing field if none. */
    private String key(Entry entry, Occurrence occurrence) throws Hl7MappingException {
        V2Path missing = null;
        for (Key key : entry.keys()) {
            List<String> values = new ArrayList<>();
            for (KeyPart part : key.parts()) {
                String value = null;
                for (KeyTerm term : part.terms()) {
                    value = term(term, occurrence);
                    if (value != null) {
                        break;
                    }
                }
                if (value == null) {
                    missing = part.terms().stream().map(KeyTerm::path).filter(p -> p != null).findFirst().orElse(null);
                    values = null;
                    break;
                }
                values.add(value);
            }
            if (values != null) {
                return String.join("|", values);
            }
        }
        String segment = missing == null ? entry.segment() : missing.segment();
        int field = missing == null ? 0 : missing.field();
        throw new Hl7MappingException(ErrorCode.REQUIRED_FIELD_MISSING, segment, field, 0,
                field == 0 ? "the key of " + entry.resource() + " is missing in " + segment
                        : "required field " + segment + "-" + field + " is missing");
    }

    private String term(KeyTerm term, Occurrence occurrence) {
        if (term.literal() != null) {
            return term.literal();
        }
        if (term.entry() != null) {
            Made target = nearestMade(term.entry(), occurrence);
            return target == null ? null : target.id();
        }
        return read(term.path(), Cursor.of(occurrence));
    }

    // ------------------------------------------------------------------------------------------------ rules

    private void apply(List<Rule> rules, IBase target, Cursor cursor) throws Hl7MappingException {
        for (Rule rule : rules) {
            if (rule.when().test(values(cursor, target))) {
                applyRule(rule, target, cursor);
            }
        }
    }

    private void applyRule(Rule rule, IBase target, Cursor cursor) throws Hl7MappingException {
        Rule.Source source = rule.source();
        if (source instanceof Rule.Constant constant) {
            put(rule, target, cursor, constant.value());
        } else if (source instanceof Rule.Ref ref) {
            applyRef(rule, ref, target, cursor);
        } else if (source instanceof Rule.Lines lines) {
            put(rule, target, cursor, lines(lines, cursor.occurrence()));
        } else {
            applyFrom(rule, (Rule.From) source, target, cursor);
        }
    }

    private void applyRef(Rule rule, Rule.Ref ref, IBase target, Cursor cursor) {
        List<Made> targets = new ArrayList<>();
        if (ref.all()) {
            targets.addAll(SegmentIndex.scope(cursor.occurrence(), made(ref.entry()), Made::occurrence));
        } else {
            Made nearest = nearestMade(ref.entry(), cursor.occurrence());
            if (nearest != null) {
                targets.add(nearest);
            }
        }
        for (Made m : targets) {
            rule.to().put(target, new Reference(m.entry().resource() + "/" + m.id()));
        }
    }

    private void applyFrom(Rule rule, Rule.From from, IBase target, Cursor cursor) throws Hl7MappingException {
        DatatypeMap datatype = rule.as() == null ? null : mappings.datatypeMap(rule.as());
        V2Path first = from.alternatives().isEmpty() ? null : from.alternatives().get(0);
        Cursor base = first == null ? cursor : origin(first, cursor);
        List<Integer> positions = first == null ? List.of() : first.positions();
        boolean eachRepetition = first != null && base.depth() == 0 && (rule.to().leafRepeats() || rule.join());
        int repetitions = eachRepetition ? base.repetitions(positions) : 1;
        List<String> joined = new ArrayList<>();
        for (int rep = 0; rep < repetitions; rep++) {
            if (datatype != null) {
                applyDatatype(rule, datatype, target, first == null ? cursor : base.narrow(positions, rep));
                continue;
            }
            String value = null;
            Cursor at = cursor;
            for (V2Path alternative : from.alternatives()) {
                Cursor origin = origin(alternative, cursor);
                Cursor narrowed = origin.depth() == 0 ? origin.narrow(alternative.positions(), rep) : origin;
                value = narrowed == origin ? origin.read(alternative.positions())
                        : narrowed.read(alternative.positions().subList(Math.min(2, alternative.positions().size()),
                                alternative.positions().size()));
                at = narrowed;
                if (value != null) {
                    break;
                }
            }
            if (rule.as() != null) {
                value = Converters.get(rule.as()).convert(at, value);
            }
            if (rule.join()) {
                if (value != null) {
                    joined.add(FormattedText.decode(value));
                }
            } else {
                put(rule, target, cursor, value);
            }
        }
        if (rule.join()) {
            put(rule, target, cursor, FormattedText.join(joined));
        }
    }

    private void applyDatatype(Rule rule, DatatypeMap datatype, IBase target, Cursor at) throws Hl7MappingException {
        IBase element = rule.to().newLeaf();
        apply(datatype.rules(), element, at);
        boolean keep = datatype.requires().isEmpty() ? !element.isEmpty()
                : datatype.requires().stream().anyMatch(path -> path.read(element) != null);
        if (!keep) {
            return;
        }
        for (Map.Entry<TargetPath, String> fallback : rule.defaults().entrySet()) {
            if (fallback.getKey().accepts(element)) {
                fallback.getKey().put(element, primitive(fallback.getKey(), fallback.getValue(), rule, at));
            }
        }
        rule.to().put(target, element);
    }

    /** The cursor a position is read from: the rule's own, or the nearest segment an absolute position names. */
    private Cursor origin(V2Path path, Cursor cursor) {
        return path.absolute() ? Cursor.of(index.nearest(cursor.occurrence(), path.segment())) : cursor;
    }

    private String read(V2Path path, Cursor cursor) {
        return origin(path, cursor).read(path.positions());
    }

    /** Translates {@code value} through the rule's vocabulary, if any, and puts it at the rule's path. */
    private void put(Rule rule, IBase target, Cursor cursor, String value) throws Hl7MappingException {
        if (rule.map() != null) {
            Map<String, String> assignments = mappings.vocabulary(rule.map()).lookup(value);
            if (assignments == null) {
                return;
            }
            if (rule.to().leafIsPrimitive()) {
                value = assignments.get("");
            } else {
                if (!rule.to().accepts(target)) {
                    return;
                }
                IBase element = rule.to().newLeaf();
                for (Map.Entry<String, String> assignment : assignments.entrySet()) {
                    TargetPath path = vocabularyPath(rule.to(), assignment.getKey());
                    path.put(element, primitive(path, assignment.getValue(), rule, cursor));
                }
                rule.to().put(target, element);
                return;
            }
        }
        if (value != null && rule.to().accepts(target)) {
            rule.to().put(target, primitive(rule.to(), value, rule, cursor));
        }
    }

    private TargetPath vocabularyPath(TargetPath to, String path) {
        return vocabularyPaths.computeIfAbsent(to.leafType() + "|" + path,
                k -> TargetPath.compile((BaseRuntimeElementCompositeDefinition<?>) to.leaf(), path));
    }

    /** {@code value} as the FHIR primitive at {@code path}; HL7 dates, numbers and Y/N converted. */
    private IBase primitive(TargetPath path, String value, Rule rule, Cursor cursor) throws Hl7MappingException {
        try {
            String fhir = switch (path.leafType()) {
                case "date" -> timestamps.date(value).getValueAsString();
                case "dateTime" -> timestamps.dateTime(value).getValueAsString();
                case "instant" -> instant(value);
                case "boolean" -> bool(value);
                case "decimal" -> new BigDecimal(value).toPlainString();
                case "integer", "positiveInt", "unsignedInt" -> Integer.toString(Integer.parseInt(value));
                case "base64Binary" -> Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
                default -> value;
            };
            return path.newPrimitive(fhir);
        } catch (IllegalArgumentException | DataFormatException e) {
            throw notConvertible(rule, cursor, path);
        }
    }

    private String instant(String value) {
        String dateTime = timestamps.dateTime(value).getValueAsString();
        if (dateTime.length() < 19) {
            throw new IllegalArgumentException("an instant needs a time");
        }
        return dateTime;
    }

    private static String bool(String value) {
        return switch (value.toUpperCase(Locale.ROOT)) {
            case "Y", "YES", "TRUE", "1" -> "true";
            case "N", "NO", "FALSE", "0" -> "false";
            default -> throw new IllegalArgumentException("not a yes/no value");
        };
    }

    /** 102 at the field the rule reads (the value itself is never quoted). */
    private static Hl7MappingException notConvertible(Rule rule, Cursor cursor, TargetPath path) {
        String segment = cursor.occurrence() == null ? null : cursor.occurrence().type();
        int field = cursor.field();
        if (rule.source() instanceof Rule.From from && !from.alternatives().isEmpty()) {
            V2Path first = from.alternatives().get(0);
            if (first.absolute()) {
                segment = first.segment();
                field = first.field();
            } else if (cursor.depth() == 0) {
                field = first.positions().get(0);
            }
        }
        String where = segment == null ? "a field" : field == 0 ? segment : segment + "-" + field;
        return new Hl7MappingException(ErrorCode.DATA_TYPE_ERROR, segment, field, 0,
                where + " is not a valid HL7 value for " + path + " (" + path.leafType() + ")");
    }

    // ------------------------------------------------------------------------------------------------ lines

    /** The text lines of a {@code lines} rule, in wire order, or null if there are none. */
    private String lines(Rule.Lines lines, Occurrence from) {
        Set<String> types = new HashSet<>();
        lines.paths().forEach(p -> types.add(p.segment()));
        Set<String> filtered = new HashSet<>();
        lines.where().v2Paths().forEach(p -> filtered.add(p.segment()));
        List<String> out = new ArrayList<>();
        for (Occurrence occurrence : index.inScope(from, types)) {
            Cursor cursor = Cursor.of(occurrence);
            if (filtered.contains(occurrence.type()) && !lines.where().test(values(cursor, null))) {
                continue;
            }
            for (V2Path path : lines.paths()) {
                if (!path.segment().equals(occurrence.type())) {
                    continue;
                }
                for (int rep = 0; rep < cursor.repetitions(path.positions()); rep++) {
                    Cursor narrowed = cursor.narrow(path.positions(), rep);
                    String value = narrowed.read(path.positions().subList(Math.min(2, path.positions().size()),
                            path.positions().size()));
                    if (value != null) {
                        out.add(FormattedText.decode(value));
                    }
                }
            }
        }
        return FormattedText.join(out);
    }

    // --------------------------------------------------------------------------------------------- helpers

    private List<Made> made(String entry) {
        return made.stream().filter(m -> m.entry().name().equals(entry)).toList();
    }

    private Made nearestMade(String entry, Occurrence from) {
        return SegmentIndex.nearest(from, made(entry), Made::occurrence);
    }

    private Condition.Values values(Cursor cursor, IBase target) {
        return new Condition.Values() {
            @Override
            public String v2(V2Path path) {
                return read(path, cursor);
            }

            @Override
            public String target(TargetPath path) {
                return target == null ? null : path.read(target);
            }
        };
    }

    /** Each Z-segment as an extension of the resource made from the nearest mapped segment before it. */
    private void keepZSegments() throws HL7Exception {
        if (made.isEmpty()) {
            return;
        }
        for (Occurrence z : index.all()) {
            if (!V2Structures.isZSegment(z.type())) {
                continue;
            }
            Made owner = made.get(0);
            for (Made m : made) {
                if (m.occurrence().position() < z.position() && m.occurrence().position() >= owner.occurrence().position()) {
                    owner = m;
                }
            }
            if (owner.resource() instanceof DomainResource resource) {
                resource.addExtension(DeclarativeMapper.Z_SEGMENT_EXTENSION + z.type(), new StringType(z.segment().encode()));
            }
        }
    }
}
