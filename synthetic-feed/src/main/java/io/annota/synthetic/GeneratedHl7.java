package io.annota.synthetic;

import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * One generated HL7 v2 message.
 *
 * @param messageType MSH-9.1^MSH-9.2, e.g. {@code ADT^A01}
 * @param version MSH-12, {@code 2.3} to {@code 2.8}
 * @param controlId MSH-10
 * @param bytes the exact wire bytes, quirks included (byte order mark, line ends, ISO-8859-1 encoding)
 * @param charset the charset of {@code bytes}
 * @param quirks the vendor quirks this message shows (see {@link Quirks}), sorted
 * @param phi gold: every PHI value with its HL7 path
 */
public record GeneratedHl7(String messageType, String version, String controlId, byte[] bytes, Charset charset,
        Set<String> quirks, List<PhiSpan> phi) {

    public GeneratedHl7 {
        bytes = bytes.clone();
        quirks = Collections.unmodifiableSortedSet(new TreeSet<>(quirks)); // sorted: stable iteration order
        phi = List.copyOf(phi);
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes decoded with {@link #charset()}; a byte order mark stays as U+FEFF, line ends are kept. */
    public String text() {
        return new String(bytes, charset);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GeneratedHl7 o && messageType.equals(o.messageType) && version.equals(o.version)
                && controlId.equals(o.controlId) && Arrays.equals(bytes, o.bytes) && charset.equals(o.charset)
                && quirks.equals(o.quirks) && phi.equals(o.phi);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(bytes) + controlId.hashCode();
    }

    @Override
    public String toString() {
        return "GeneratedHl7[" + messageType + " v" + version + " " + controlId + ", " + bytes.length + " bytes, "
                + charset + ", quirks=" + quirks + ", " + phi.size() + " PHI spans]";
    }
}
