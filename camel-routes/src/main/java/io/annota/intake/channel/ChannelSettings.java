package io.annota.intake.channel;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One HL7 v2 intake channel as an interface engineer configures it ({@code docs/channels.md}).
 *
 * @param id name used in routes, metrics, dead letters and logs; letters, digits and '-'
 * @param kind where messages come from
 * @param host MLLP: address to listen on
 * @param port MLLP: TCP port
 * @param directory FILE, NDJSON: the watched directory ({@code done/} and {@code error/} are made inside it)
 * @param acceptedTypes message types taken on this channel, as {@code ADT} or {@code ADT^A01}; empty: all that
 *        have a mapping
 * @param ackMode acknowledgement mode
 * @param defaultCharset character set of messages whose MSH-18 is empty
 * @param maxMessageBytes larger messages are rejected (AR) and kept as dead letters
 * @param idleTimeout MLLP: a connection silent this long is closed
 * @param maxConnections MLLP: concurrent connections
 * @param applicationAckDestination enhanced mode: {@code host:port} the application acknowledgements are sent to
 *        over MLLP, or {@code null} when the sender takes none
 * @param mappingFiles mapping override files for this channel, on top of the built-in mappings (they may also
 *        keep Z-segments as extensions)
 * @param pull FHIR_PULL: what is pulled from where; else {@code null}
 */
public record ChannelSettings(String id, Kind kind, String host, int port, Path directory, Set<String> acceptedTypes,
        AckMode ackMode, Charset defaultCharset, int maxMessageBytes, Duration idleTimeout, int maxConnections,
        String applicationAckDestination, List<Path> mappingFiles, FhirPullSettings pull) {

    /** Where a channel's messages come from. */
    public enum Kind {
        MLLP,
        FILE,
        /** A watched directory of NDJSON files (FHIR Bulk Data export files), imported as FHIR resources. */
        NDJSON,
        /** An upstream FHIR R4 server polled for changed resources, and its rest-hook notifications. */
        FHIR_PULL
    }

    /** A channel that pulls nothing (MLLP, FILE, NDJSON). */
    public ChannelSettings(String id, Kind kind, String host, int port, Path directory, Set<String> acceptedTypes,
            AckMode ackMode, Charset defaultCharset, int maxMessageBytes, Duration idleTimeout, int maxConnections,
            String applicationAckDestination, List<Path> mappingFiles) {
        this(id, kind, host, port, directory, acceptedTypes, ackMode, defaultCharset, maxMessageBytes, idleTimeout,
                maxConnections, applicationAckDestination, mappingFiles, null);
    }

    public ChannelSettings {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        acceptedTypes = Set.copyOf(acceptedTypes);
        Objects.requireNonNull(ackMode, "ackMode");
        Objects.requireNonNull(defaultCharset, "defaultCharset");
        mappingFiles = List.copyOf(mappingFiles);
        if ((kind == Kind.FHIR_PULL) != (pull != null)) {
            throw new IllegalArgumentException("pull settings are for FHIR_PULL channels, and only for them");
        }
    }

    /**
     * Whether a message of {@code type} ({@code MSH-9.1^MSH-9.2}) is taken on this channel.
     */
    public boolean accepts(String type) {
        if (acceptedTypes.isEmpty()) {
            return true;
        }
        int caret = type.indexOf('^');
        String messageType = caret < 0 ? type : type.substring(0, caret);
        return acceptedTypes.contains(type) || acceptedTypes.contains(messageType);
    }
}
