package io.annota.intake.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.Location;
import io.annota.intake.channel.AckMode;
import io.annota.intake.channel.ChannelSettings;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One configured intake channel: what the channel's route calls for every message it receives, over MLLP or
 * from a file. Adds to {@link Hl7Intake} what belongs to a channel:
 *
 * <ul>
 *   <li>bytes to text by MSH-18 or the channel's character set ({@link Hl7Charsets}); the ACK is encoded in the
 *       same one;</li>
 *   <li>a size limit (larger messages: AR, ERR-3 207) and the message types the channel takes (others: AE 200,
 *       location MSH-9);</li>
 *   <li>a dead letter for every message that was not stored ({@link DeadLetters}); if even that fails the
 *       answer is an error the sender must resend on (AE, or CE in enhanced mode);</li>
 *   <li>original or enhanced acknowledgement (MSH-15/16, {@link AckMode}); in enhanced mode the accept ACK goes
 *       on the connection (CA once the message is stored or kept as a dead letter, CR for a message refused
 *       outright, CE when it could not be kept), and the application ACK (AA/AE/AR) to the channel's
 *       application ACK destination;</li>
 *   <li>statistics ({@link ChannelObserver}).</li>
 * </ul>
 *
 * <p>No Camel types: the route passes the payload and sends what {@link Reply} says. Thread-safe.
 */
public final class Hl7Channel {

    private static final Logger LOG = LoggerFactory.getLogger(Hl7Channel.class);

    static final String TOO_LARGE = "message exceeds the channel's maximum size";
    static final String NOT_ACCEPTED = "message type not accepted on this channel (MSH-9)";
    static final String NOT_KEPT = "message could not be stored or kept; send it again";

    /**
     * What to send back for one message.
     *
     * @param acknowledgement bytes to send on the connection, or {@code null} when MSH-15 asks for none
     * @param applicationAck enhanced mode: the application ACK to send to {@code applicationAckDestination}, or
     *        {@code null}
     * @param applicationAckDestination {@code host:port}, or {@code null}
     * @param outcome what became of the message
     * @param deadLetterId the dead letter the message was kept as, or {@code null}
     */
    public record Reply(byte[] acknowledgement, byte[] applicationAck, String applicationAckDestination,
            Hl7Intake.Outcome outcome, String deadLetterId) {
    }

    private final ChannelSettings settings;
    private final Hl7Intake intake;
    private final DeadLetters deadLetters;
    private final ChannelObserver observer;

    public Hl7Channel(ChannelSettings settings, Hl7Intake intake, DeadLetters deadLetters, ChannelObserver observer) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.intake = Objects.requireNonNull(intake, "intake");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    public ChannelSettings settings() {
        return settings;
    }

    /** Receives one message as bytes (MLLP payload or one message of a file). Never throws. */
    public Reply receive(byte[] payload) {
        long start = System.nanoTime();
        Hl7Charsets.Decoded decoded = Hl7Charsets.decode(payload, settings.defaultCharset());
        return receive(decoded.text(), payload.length, decoded.charset(), start);
    }

    /**
     * Receives the messages of one file: one message or many, bare or in FHS/BHS batches ({@link Hl7Batch}), in
     * the file's character set. Each message is handled as if it came over MLLP (dead letters, statistics) and
     * acknowledged in original mode into the report. Never throws.
     */
    public FileReport receiveFile(String fileName, byte[] content) {
        Hl7Charsets.Decoded decoded = Hl7Charsets.decode(content, settings.defaultCharset());
        Hl7Batch batch = Hl7Batch.split(decoded.text());
        List<FileReport.Line> lines = new ArrayList<>();
        for (String message : batch.messages()) {
            long start = System.nanoTime();
            Reply reply = receive(message, message.getBytes(decoded.charset()).length, decoded.charset(), start);
            lines.add(new FileReport.Line(reply.outcome(), reply.deadLetterId()));
        }
        FileReport report = new FileReport(fileName, lines, batch.problems());
        LOG.info("HL7 v2 file on channel {}: {} messages, {} stored, moved to {}", settings.id(), lines.size(),
                report.stored(), report.folder());
        return report;
    }

    private Reply receive(String text, int size, Charset charset, long start) {
        MessageHeader header = MessageHeader.read(Hl7v2Parser.normalise(text));
        Hl7Intake.Outcome outcome = screen(size, header);
        if (outcome == null) {
            outcome = intake.receive(text);
        }
        String deadLetter = null;
        boolean custody = outcome.stored();
        if (!custody) {
            try {
                deadLetter = deadLetters.keep(settings.id(), text, outcome);
                LOG.info("HL7 v2 message {} on channel {} kept as dead letter {}", outcome.code(), settings.id(),
                        deadLetter);
                custody = true;
            } catch (RuntimeException e) {
                LOG.error("HL7 v2 message on channel {} could not be kept as a dead letter: {}", settings.id(),
                        e.getClass().getName());
                outcome = refuse(header, AcknowledgmentCode.AE, ErrorCode.APPLICATION_INTERNAL_ERROR, null, NOT_KEPT);
            }
        }
        Reply reply = reply(header, outcome, custody, charset, deadLetter);
        observer.answered(settings.id(), outcome, deadLetter != null, System.nanoTime() - start);
        return reply;
    }

