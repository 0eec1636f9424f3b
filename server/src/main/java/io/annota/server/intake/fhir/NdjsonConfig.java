package io.annota.server.intake.fhir;

import ca.uhn.fhir.context.FhirContext;
import io.annota.intake.channel.ChannelSettings;
import io.annota.intake.hl7.DeadLetters;
import io.annota.intake.hl7.FhirTransactionSink;
import io.annota.server.config.BulkImportProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * NDJSON bulk import: the importer, its checkpoints, dead letters and metrics, and one route per
 * {@code type: ndjson} channel of the channel file, from the template in {@code camel/ndjson-channels.yaml}.
 */
@Configuration
public class NdjsonConfig {

    private static final Logger LOG = LoggerFactory.getLogger(NdjsonConfig.class);

    @Bean
    public NdjsonFiles ndjsonFiles(FhirContext fhirContext) {
        return new NdjsonFiles(fhirContext);
    }

    @Bean
    public ImportCheckpoints importCheckpoints(JdbcTemplate jdbc) {
        return new JdbcImportCheckpoints(jdbc);
    }

    @Bean
    public NdjsonImporter ndjsonImporter(FhirContext fhirContext, FhirTransactionSink sink,
            ImportCheckpoints checkpoints, DeadLetters deadLetters, MeterRegistry meters,
            BulkImportProperties properties) {
        return new NdjsonImporter(fhirContext, sink, checkpoints, new DeadLetterBadLines(deadLetters),
                new ImportMetrics(meters), properties.batchSize());
    }

    @Bean
    public List<NdjsonChannel> ndjsonChannels(List<ChannelSettings> channelSettings, NdjsonFiles files,
            NdjsonImporter importer) {
        return channelSettings.stream().filter(settings -> settings.kind() == ChannelSettings.Kind.NDJSON)
                .map(settings -> new NdjsonChannel(settings.id(), files, importer)).toList();
    }

    /** The route's sorter: the files of one poll in dependency order ({@link ResourceOrder}). */
    @Bean
    public Comparator<GenericFile<?>> ndjsonFileOrder(NdjsonFiles files) {
        return ResourceOrder.comparing(file -> files.resourceType(file.getFileNameOnly()), GenericFile::getFileNameOnly);
    }

    @Bean
    public CamelContextConfiguration ndjsonChannelRoutes(List<ChannelSettings> channelSettings,
            List<NdjsonChannel> ndjsonChannels) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                ndjsonChannels.forEach(channel -> camel.getRegistry().bind("ndjson-channel-" + channel.id(), channel));
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                channelSettings.stream().filter(settings -> settings.kind() == ChannelSettings.Kind.NDJSON)
                        .forEach(settings -> addRoute(camel, settings));
            }
        };
    }

    private static void addRoute(CamelContext camel, ChannelSettings channel) {
        try {
            Files.createDirectories(channel.directory());
            TemplatedRouteBuilder.builder(camel, "ndjson-file-channel")
                    .routeId("channel-" + channel.id())
                    .parameter("channel", channel.id())
                    .parameter("directory", channel.directory().toString())
                    .add();
            LOG.info("NDJSON channel {}: files in {}", channel.id(), channel.directory());
        } catch (Exception e) {
            throw new IllegalStateException("NDJSON channel '" + channel.id() + "' could not be started", e);
        }
    }
}
