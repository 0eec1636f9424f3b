package io.annota.intake.hl7.mapping;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.Group;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.Structure;
import ca.uhn.hl7v2.parser.DefaultModelClassFactory;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import io.annota.intake.hl7.Hl7v2Parser;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What mapping files may name, taken from HAPI's canonical structures (every version parses into them): message
 * structures, the segment types each contains, and the number of fields of each segment. Z-segments are
 * site-defined: any {@code Z..} name is accepted with any field number.
 */
final class V2Structures {

    private static final String PACKAGE = "ca.uhn.hl7v2.model.v"
            + Hl7v2Parser.CANONICAL_VERSION.replace(".", "") + ".";

    private V2Structures() {
    }

    static boolean isZSegment(String type) {
        return type.startsWith("Z");
    }

    /** The segment types of a message structure ({@code ADT_A01}), or null if there is no such structure. */
    static Set<String> segmentsOf(String structure) {
        try {
            Class<?> type = Class.forName(PACKAGE + "message." + structure.toUpperCase(Locale.ROOT));
            Message message = (Message) type.getConstructor().newInstance();
            Set<String> out = new LinkedHashSet<>();
            collect(message, out);
            return out;
        } catch (ReflectiveOperationException | ClassCastException | HL7Exception e) {
            return null;
        }
    }

    private static void collect(Group group, Set<String> out) throws HL7Exception {
        for (String name : group.getNames()) {
            Structure structure = group.get(name);
            if (structure instanceof Group child) {
                collect(child, out);
            } else {
                out.add(structure.getName());
            }
        }
    }

    /** Number of fields of a segment type; {@code Integer.MAX_VALUE} for Z-segments; -1 if unknown. */
    static int fieldCount(String segment) {
        if (isZSegment(segment)) {
            return Integer.MAX_VALUE;
        }
        try {
            Class<?> type = Class.forName(PACKAGE + "segment." + segment);
            // a segment needs a parent message to build its fields; any message will do
            Message parent = (Message) Class.forName(PACKAGE + "message.ACK").getConstructor().newInstance();
            Segment instance = (Segment) type.getConstructor(Group.class, ModelClassFactory.class)
                    .newInstance(parent, new DefaultModelClassFactory());
            return instance.numFields();
        } catch (ReflectiveOperationException | ClassCastException e) {
            return -1;
        }
    }
}
