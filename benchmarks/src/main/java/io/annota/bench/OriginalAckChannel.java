package io.annota.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The channel file of a benchmarked server: one MLLP channel, {@code mllp}, that always acknowledges in original
 * mode. In the default {@code auto} mode a message that values MSH-15 (most generated senders from v2.4 on, many
 * sample files) is answered CA, which means "stored or kept as a dead letter"; original mode answers AA, AE or AR,
 * so every answer says whether the message was stored. It costs the same work per message (docs/channels.md).
 */
public final class OriginalAckChannel {

    /** The server property that names a channel file. */
    public static final String PROPERTY = "annota.channels.file";

    private OriginalAckChannel() {
    }

    /** Writes the channel file into {@code directory}; pass it to the server as {@link #PROPERTY}. */
    public static Path write(Path directory, String host, int port) throws IOException {
        Path file = directory.resolve("bench-channels.yaml");
        Files.writeString(file, """
                channels:
                  - id: mllp
                    type: mllp
                    host: %s
                    port: %d
                    ack-mode: original
                """.formatted(host, port));
        return file.toAbsolutePath();
    }
}
