package io.annota.deid;

import io.annota.deid.DeidentificationException.Reason;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.function.UnaryOperator;

/** Text carried as bytes (Attachment.data, Binary.data): decoded by its content type, scrubbed, encoded back. */
final class TextData {

    private TextData() {
    }

    /**
     * The scrubbed bytes of text data, or null if scrubbing changed nothing.
     *
     * @throws DeidentificationException for data that is not text in a known character set
     */
    static byte[] scrub(String contentType, byte[] data, UnaryOperator<String> scrubber) {
        if (contentType == null || contentType.isBlank()) {
            throw new DeidentificationException(Reason.MISSING_CONTENT_TYPE);
        }
        String[] parts = contentType.split(";");
        String mimeType = parts[0].trim().toLowerCase(Locale.ROOT);
        if (!mimeType.startsWith("text/")) {
            throw new DeidentificationException(Reason.NON_TEXT_ATTACHMENT);
        }
        Charset charset = charsetOf(parts);
        String text;
        try {
            text = charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DeidentificationException(Reason.MALFORMED_TEXT);
        }
        String scrubbed = scrubber.apply(text);
        if (scrubbed.equals(text)) {
            return null;
        }
        try {
            ByteBuffer encoded = charset.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(scrubbed));
            byte[] out = new byte[encoded.remaining()];
            encoded.get(out);
            return out;
        } catch (CharacterCodingException | UnsupportedOperationException e) {
            throw new DeidentificationException(Reason.UNSUPPORTED_CHARSET);
        }
    }

    private static Charset charsetOf(String[] contentTypeParts) {
        for (int i = 1; i < contentTypeParts.length; i++) {
            String parameter = contentTypeParts[i].trim();
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String name = parameter.substring(eq + 1).trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new DeidentificationException(Reason.UNSUPPORTED_CHARSET);
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    static byte[] sha1(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available in this JVM", e);
        }
    }
}
