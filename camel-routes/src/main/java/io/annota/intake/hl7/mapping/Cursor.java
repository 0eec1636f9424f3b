package io.annota.intake.hl7.mapping;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Type;
import ca.uhn.hl7v2.util.Terser;
import io.annota.intake.hl7.mapping.SegmentIndex.Occurrence;
import java.util.List;

/**
 * Where a rule reads: a segment, narrowed by a datatype map to one field repetition and possibly one component.
 * Relative positions in rules continue from the narrowest level fixed here (field, then component, then
 * subcomponent). Values are trimmed; empty values and the HL7 null {@code ""} read as {@code null}.
 *
 * @param field 0 while the cursor is on the whole segment
 * @param component 0 unless a datatype map applies to a component
 */
record Cursor(Occurrence occurrence, int field, int rep, int component) {

    static Cursor of(Occurrence occurrence) {
        return new Cursor(occurrence, 0, 0, 0);
    }

    /** Levels already fixed: 0 segment, 1 field repetition, 2 component. */
    int depth() {
        return field == 0 ? 0 : component == 0 ? 1 : 2;
    }

    /** The cursor on the first position of {@code positions} (a field repetition or a component). */
    Cursor narrow(List<Integer> positions, int repetition) {
        int[] levels = levels(positions);
        return depth() == 0
                ? new Cursor(occurrence, levels[0], repetition, positions.size() > 1 ? levels[1] : 0)
                : new Cursor(occurrence, field, rep, levels[1]);
    }

    /** Repetitions of the field {@code positions} starts with (segment-level cursors only), at least 1. */
    int repetitions(List<Integer> positions) {
        if (depth() > 0 || occurrence == null) {
            return 1;
        }
        try {
            return Math.max(1, occurrence.segment().getField(positions.get(0)).length);
        } catch (HL7Exception | RuntimeException e) {
            return 1;
        }
    }

    /** The value at {@code positions} relative to this cursor (empty positions: the cursor's own value). */
    String read(List<Integer> positions) {
        if (occurrence == null) {
            return null;
        }
        int[] levels = levels(positions);
        try {
            Type[] reps = occurrence.segment().getField(levels[0]);
            if (rep >= reps.length) {
                return null;
            }
            return clean(Terser.get(occurrence.segment(), levels[0], rep, levels[1], levels[2]));
        } catch (HL7Exception | RuntimeException e) {
            return null; // a field beyond the segment's definition reads as absent
        }
    }

    /** Non-empty components of the current field repetition (or component), in order. */
    List<String> components() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        for (int c = 1; c <= 20; c++) {
            String value = read(List.of(c));
            if (value != null) {
                out.add(value);
            }
        }
        return out;
    }

    /** field, component, subcomponent: the cursor's fixed levels, then {@code positions}, then 1s. */
    private int[] levels(List<Integer> positions) {
        int[] out = {field, component, 1};
        int level = depth();
        if (level == 1) {
            out[1] = 1;
        }
        for (int p : positions) {
            out[level++] = p;
        }
        if (out[1] == 0) {
            out[1] = 1;
        }
        return out;
    }

    private static String clean(String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.trim();
        return trimmed.isEmpty() || "\"\"".equals(trimmed) ? null : trimmed;
    }
}
