package io.annota.server.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * De-identification, under {@code annota.deid.*}.
 *
 * @param key base64 of the pseudonymisation key (at least 32 bytes); when empty, a key is generated at first
 *     start and kept in {@code <annota.data-dir>/secrets/pseudonym.key}
 */
@Validated
@ConfigurationProperties(prefix = "annota.deid")
public record DeidProperties(String key) {
}
