package io.annota.intake.hl7;

import ca.uhn.hl7v2.model.Message;
import org.hl7.fhir.r4.model.Bundle;

/** Turns one parsed HL7 v2 message into the FHIR R4 transaction that stores it. Implementations are thread-safe. */
public interface Hl7MessageMapper {

    /**
     * @return a transaction bundle whose entries are all conditional on nothing but their keyed ids (PUT), so a
     *         message mapped twice stores the same resources
     * @throws UnsupportedMessageException if no mapping exists for the message's type, trigger or structure
     * @throws Hl7MappingException if a required segment or field is missing or a field cannot be read; its text
     *         names segments and fields, never values
     */
    Bundle map(Message message) throws Hl7MappingException;
}
