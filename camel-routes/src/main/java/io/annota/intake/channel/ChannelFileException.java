package io.annota.intake.channel;

/**
 * A channel file that cannot be used; the message names the file, the line and the reason. Thrown at start-up,
 * so a server with a bad channel file does not start.
 */
public final class ChannelFileException extends RuntimeException {

    public ChannelFileException(String message) {
        super(message);
    }
}
