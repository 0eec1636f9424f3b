package io.annota.server.config;

import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Server-wide settings under {@code annota.*}.
 *
 * @param dataDir where the embedded database, the generated pseudonymisation key and other state live
 * @param demo replay a small synthetic feed into the server once it is up (see README)
 */
@Validated
@ConfigurationProperties(prefix = "annota")
public record AnnotaProperties(@NotNull @DefaultValue("./data") Path dataDir, boolean demo) {
}
