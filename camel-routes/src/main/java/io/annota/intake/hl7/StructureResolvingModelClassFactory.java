package io.annota.intake.hl7;

import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.GenericMessage;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.parser.CanonicalModelClassFactory;

/**
 * Canonical model class factory (every supported version parses into one set of structures) that also
 * resolves a message structure named after its trigger event.
 *
 * <p>Senders often put a name such as {@code ADT_A04} or {@code ADT_A08} into MSH-9.3, although HL7 defines
 * A04 and A08 with the structure {@code ADT_A01}. HAPI looks such a name up as a class, finds none and falls
 * back to a flat {@link GenericMessage}. This factory retries such names through HAPI's event-to-structure
 * map before giving up.
 */
final class StructureResolvingModelClassFactory extends CanonicalModelClassFactory {

    StructureResolvingModelClassFactory(String canonicalVersion) {
        super(canonicalVersion);
    }

    @Override
    public Class<? extends Message> getMessageClass(String name, String version, boolean isExplicit)
            throws HL7Exception {
        Class<? extends Message> found = super.getMessageClass(name, version, isExplicit);
        if (isExplicit && name != null && isGeneric(found)) {
            // the explicit name is not a known structure; treat it as an event name (ADT_A04 -> ADT_A01)
            Class<? extends Message> byEvent = super.getMessageClass(name, version, false);
            if (!isGeneric(byEvent)) {
                return byEvent;
            }
        }
        return found;
    }

    static boolean isGeneric(Class<? extends Message> type) {
        return type == null || GenericMessage.class.isAssignableFrom(type);
    }
}
