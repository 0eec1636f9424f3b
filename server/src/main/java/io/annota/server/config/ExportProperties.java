package io.annota.server.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Training-data export, under {@code annota.export.*} (see docs/export.md).
 *
 * @param kAnonymity the k an export's records are assessed against unless a request names its own: a class of
 *                   records sharing their quasi-identifiers with fewer patients than this is at risk
 * @param keepFiles  how many finished asynchronous export files are kept (oldest removed first)
 */
@Validated
@ConfigurationProperties(prefix = "annota.export")
public record ExportProperties(@Min(1) @DefaultValue("5") int kAnonymity, @Min(1) @DefaultValue("20") int keepFiles) {
}
