package io.annota.intake.hl7.mapping;

import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import java.util.List;

/** The three kinds of map of the HL7 v2-to-FHIR IG, as loaded from mapping files. */
final class Maps {

    private Maps() {
    }

    /**
     * Builds one FHIR data type from one HL7 field repetition or component (CX to Identifier).
     *
     * @param requires the element is kept only if one of these has a value (empty: if anything was set)
     */
    record DatatypeMap(String name, BaseRuntimeElementCompositeDefinition<?> fhirType, List<Rule> rules,
            List<TargetPath> requires, String at) {
    }

    /**
     * Maps one segment onto a resource, or onto a new element of it for each segment ({@code Patient.contact} for
     * NK1).
     *
     * @param resource the resource type the rules start from
     * @param under the repeating element each segment adds, or null to write on the resource itself
     */
    record SegmentMap(String name, String segment, String resource, TargetPath under, List<Rule> rules, String at) {
    }

    /** A message map: the resources one message type and trigger event become. */
    record MessageMap(String key, String structure, List<Entry> entries, String at) {

        String type() {
            return key.substring(0, key.indexOf('^'));
        }
    }

    /**
     * One resource (or one per segment, if {@code each}) of a message map.
     *
     * @param name how rules refer to it ({@code ref: patient}, key part {@code @patient})
     * @param segment the segment type it is made from
     * @param map the segment map applied to that segment
     * @param each one resource per segment of that type (else the first only)
     * @param required a message without that segment is rejected
     * @param where segments that do not satisfy it make no resource
     * @param keys candidate keys of the resource id, the first complete one is used
     * @param adds further segments in scope mapped onto the same resource
     */
    record Entry(String name, String resource, String segment, String map, boolean each, boolean required,
            Condition where, List<Key> keys, List<Add> adds, String at) {
    }

    /** Another segment type mapped onto an entry's resource with its own segment map. */
    record Add(String segment, String map, String at) {
    }

    /** A resource key: parts joined with {@code |}; the key is complete when every part has a value. */
    record Key(List<KeyPart> parts) {
    }

    /** One part of a key: the first of its terms that has a value. */
    record KeyPart(List<KeyTerm> terms) {
    }

    /** An HL7 position, a quoted literal ({@code 'F'}, {@code ''}) or the id of another entry ({@code @patient}). */
    record KeyTerm(V2Path path, String literal, String entry) {
    }
}
