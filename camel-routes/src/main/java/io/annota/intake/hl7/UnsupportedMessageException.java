package io.annota.intake.hl7;

import ca.uhn.hl7v2.ErrorCode;

/**
 * A message type or trigger event that intake does not map (anything but ADT^A01, A03, A04, A08). Answered
 * with AE, error code 200 (unsupported message type) or 201 (unsupported event code), location MSH-9.
 */
public class UnsupportedMessageException extends Hl7MappingException {

    private static final long serialVersionUID = 1L;

    public UnsupportedMessageException(ErrorCode errorCode, int component, String reason) {
        super(errorCode, "MSH", 9, component, reason);
    }
}
