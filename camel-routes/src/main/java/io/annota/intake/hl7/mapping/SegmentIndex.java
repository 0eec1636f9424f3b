package io.annota.intake.hl7.mapping;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The non-empty segments of one parsed message in wire order, each with the group instances around it.
 *
 * <p>Mapping rules name segment types (OBR, PID), not positions in a structure, so one rule serves every
 * structure and version. "The OBR of this OBX" is found by scope: the innermost group around the OBX that holds
 * any OBR (its ORDER_OBSERVATION); within it, the nearest OBR before the OBX, else the first after it. Two
 * patients in one A17 pair up with their PV1 segments the same way (the nearest PID before each PV1).
 */
final class SegmentIndex {

    /**
     * One segment of the message.
     *
     * @param type segment type ({@code PID}; Z-segments keep their own name)
     * @param position index in wire order
     * @param groups the group instances around the segment, the message first
     */
    record Occurrence(Segment segment, String type, int position, List<Group> groups) {

        boolean inside(Group group) {
            for (Group g : groups) {
                if (g == group) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<Occurrence> occurrences;

    private SegmentIndex(List<Occurrence> occurrences) {
        this.occurrences = occurrences;
    }

    static SegmentIndex of(Message message) throws HL7Exception {
        List<Occurrence> out = new ArrayList<>();
        collect(message, new ArrayList<>(List.of(message)), out);
        return new SegmentIndex(List.copyOf(out));
    }

    private static void collect(Group group, List<Group> path, List<Occurrence> out) throws HL7Exception {
        for (String name : group.getNames()) {
            for (Structure structure : group.getAll(name)) {
                if (structure instanceof Group child) {
                    path.add(child);
                    collect(child, path, out);
                    path.remove(path.size() - 1);
                } else if (structure instanceof Segment segment && !segment.isEmpty()) {
                    out.add(new Occurrence(segment, segment.getName(), out.size(), List.copyOf(path)));
                }
            }
        }
    }

    List<Occurrence> all() {
        return occurrences;
    }

    List<Occurrence> all(String type) {
        return occurrences.stream().filter(o -> o.type().equals(type)).toList();
    }

    /**
     * The candidates in the innermost group around {@code from} that holds any of them (all candidates when
     * {@code from} is null or none is inside any group around it).
     */
    static <T> List<T> scope(Occurrence from, List<T> candidates, Function<T, Occurrence> occurrenceOf) {
        if (from == null || candidates.isEmpty()) {
            return candidates;
        }
        for (int i = from.groups().size() - 1; i >= 0; i--) {
            Group group = from.groups().get(i);
            List<T> inGroup = candidates.stream().filter(c -> occurrenceOf.apply(c).inside(group)).toList();
            if (!inGroup.isEmpty()) {
                return inGroup;
            }
        }
        return candidates;
    }

    /** Of the candidates in scope of {@code from}: the nearest one before it, else the first; or null. */
    static <T> T nearest(Occurrence from, List<T> candidates, Function<T, Occurrence> occurrenceOf) {
        List<T> scope = scope(from, candidates, occurrenceOf);
        T best = null;
        for (T candidate : scope) {
            if (from != null && occurrenceOf.apply(candidate).position() <= from.position()) {
                best = candidate;
            }
        }
        return best != null ? best : scope.isEmpty() ? null : scope.get(0);
    }

    /** The segments of the given types in scope of {@code from}, in wire order. */
    List<Occurrence> inScope(Occurrence from, Set<String> types) {
        return scope(from, occurrences.stream().filter(o -> types.contains(o.type())).toList(), o -> o);
    }

    /** The segment of {@code type} nearest to {@code from} in its scope ({@code from} itself if of that type). */
    Occurrence nearest(Occurrence from, String type) {
        return nearest(from, all(type), o -> o);
    }
}
