package io.annota.server.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * HL7 v2 over MLLP, under {@code annota.mllp.*}. The Camel route reads these same keys as placeholders.
 *
 * @param port TCP port of the listener (0 picks a free one, for tests)
 * @param maxConnections concurrent sender connections accepted
 * @param defaultCharset charset for messages whose MSH-18 is empty
 */
@Validated
@ConfigurationProperties(prefix = "annota.mllp")
public record MllpProperties(
        @Min(0) @Max(65535) @DefaultValue("2575") int port,
        @Min(1) @DefaultValue("50") int maxConnections,
        @DefaultValue("UTF-8") String defaultCharset) {
}
