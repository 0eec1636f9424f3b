package io.annota.intake.hl7.mapping;

import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.model.GenericMessage;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.util.Terser;
import io.annota.deid.Pseudonymizer;
import io.annota.intake.hl7.Hl7MappingException;
import io.annota.intake.hl7.Hl7MessageMapper;
import io.annota.intake.hl7.Hl7Timestamps;
import io.annota.intake.hl7.UnsupportedMessageException;
import io.annota.intake.hl7.mapping.Maps.MessageMap;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Objects;
import org.hl7.fhir.r4.model.Bundle;

/**
 * Maps HL7 v2 messages to FHIR R4 transactions by interpreting {@link V2ToFhirMappings}: the message map of
 * MSH-9.1^MSH-9.2 names the resources, segment maps fill them, datatype maps and vocabularies convert fields.
 * Every resource is a {@code PUT} with an id from {@link Pseudonymizer#resourceId(String, String)} over the key
 * its entry declares, so a resend or an update lands on the same resources and no source identifier appears in
 * a URL. The mapping copies data as sent; de-identification happens later, in the server.
 *
 * <p>Errors are {@link UnsupportedMessageException} (no message map: 200 for the type, 201 for the trigger,
 * 200 at MSH-9.3 for an unknown structure) and {@link Hl7MappingException} (required segment missing 100, key
 * field missing 101, a value that does not convert 102); their texts name segments and fields, never values.
 * Stateless apart from the mappings; thread-safe.
 */
public final class DeclarativeMapper implements Hl7MessageMapper {

    /** Prefix of Identifier.system for HL7 v2 identifiers; the assigning authority follows, URL-encoded. */
    public static final String IDENTIFIER_SYSTEM_PREFIX = Converters.IDENTIFIER_SYSTEM_PREFIX;
    /** Extension URL prefix of a Z-segment kept as an extension; the segment name follows. */
    public static final String Z_SEGMENT_EXTENSION = "urn:annota:hl7v2:segment:";

    private final V2ToFhirMappings mappings;
    private final Pseudonymizer pseudonymizer;
    private final Hl7Timestamps timestamps;

    /**
     * @param mappings the mappings to interpret ({@link V2ToFhirMappings#builtIn()} or with overrides)
     * @param pseudonymizer makes the resource ids
     * @param defaultZone zone of HL7 time stamps that carry no offset (e.g. the sender's local zone)
     */
    public DeclarativeMapper(V2ToFhirMappings mappings, Pseudonymizer pseudonymizer, ZoneId defaultZone) {
        this.mappings = Objects.requireNonNull(mappings, "mappings");
        this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
        this.timestamps = new Hl7Timestamps(Objects.requireNonNull(defaultZone, "defaultZone"));
    }

    @Override
    public Bundle map(Message message) throws Hl7MappingException {
        Objects.requireNonNull(message, "message");
        try {
            MessageMap map = messageMap(message);
            return new MessageRun(mappings, pseudonymizer, timestamps, map, SegmentIndex.of(message)).run();
        } catch (HL7Exception e) {
            // thrown by HAPI for a structural problem while reading; its text may quote data, so drop it
            throw new Hl7MappingException(ErrorCode.APPLICATION_INTERNAL_ERROR, null, 0, 0,
                    "message structure could not be read");
        }
    }

    private MessageMap messageMap(Message message) throws HL7Exception, UnsupportedMessageException {
        Segment msh = (Segment) message.get("MSH");
        String type = upper(Terser.get(msh, 9, 0, 1, 1));
        String trigger = upper(Terser.get(msh, 9, 0, 2, 1));
        if (type == null || !mappings.messageTypes().contains(type)) {
            throw new UnsupportedMessageException(ErrorCode.UNSUPPORTED_MESSAGE_TYPE, 1,
                    "unsupported message type in MSH-9.1; accepted: " + String.join(", ", mappings.messageTypes()));
        }
        MessageMap map = trigger == null ? null : mappings.message(type + "^" + trigger);
        if (map == null) {
            throw new UnsupportedMessageException(ErrorCode.UNSUPPORTED_EVENT_CODE, 2,
                    "unsupported trigger event in MSH-9.2 for message type " + type);
        }
        if (message instanceof GenericMessage) {
            throw new UnsupportedMessageException(ErrorCode.UNSUPPORTED_MESSAGE_TYPE, 3,
                    "message structure in MSH-9.3 is not recognised");
        }
        return map;
    }

    private static String upper(String value) {
        return value == null || value.isBlank() ? null : value.trim().toUpperCase(Locale.ROOT);
    }
}
