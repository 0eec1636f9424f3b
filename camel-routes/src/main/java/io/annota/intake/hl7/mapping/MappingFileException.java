package io.annota.intake.hl7.mapping;

/**
 * A mapping file that cannot be used: the message names the file, the line and what is wrong. Thrown while the
 * mappings load, so a server with a bad mapping file does not start rather than store data mapped wrongly.
 */
public final class MappingFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MappingFileException(String message) {
        super(message);
    }

    public MappingFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