    /**
     * Processes a dead letter's text again (after a mapping fix): the answer is not sent anywhere and nothing new
     * is dead-lettered; the caller updates the dead letter. A message stored before gets its original ACK.
     */
    public Hl7Intake.Outcome replay(String text) {
        MessageHeader header = MessageHeader.read(Hl7v2Parser.normalise(text));
        Hl7Intake.Outcome outcome = screen(text.length(), header);
        return outcome != null ? outcome : intake.receive(text);
    }

    /**
     * The AE ACK for a message whose processing failed outside {@link #receive} (the route's error handler),
     * in the message's character set.
     */
    public byte[] internalError(byte[] payload) {
        Hl7Charsets.Decoded decoded = Hl7Charsets.decode(payload, settings.defaultCharset());
        return intake.internalError(decoded.text()).getBytes(decoded.charset());
    }

    /** The size and type checks of this channel: an outcome if the message is refused, else {@code null}. */
    private Hl7Intake.Outcome screen(int size, MessageHeader header) {
        if (size > settings.maxMessageBytes()) {
            return refuse(header, AcknowledgmentCode.AR, ErrorCode.APPLICATION_INTERNAL_ERROR, null,
                    TOO_LARGE + " of " + settings.maxMessageBytes() + " bytes");
        }
        if (header != null && header.encodingValid() && !header.get(9, 1).isEmpty()
                && !settings.accepts(Hl7Intake.type(header))) {
            return refuse(header, AcknowledgmentCode.AE, ErrorCode.UNSUPPORTED_MESSAGE_TYPE,
                    new Location().withSegmentName("MSH").withSegmentRepetition(1).withField(9), NOT_ACCEPTED);
        }
        return null;
    }


    private Hl7Intake.Outcome refuse(MessageHeader header, AcknowledgmentCode code, ErrorCode error,
            Location location, String reason) {
        String ack = intake.acks().forHeader(header, code, new AckFactory.Problem(error, location, reason));
        return new Hl7Intake.Outcome(ack, code, error.getCode(), reason, Hl7Intake.type(header),
                header == null ? "" : header.get(10, 1), false);
    }

    private Reply reply(MessageHeader header, Hl7Intake.Outcome outcome, boolean custody, Charset charset,
            String deadLetter) {
        if (!enhanced(header)) {
            return new Reply(outcome.ack().getBytes(charset), null, null, outcome, deadLetter);
        }
        AcknowledgmentCode accept;
        if (!custody) {
            accept = AcknowledgmentCode.CE;
        } else if (outcome.code() == AcknowledgmentCode.AR) {
            accept = AcknowledgmentCode.CR;
        } else {
            accept = AcknowledgmentCode.CA;
        }
        AckFactory.Problem problem = accept == AcknowledgmentCode.CA ? null
                : new AckFactory.Problem(ErrorCode.errorCodeFor(outcome.errorCode()), null, outcome.reason());
        byte[] acceptAck = wanted(header.get(15, 1), accept == AcknowledgmentCode.CA)
                ? intake.acks().forHeader(header, accept, problem).getBytes(charset) : null;
        byte[] applicationAck = wanted(header.get(16, 1), outcome.stored()) && custody
                ? outcome.ack().getBytes(charset) : null;
        return new Reply(acceptAck, applicationAck, settings.applicationAckDestination(), outcome, deadLetter);
    }

    private boolean enhanced(MessageHeader header) {
        if (settings.kind() == ChannelSettings.Kind.FILE) {
            return false; // a file has no connection to answer on; its report holds the original-mode codes
        }
        return switch (settings.ackMode()) {
            case ORIGINAL -> false;
            case ENHANCED -> header != null && header.encodingValid();
            case AUTO -> header != null && (!header.get(15, 1).isBlank() || !header.get(16, 1).isBlank());
        };
    }

    /** MSH-15/16 (HL7 table 0155): AL or empty always, NE never, ER on errors only, SU on success only. */
    static boolean wanted(String condition, boolean success) {
        return switch (condition.trim().toUpperCase(Locale.ROOT)) {
            case "NE" -> false;
            case "ER" -> !success;
            case "SU" -> success;
            default -> true;
        };
    }
}
