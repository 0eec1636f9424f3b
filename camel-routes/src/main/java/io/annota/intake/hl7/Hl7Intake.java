package io.annota.intake.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.Location;
import ca.uhn.hl7v2.model.Message;
import io.annota.deid.Pseudonymizer;
import io.annota.intake.hl7.mapping.DeclarativeMapper;
import io.annota.intake.hl7.mapping.V2ToFhirMappings;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import org.hl7.fhir.r4.model.Bundle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bean the MLLP route calls for every inbound HL7 v2 message: parse, map to a FHIR transaction, store,
 * acknowledge (original mode).
 *
 * <ul>
 *   <li><b>AA</b>: stored; sent only after {@link FhirTransactionSink#store(Bundle)} has returned.</li>
 *   <li><b>AR</b>: not an HL7 v2 message we can parse: no MSH segment first (ERR-3 100), unusable MSH-1/MSH-2
 *       encoding characters (102), or HAPI's parser failed (the parser's error code, else 102). MSA-2 is the
 *       inbound MSH-10 if the MSH can be read, else empty.</li>
 *   <li><b>AE</b>: parsed but not mapped (unsupported type 200 / trigger 201, missing PID 100, missing PID-3
 *       101, unreadable date 102; ERR-2 names segment and field), or storage failed (207, "storage
 *       failed").</li>
 * </ul>
 *
 * <p>The ACK's MSH swaps sending and receiving application and facility, keeps MSH-12 of the inbound message,
 * has MSH-9 {@code ACK^<trigger>^ACK} and a new control id. Reasons in MSA-3, ERR-3.9 and ERR-8 are fixed texts
 * naming segments and fields, never values. Logs contain outcome, error code and exception class only.
 * A message whose sender and control id (MSH-3, MSH-4, MSH-10) were stored before is answered with the ACK it got
 * then, and nothing is stored again ({@link StoredMessages}). {@link #handle(String)} never throws an exception.
 * Thread-safe.
 */
public final class Hl7Intake {

    private static final Logger LOG = LoggerFactory.getLogger(Hl7Intake.class);

    static final String STORAGE_FAILED = "storage failed";
    static final String INTERNAL_ERROR = "internal error";

    /**
     * What became of one message: the ACK to send (original mode), its code, and for AE/AR the table 0357 error
     * code and the fixed reason text; message type ({@code MSH-9.1^MSH-9.2}) and control id (MSH-10) as far as
     * the header could be read (else ""), for metrics, dead letters and enhanced-mode acknowledgements. Carries
     * no patient data.
     *
     * @param resent the message had been stored before and was answered with its original ACK
     */
    public record Outcome(String ack, AcknowledgmentCode code, int errorCode, String reason, String messageType,
            String controlId, boolean resent) {

        public boolean stored() {
            return code == AcknowledgmentCode.AA;
        }
    }

    private final Hl7v2Parser parser;
    private final Hl7MessageMapper mapper;
    private final FhirTransactionSink sink;
    private final StoredMessages stored;
    private final Pseudonymizer pseudonymizer;
    private final AckFactory acks;

    /** Intake reading time stamps without an offset as UTC, remembering stored messages in memory. */
    public Hl7Intake(Pseudonymizer pseudonymizer, FhirTransactionSink sink) {
        this(pseudonymizer, ZoneOffset.UTC, sink, new InMemoryStoredMessages());
    }

    /** Intake reading time stamps without an offset in {@code defaultZone}. */
    public Hl7Intake(Pseudonymizer pseudonymizer, ZoneId defaultZone, FhirTransactionSink sink, StoredMessages stored) {
        this(new DeclarativeMapper(V2ToFhirMappings.builtIn(), pseudonymizer, defaultZone), pseudonymizer, sink, stored);
    }

    /** Intake mapping with {@code mapper}; {@code pseudonymizer} keys the remembered messages. */
    public Hl7Intake(Hl7MessageMapper mapper, Pseudonymizer pseudonymizer, FhirTransactionSink sink,
            StoredMessages stored) {
        this.parser = new Hl7v2Parser();
        this.mapper = Objects.requireNonNull(mapper, "mapper");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.stored = Objects.requireNonNull(stored, "stored");
        this.pseudonymizer = Objects.requireNonNull(pseudonymizer, "pseudonymizer");
        this.acks = new AckFactory(parser);
    }

    /**
     * Handles one inbound message.
     *
     * @param rawMessage ER7 text as received (CR, LF or CRLF between segments; a leading BOM is ignored)
     * @return the ER7 ACK to send back; never {@code null}
     */
    public String handle(String rawMessage) {
        return receive(rawMessage).ack();
    }

    /**
     * Handles one inbound message like {@link #handle(String)} and tells what became of it. Never throws.
     *
     * @param rawMessage ER7 text as received (CR, LF or CRLF between segments; a leading BOM is ignored)
     */
    public Outcome receive(String rawMessage) {
        try {
            return process(rawMessage);
        } catch (Exception e) {
            LOG.error("HL7 v2 intake failed unexpectedly: {}", e.getClass().getName());
            return new Outcome(internalError(rawMessage), AcknowledgmentCode.AE,
                    ErrorCode.APPLICATION_INTERNAL_ERROR.getCode(), INTERNAL_ERROR, "", "", false);
        }
    }

    /** The ACK builder, for a channel's own answers (size, type, enhanced mode). */
    AckFactory acks() {
        return acks;
    }

    /**
     * An AE ACK (ERR-3 207, "internal error") for {@code rawMessage}, for the route's error handler when
     * something unexpected escaped. Addresses the sender and quotes MSH-10 if the MSH can be read. Never throws.
     */
    public String internalError(String rawMessage) {
        AckFactory.Problem problem = new AckFactory.Problem(ErrorCode.APPLICATION_INTERNAL_ERROR, null, INTERNAL_ERROR);
        MessageHeader header;
        try {
            header = MessageHeader.read(Hl7v2Parser.normalise(rawMessage));
        } catch (RuntimeException e) {
            header = null;
        }
        return acks.forHeader(header, AcknowledgmentCode.AE, problem);
    }

    private Outcome process(String rawMessage) {
        String text = Hl7v2Parser.normalise(rawMessage);
        MessageHeader header = MessageHeader.read(text);
        if (header == null) {
            return reject(null, new AckFactory.Problem(ErrorCode.SEGMENT_SEQUENCE_ERROR,
                    new Location().withSegmentName("MSH").withSegmentRepetition(1),
                    "message does not start with an MSH segment"));
        }
        if (!header.encodingValid()) {
            return reject(header, new AckFactory.Problem(ErrorCode.DATA_TYPE_ERROR,
                    new Location().withSegmentName("MSH").withSegmentRepetition(1).withField(2),
                    "invalid field separator or encoding characters (MSH-1, MSH-2)"));
        }

        String key = messageKey(header);
        if (key != null) {
            Optional<String> original = stored.acknowledgement(key);
            if (original.isPresent()) {
                LOG.info("HL7 v2 message sent again: answered with the ACK it got when it was stored");
                return new Outcome(original.get(), AcknowledgmentCode.AA, 0, "", type(header), header.get(10, 1),
                        true);
            }
        }

        Message message;
        try {
            message = parser.parse(text);
        } catch (HL7Exception e) {
            ErrorCode code = e.getError() == null || e.getError() == ErrorCode.APPLICATION_INTERNAL_ERROR
                    ? ErrorCode.DATA_TYPE_ERROR : e.getError();
            return reject(header, new AckFactory.Problem(code, safeLocation(e.getLocation()),
                    "message could not be parsed"));
        } catch (RuntimeException e) {
            // HAPI occasionally fails on malformed input with an unchecked exception; still a parse failure
            return reject(header, new AckFactory.Problem(ErrorCode.DATA_TYPE_ERROR, null, "message could not be parsed"));
        }

        Bundle bundle;
        try {
            bundle = mapper.map(message);
        } catch (Hl7MappingException e) {
            LOG.warn("HL7 v2 message not mapped: AE, error code {} at {}", e.errorCode(), describe(e.location()));
            return error(header, acks.forMessage(message, text, AcknowledgmentCode.AE,
                    new AckFactory.Problem(e.error(), e.location(), e.getMessage())), e.error(), e.getMessage());
        }

        try {
            sink.store(bundle);
        } catch (RuntimeException e) {
            LOG.warn("HL7 v2 message not stored: AE, cause {}", e.getClass().getName());
            return error(header, acks.forMessage(message, text, AcknowledgmentCode.AE,
                    new AckFactory.Problem(ErrorCode.APPLICATION_INTERNAL_ERROR, null, STORAGE_FAILED)),
                    ErrorCode.APPLICATION_INTERNAL_ERROR, STORAGE_FAILED);
        }
        String ack = acks.forMessage(message, text, AcknowledgmentCode.AA, null);
        if (key != null) {
            try {
                stored.remember(key, ack);
            } catch (RuntimeException e) {
                // stored all the same: a resend would store the same resources again, unchanged
                LOG.warn("HL7 v2 message stored but not remembered for resends: {}", e.getClass().getName());
            }
        }
        return new Outcome(ack, AcknowledgmentCode.AA, 0, "", type(header), header.get(10, 1), false);
    }

    private static Outcome error(MessageHeader header, String ack, ErrorCode code, String reason) {
        return new Outcome(ack, AcknowledgmentCode.AE, code.getCode(), reason, type(header), header.get(10, 1),
                false);
    }

    /** {@code MSH-9.1^MSH-9.2} as sent, or "" when the header cannot be read. */
    static String type(MessageHeader header) {
        if (header == null || header.get(9, 1).isEmpty()) {
            return "";
        }
        return header.get(9, 1) + "^" + header.get(9, 2);
    }

    /**
     * The key of a message among those sent before: a keyed hash of sending application, sending facility and
     * control id (MSH-3, MSH-4, MSH-10), or null when MSH-10 is empty (such a message cannot be recognised).
     */
    private String messageKey(MessageHeader header) {
        String controlId = header.get(10, 1);
        if (controlId.isEmpty()) {
            return null;
        }
        return pseudonymizer.pseudonym("hl7v2-message", header.get(3, 1) + '\u001f' + header.get(4, 1) + '\u001f' + controlId);
    }

    private Outcome reject(MessageHeader header, AckFactory.Problem problem) {
        LOG.warn("HL7 v2 message rejected: AR, error code {} at {}", problem.code().getCode(),
                describe(problem.location()));
        return new Outcome(acks.forHeader(header, AcknowledgmentCode.AR, problem), AcknowledgmentCode.AR,
                problem.code().getCode(), problem.text(), type(header), header == null ? "" : header.get(10, 1),
                false);
    }

    /** HAPI's location without anything but segment name and positions. */
    private static Location safeLocation(Location location) {
        if (location == null || location.getSegmentName() == null
                || !location.getSegmentName().matches("[A-Z][A-Z0-9]{2}")) {
            return null;
        }
        Location safe = new Location().withSegmentName(location.getSegmentName())
                .withSegmentRepetition(Math.max(1, location.getSegmentRepetition()));
        if (location.getField() > 0) {
            safe.withField(location.getField());
        }
        return safe;
    }

    private static String describe(Location location) {
        return location == null ? "-" : location.toString();
    }
}
