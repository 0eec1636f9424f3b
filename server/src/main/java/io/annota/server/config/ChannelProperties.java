package io.annota.server.config;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * HL7 v2 intake channels, under {@code annota.channels.*} (see {@code docs/channels.md}).
 *
 * @param file the channel file; without one Annota runs two channels: MLLP on {@code annota.mllp.port} (id
 *        {@code mllp}) and a watched directory {@code <data-dir>/inbox/hl7} (id {@code inbox})
 * @param maxMessageSize default size limit of a message
 * @param idleTimeout default time after which a silent MLLP connection is closed
 */
@Validated
@ConfigurationProperties(prefix = "annota.channels")
public record ChannelProperties(Path file, @DefaultValue("1MB") DataSize maxMessageSize,
        @DefaultValue("5m") Duration idleTimeout) {
}
