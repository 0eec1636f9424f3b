package io.annota.intake.hl7;

import ca.uhn.hl7v2.DefaultHapiContext;
import ca.uhn.hl7v2.HL7Exception;
import ca.uhn.hl7v2.HapiContext;
import ca.uhn.hl7v2.model.GenericMessage;
import ca.uhn.hl7v2.model.Message;
import ca.uhn.hl7v2.model.Segment;
import ca.uhn.hl7v2.parser.ModelClassFactory;
import ca.uhn.hl7v2.parser.ParserConfiguration;
import ca.uhn.hl7v2.parser.PipeParser;
import ca.uhn.hl7v2.util.ReflectionUtil;
import ca.uhn.hl7v2.util.Terser;
import ca.uhn.hl7v2.util.idgenerator.IDGenerator;
import ca.uhn.hl7v2.validation.impl.ValidationContextFactory;

/**
 * HL7 v2 (ER7, "pipe") parser set up for real-world feeds.
 *
 * <ul>
 *   <li>Canonical model: messages of versions 2.3 to 2.8 all parse into the v2.5.1 structures
 *       ({@value #CANONICAL_VERSION}); MSH-12 of the message is kept as sent.</li>
 *   <li>Lenient: an empty OBX-2 is read as {@code ST}, an OBX-2 naming an unknown data type as {@code ST},
 *       unknown versions in MSH-12 are accepted; no validation rules run.</li>
 *   <li>A structure name in MSH-9.3 that does not exist (for example {@code ADT^A04^ADT_A04}) is resolved
 *       through the trigger event ({@code ADT_A04 -> ADT_A01}); a message that still comes back as a flat
 *       {@link GenericMessage} is parsed again with the structure of MSH-9.1/MSH-9.2 when HL7 defines
 *       one.</li>
 *   <li>Line ends: CR, LF or CRLF between segments; a leading UTF-8 byte order mark (also in its ISO-8859-1
 *       reading) and MLLP framing bytes are removed (see {@link #normalise(String)}).</li>
 *   <li>Message control ids for generated ACKs come from an in-memory generator; HAPI's file-based
 *       {@code id_file} generator is never used.</li>
 * </ul>
 *
 * <p>Thread-safe; one instance can serve all MLLP consumer threads. HAPI's {@link PipeParser} fills an
 * unsynchronised cache of structure definitions while parsing, so each thread gets its own parser (all of
 * them share the one configuration and id generator).
 */
public final class Hl7v2Parser {

    /** The HL7 version whose structures every message is parsed into. */
    public static final String CANONICAL_VERSION = "2.5.1";

    /** Data type assumed for OBX-5 when OBX-2 is empty or names an unknown type. */
    static final String FALLBACK_OBX2_TYPE = "ST";

    private static final char CR = '\r';

    private final HapiContext context;
    private final ThreadLocal<PipeParser> parsers;
    private final ModelClassFactory factory;

    public Hl7v2Parser() {
        ParserConfiguration configuration = new ParserConfiguration();
        configuration.setDefaultObx2Type(FALLBACK_OBX2_TYPE);
        configuration.setInvalidObx2Type(FALLBACK_OBX2_TYPE);
        configuration.setAllowUnknownVersions(true);
        configuration.setValidating(false);
        configuration.setIdGenerator(new ControlIdGenerator());
        this.factory = new StructureResolvingModelClassFactory(CANONICAL_VERSION);
        this.context = new DefaultHapiContext(configuration, ValidationContextFactory.noValidation(), factory);
        this.parsers = ThreadLocal.withInitial(() -> new PipeParser(context));
    }

    /**
     * Normalises and parses one ER7-encoded message.
     *
     * @throws HL7Exception if the text is not a parseable HL7 v2 message; its message may quote the input, so
     *         never echo it to the sender or the log
     */
    public Message parse(String rawMessage) throws HL7Exception {
        String text = normalise(rawMessage);
        Message message = pipeParser().parse(text);
        if (message instanceof GenericMessage) {
            Message typed = reparseByEvent(message, text);
            if (typed != null) {
                return typed;
            }
        }
        return message;
    }

    /** The calling thread's parser, e.g. to encode messages; configured as described above. */
    public PipeParser pipeParser() {
        return parsers.get();
    }

    /** The model class factory (canonical v2.5.1) used for every parsed and generated message. */
    public ModelClassFactory modelClassFactory() {
        return factory;
    }

    /** The in-memory generator of message control ids used for generated messages. */
    public IDGenerator idGenerator() {
        return context.getParserConfiguration().getIdGenerator();
    }

    /**
     * Prepares raw text for the ER7 parser: removes MLLP framing bytes (VT, FS), a leading byte order mark
     * (U+FEFF, or its ISO-8859-1 reading) and leading white space, and everything from an MLLP end-of-block
     * byte on; turns CRLF and LF into the HL7 segment separator CR; drops blank lines and white space at the
     * end of segments. Never returns {@code null}.
     */
    public static String normalise(String rawMessage) {
        if (rawMessage == null) {
            return "";
        }
        String text = rawMessage;
        int start = 0;
        boolean advanced = true;
        while (advanced && start < text.length()) {
            advanced = false;
            if (text.startsWith("\uFEFF", start) || text.charAt(start) == '\u000B'
                    || Character.isWhitespace(text.charAt(start))) {
                start++;
                advanced = true;
            } else if (text.startsWith("\u00EF\u00BB\u00BF", start)) {
                start += 3;
                advanced = true;
            }
        }
        int end = text.indexOf('\u001C', start);
        if (end < 0) {
            end = text.length();
        }
        StringBuilder out = new StringBuilder(end - start);
        int lineStart = start;
        for (int i = start; i <= end; i++) {
            char c = i < end ? text.charAt(i) : CR;
            if (c == CR || c == '\n') {
                appendSegment(out, text, lineStart, i);
                lineStart = i + 1;
            }
        }
        return out.toString();
    }

    private static void appendSegment(StringBuilder out, String text, int from, int to) {
        int end = to;
        while (end > from && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > from) {
            if (!out.isEmpty()) {
                out.append(CR);
            }
            out.append(text, from, end);
        }
    }

    private Message reparseByEvent(Message generic, String text) {
        try {
            Segment msh = (Segment) generic.get("MSH");
            String type = Terser.get(msh, 9, 0, 1, 1);
            String trigger = Terser.get(msh, 9, 0, 2, 1);
            if (type == null || type.isBlank() || trigger == null || trigger.isBlank()) {
                return null;
            }
            Class<? extends Message> structure =
                    factory.getMessageClass(type.trim() + "_" + trigger.trim(), CANONICAL_VERSION, false);
            if (StructureResolvingModelClassFactory.isGeneric(structure)) {
                return null;
            }
            PipeParser parser = pipeParser();
            Message typed = ReflectionUtil.instantiateMessage(structure, factory);
            typed.setParser(parser);
            parser.parse(typed, text);
            return typed;
        } catch (HL7Exception | RuntimeException e) {
            return null; // keep the generic parse; the mapper reports the message as unsupported
        }
    }
}
