package io.annota.intake.hl7;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.Location;

/**
 * A parsed HL7 v2 message that cannot be mapped to FHIR. {@link Hl7Intake} answers it with an AE ACK whose ERR
 * segment carries {@link #errorCode()} (HL7 table 0357) and the location (segment, field, component).
 *
 * <p>The message text names segments and fields only, never their values, so it may be sent back in the ACK
 * and written to logs.
 */
public class Hl7MappingException extends Exception {

    private static final long serialVersionUID = 1L;

    private final ErrorCode errorCode;
    private final String segment;
    private final int field;
    private final int component;

    /**
     * @param errorCode HL7 table 0357 error code
     * @param segment segment id ("PID"), or {@code null} if the error has no location
     * @param field field position, or 0
     * @param component component position, or 0
     * @param reason text without patient data
     */
    public Hl7MappingException(ErrorCode errorCode, String segment, int field, int component, String reason) {
        super(reason);
        this.errorCode = errorCode;
        this.segment = segment;
        this.field = field;
        this.component = component;
    }

    /** Table 0357 code, e.g. 101 for a missing required field. */
    public int errorCode() {
        return errorCode.getCode();
    }

    public ErrorCode error() {
        return errorCode;
    }

    /** Segment id of the error location, or {@code null}. */
    public String segment() {
        return segment;
    }

    /** Field position of the error location, or 0. */
    public int field() {
        return field;
    }

    /** Component position of the error location, or 0. */
    public int component() {
        return component;
    }

    /** The error location as HAPI's {@link Location}, or {@code null}. */
    Location location() {
        if (segment == null) {
            return null;
        }
        Location location = new Location().withSegmentName(segment).withSegmentRepetition(1);
        if (field > 0) {
            location.withField(field);
            if (component > 0) {
                location.withFieldRepetition(1).withComponent(component);
            }
        }
        return location;
    }

    HL7Exception toHl7Exception() {
        HL7Exception e = new HL7Exception(getMessage(), errorCode);
        e.setLocation(location());
        return e;
    }
}
