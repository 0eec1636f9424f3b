package io.annota.server.config;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Clinical NLP (cTAKES), under {@code annota.nlp.*}.
 *
 * @param profile {@code full} (ClearTK assertion) or {@code lite} (rule-based context, less memory)
 * @param workers engines, one per worker thread (each full engine needs ~630 MB of heap)
 * @param lookupXml a cTAKES dictionary lookup XML (file path or classpath); empty for the bundled open dictionary
 * @param maxAttempts annotation attempts per resource version before its queue entry is FAILED
 */
@Validated
@ConfigurationProperties(prefix = "annota.nlp")
public record NlpProperties(
        @Pattern(regexp = "full|lite") @DefaultValue("full") String profile,
        @Min(1) @DefaultValue("1") int workers,
        String lookupXml,
        @Min(1) @DefaultValue("3") int maxAttempts) {
}
