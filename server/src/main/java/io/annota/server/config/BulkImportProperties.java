package io.annota.server.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * NDJSON bulk import ({@code $import} and {@code type: ndjson} channels), under {@code annota.bulk-import.*}
 * (see {@code docs/channels.md}).
 *
 * @param allowedDirectories the only directories {@code $import} reads {@code file:} URLs from (and below);
 *        empty: {@code <data-dir>/import}
 * @param batchSize resources per transaction
 */
@Validated
@ConfigurationProperties(prefix = "annota.bulk-import")
public record BulkImportProperties(@DefaultValue List<Path> allowedDirectories,
        @Min(1) @Max(5000) @DefaultValue("200") int batchSize) {
}
