package io.annota.intake.hl7.mapping;

import java.util.List;
import java.util.Map;

/**
 * One line of a segment or datatype map: where a value comes from, how it is converted, and the element it goes to.
 *
 * @param to the element written, relative to what the map builds
 * @param source where the value comes from
 * @param as a datatype map (builds the {@code to} element from a field or component) or a converter name; or null
 * @param map a vocabulary name, or null
 * @param when the rule applies only if this holds
 * @param join all repetitions joined into one text (one line each) instead of the first or one element each
 * @param defaults values set after a datatype map if the map left them empty (paths relative to {@code to})
 * @param at {@code file:line} for messages
 */
record Rule(TargetPath to, Source source, String as, String map, Condition when, boolean join,
        Map<TargetPath, String> defaults, String at) {

    /** Where a rule's value comes from. */
    sealed interface Source permits From, Constant, Ref, Lines {
    }

    /** HL7 positions tried in order, the first present one is used; empty when a converter reads the cursor. */
    record From(List<V2Path> alternatives) implements Source {
    }

    /** A fixed value. */
    record Constant(String value) implements Source {
    }

    /** A reference to the resource of another entry of the message map (all of them in scope if {@code all}). */
    record Ref(String entry, boolean all) implements Source {
    }

    /**
     * Text lines: every repetition of these positions in every segment in scope, in wire order, formatting escapes
     * decoded; segments of a type {@code where} names must satisfy it.
     */
    record Lines(List<V2Path> paths, Condition where) implements Source {
    }
}
