package io.annota.server.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * De-identification, under {@code annota.deid.*}. Checked at start-up by
 * {@code io.annota.server.deid.DeidentificationConfig}: a bad value stops the server with a message naming the
 * setting (never the key).
 *
 * @param key base64 of the pseudonymisation key (at least 32 bytes)
 * @param keyFile a file holding the key as base64 (at least 32 bytes); only one of {@code key} and
 *     {@code key-file} may be set. When neither is, a key is generated at first start and kept in
 *     {@code <annota.data-dir>/secrets/pseudonym.key}
 * @param profile the rule profile: {@code safe-harbor} (default) or {@code limited-data-set}
 * @param rulesFile an optional YAML rule file applied before the profile's rules
 */
@Validated
@ConfigurationProperties(prefix = "annota.deid")
public record DeidProperties(String key, Path keyFile, @DefaultValue("safe-harbor") String profile, Path rulesFile) {

    @ConstructorBinding
    public DeidProperties {
    }

    /** Only a key (or none): the default profile, no key file, no rule file. */
    public DeidProperties(String key) {
        this(key, null, "safe-harbor", null);
    }
}
