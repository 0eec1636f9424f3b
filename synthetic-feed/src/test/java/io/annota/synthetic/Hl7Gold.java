package io.annota.synthetic;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.util.Terser;
import java.util.ArrayList;
import java.util.List;

/** Reads values of a parsed HL7 v2 message at the paths of {@link PhiSpan} gold. */
final class Hl7Gold {

    private final List<Segment> segments = new ArrayList<>();

    Hl7Gold(Message message) throws HL7Exception {
        walk(message, segments);
    }

    /** Non-empty segments in message order. */
    List<Segment> segments() {
        return segments;
    }

    /** The {@code occurrence}-th (1-based) segment named {@code name}, or null. */
    Segment segment(String name, int occurrence) {
        int seen = 0;
        for (Segment segment : segments) {
            if (segment.getName().equals(name) && ++seen == occurrence) {
                return segment;
            }
        }
        return null;
    }

    /** The decoded value at a structured path, or the decoded text a free-text path names. */
    String value(Hl7Path path) throws HL7Exception {
        if (path.note()) {
            List<String> lines = new ArrayList<>();
            for (int n = path.occurrence(); n <= path.lastOccurrence(); n++) {
                Segment segment = segment(path.segment(), n);
                if (segment == null) {
                    return null;
                }
                int reps = segment.getField(path.field()).length;
                if (reps == 0) {
                    lines.add(""); // an empty OBX-5 is an empty line
                }
                for (int rep = 0; rep < reps; rep++) {
                    String line = Terser.get(segment, path.field(), rep, 1, 1);
                    lines.add(line == null ? "" : line);
                }
            }
            return String.join("\n", lines);
        }
        Segment segment = segment(path.segment(), path.occurrence());
        if (segment == null) {
            return null;
        }
        return Terser.get(segment, path.field(), path.repetition() - 1, Math.max(1, path.component()), 1);
    }

    /** First-repetition, first-component value of SEG-field, or null. */
    String get(String name, int field, int component) throws HL7Exception {
        Segment segment = segment(name, 1);
        return segment == null ? null : Terser.get(segment, field, 0, component, 1);
    }

    private static void walk(Group group, List<Segment> out) throws HL7Exception {
        for (String name : group.getNames()) {
            for (Structure structure : group.getAll(name)) {
                if (structure instanceof Segment segment) {
                    if (!segment.isEmpty()) {
                        out.add(segment);
                    }
                } else {
                    walk((Group) structure, out);
                }
            }
        }
    }
}
