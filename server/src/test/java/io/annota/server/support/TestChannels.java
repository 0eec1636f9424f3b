package io.annota.server.support;

import io.annota.intake.channel.AckMode;
import io.annota.intake.channel.ChannelSettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Channel settings for tests. */
public final class TestChannels {

    private TestChannels() {
    }

    /** An MLLP channel taking every message type, original acknowledgement mode, UTF-8, up to 1 MiB. */
    public static ChannelSettings mllp(String id, int port) {
        return new ChannelSettings(id, ChannelSettings.Kind.MLLP, "127.0.0.1", port, null, Set.of(),
                AckMode.ORIGINAL, StandardCharsets.UTF_8, 1 << 20, Duration.ofMinutes(1), 10, null, List.of());
    }
}
