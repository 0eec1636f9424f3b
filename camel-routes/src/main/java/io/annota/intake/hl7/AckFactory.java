package io.annota.intake.hl7;

import ca.uhn.hl7v2.AcknowledgmentCode;
import ca.uhn.hl7v2.ErrorCode;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.Location;
import ca.uhn.hl7v2.Version;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.model.primitive.CommonTS;
import ca.uhn.hl7v2.model.v251.message.ACK;
import ca.uhn.hl7v2.util.Terser;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.GregorianCalendar;
import java.util.regex.Pattern;

/**
 * Builds ER7 acknowledgements (original mode). Text placed in MSA-3, ERR-3.9 and ERR-8 comes only from this
 * application (never from the inbound message or from a third-party exception), so ACKs carry no patient data.
 */
final class AckFactory {

    /** What went wrong: HL7 table 0357 code, location (may be {@code null}), text without patient data. */
    record Problem(ErrorCode code, Location location, String text) {

        HL7Exception toHl7Exception() {
            HL7Exception e = new HL7Exception(text, code);
            e.setLocation(location);
            return e;
        }
    }

    private static final DateTimeFormatter LAST_RESORT_TIME = DateTimeFormatter.ofPattern("yyyyMMddHHmmssZ");
    private static final Pattern VERSION = Pattern.compile("2\\.\\d{1,2}(\\.\\d{1,2})?");

    private final Hl7v2Parser parser;

    AckFactory(Hl7v2Parser parser) {
        this.parser = parser;
    }

    /**
     * ACK for a parsed message, built by HAPI's {@link Message#generateACK(AcknowledgmentCode, HL7Exception)}
     * and completed: full HD components of MSH-3..6, MSH-9.3 "ACK", MSA-3 and ERR-8 (and ERR-1 for versions
     * before 2.5). Falls back to {@link #forHeader} if HAPI cannot build it.
     */
    String forMessage(Message in, String normalisedText, AcknowledgmentCode code, Problem problem) {
        try {
            Message ack = in.generateACK(code, problem == null ? null : problem.toHl7Exception());
            Segment mshIn = (Segment) in.get("MSH");
            Segment mshOut = (Segment) ack.get("MSH");
            for (int c = 1; c <= 3; c++) {
                Terser.set(mshOut, 3, 0, c, 1, Terser.get(mshIn, 5, 0, c, 1));
                Terser.set(mshOut, 4, 0, c, 1, Terser.get(mshIn, 6, 0, c, 1));
                Terser.set(mshOut, 5, 0, c, 1, Terser.get(mshIn, 3, 0, c, 1));
                Terser.set(mshOut, 6, 0, c, 1, Terser.get(mshIn, 4, 0, c, 1));
            }
            Terser.set(mshOut, 9, 0, 3, 1, "ACK");
            complete(ack, Terser.get(mshIn, 12, 0, 1, 1), problem);
            return parser.pipeParser().encode(ack);
        } catch (HL7Exception | IOException | RuntimeException e) {
            return forHeader(MessageHeader.read(normalisedText), code, problem);
        }
    }

    /**
     * ACK built from a lenient reading of the inbound MSH ({@code header}; {@code null} if there is none): MSA-2
     * is the inbound MSH-10 or empty, MSH-12 the inbound version if it looks like one, else 2.5.1.
     */
    String forHeader(MessageHeader header, AcknowledgmentCode code, Problem problem) {
        try {
            ACK ack = new ACK(parser.modelClassFactory());
            ack.setParser(parser.pipeParser());
            Segment msh = ack.getMSH();
            Terser.set(msh, 1, 0, 1, 1, "|");
            Terser.set(msh, 2, 0, 1, 1, "^~\\&");
            Terser.set(msh, 7, 0, 1, 1, CommonTS.toHl7TSFormat(new GregorianCalendar()));
            Terser.set(msh, 9, 0, 1, 1, "ACK");
            Terser.set(msh, 9, 0, 3, 1, "ACK");
            Terser.set(msh, 10, 0, 1, 1, parser.idGenerator().getID());
            String version = Hl7v2Parser.CANONICAL_VERSION;
            String processingId = "P";
            String controlId = "";
            if (header != null && header.encodingValid()) {
                for (int c = 1; c <= 3; c++) {
                    Terser.set(msh, 3, 0, c, 1, header.get(5, c));
                    Terser.set(msh, 4, 0, c, 1, header.get(6, c));
                    Terser.set(msh, 5, 0, c, 1, header.get(3, c));
                    Terser.set(msh, 6, 0, c, 1, header.get(4, c));
                }
                Terser.set(msh, 9, 0, 2, 1, header.get(9, 2));
                if (VERSION.matcher(header.get(12, 1)).matches()) {
                    version = header.get(12, 1);
                }
                if (!header.get(11, 1).isBlank()) {
                    processingId = header.get(11, 1);
                }
                controlId = header.get(10, 1);
            }
            Terser.set(msh, 11, 0, 1, 1, processingId);
            Terser.set(msh, 12, 0, 1, 1, version);
            Segment msa = ack.getMSA();
            Terser.set(msa, 1, 0, 1, 1, code.name());
            Terser.set(msa, 2, 0, 1, 1, controlId);
            if (problem != null) {
                problem.toHl7Exception().populateResponse(ack, code, 0);
            }
            complete(ack, version, problem);
            return parser.pipeParser().encode(ack);
        } catch (HL7Exception | IOException | RuntimeException e) {
            return lastResort(code, problem);
        }
    }

    /** MSA-3 and ERR-8 carry the reason; for versions before 2.5 ERR-1 (ELD) repeats code and location. */
    private static void complete(Message ack, String inboundVersion, Problem problem) throws HL7Exception {
        if (problem == null) {
            return;
        }
        Segment msa = (Segment) ack.get("MSA");
        Terser.set(msa, 3, 0, 1, 1, problem.text());
        Segment err = (Segment) ack.get("ERR");
        Terser.set(err, 8, 0, 1, 1, problem.text());
        Version version = inboundVersion == null ? null : Version.versionOf(inboundVersion.trim());
        if (version != null && Version.V25.isGreaterThan(version)) {
            Location location = problem.location();
            if (location != null && location.getSegmentName() != null) {
                Terser.set(err, 1, 0, 1, 1, location.getSegmentName());
                Terser.set(err, 1, 0, 2, 1, Integer.toString(Math.max(1, location.getSegmentRepetition())));
                if (location.getField() > 0) {
                    Terser.set(err, 1, 0, 3, 1, Integer.toString(location.getField()));
                }
            }
            Terser.set(err, 1, 0, 4, 1, Integer.toString(problem.code().getCode()));
            Terser.set(err, 1, 0, 4, 2, problem.code().getMessage());
            Terser.set(err, 1, 0, 4, 3, ErrorCode.codeTable());
        }
    }

    /** A fixed ACK for the case that HAPI itself fails; no control id is echoed. */
    private String lastResort(AcknowledgmentCode code, Problem problem) {
        String id;
        try {
            id = parser.idGenerator().getID();
        } catch (IOException | RuntimeException e) {
            id = Long.toString(System.currentTimeMillis());
        }
        int errorCode = problem == null ? ErrorCode.APPLICATION_INTERNAL_ERROR.getCode() : problem.code().getCode();
        String now = OffsetDateTime.now().format(LAST_RESORT_TIME);
        return "MSH|^~\\&|||||" + now + "||ACK^^ACK|" + id + "|P|" + Hl7v2Parser.CANONICAL_VERSION + "\r"
                + "MSA|" + code.name() + "|\r"
                + "ERR|||" + errorCode + "^^HL70357|E\r";
    }
}
