package io.annota.server.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * HL7 v2 over MLLP, under {@code annota.mllp.*}. The Camel route reads these same keys as placeholders.
 *
 * @param port TCP port of the listener
 * @param host address to listen on ({@code 0.0.0.0}: every interface)
 * @param maxConnections concurrent sender connections accepted
 * @param defaultCharset charset for messages whose MSH-18 is empty
 * @param defaultZone time zone of HL7 timestamps that carry no offset
 */
@Validated
@ConfigurationProperties(prefix = "annota.mllp")
public record MllpProperties(
        @Min(1) @Max(65535) @DefaultValue("2575") int port,
        @NotBlank @DefaultValue("0.0.0.0") String host,
        @Min(1) @DefaultValue("50") int maxConnections,
        @DefaultValue("UTF-8") String defaultCharset,
        @NotNull @DefaultValue("UTC") ZoneId defaultZone) {
}
