package io.annota.server.intake.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.rest.server.RestfulServer;
import io.annota.intake.channel.ChannelSettings;
import io.annota.intake.hl7.DeadLetters;
import io.annota.intake.hl7.FhirTransactionSink;
import io.annota.server.config.AnnotaProperties;
import io.annota.server.config.BulkImportProperties;
import io.annota.server.intake.deadletter.LineReplays;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
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

    /**
     * Replays of the bad lines of NDJSON channels and $import, for the dead letter API; also of the resources
     * fhir-pull channels could not store, which are kept as one resource in JSON too.
     */
    @Bean
    public LineReplays ndjsonLineReplays(List<NdjsonChannel> ndjsonChannels, List<ChannelSettings> channelSettings,
            NdjsonImporter importer) {
        Set<String> sources = new HashSet<>(ndjsonChannels.stream().map(NdjsonChannel::id).toList());
        sources.add(ImportJobs.SOURCE);
        channelSettings.stream().filter(settings -> settings.kind() == ChannelSettings.Kind.FHIR_PULL)
                .forEach(settings -> sources.add(settings.id()));
        return new NdjsonLineReplays(sources, importer);
    }

    @Bean
    public JdbcImportJobs importJobStore(JdbcTemplate jdbc) {
        return new JdbcImportJobs(jdbc);
    }

    @Bean
    public ImportJobs importJobs(NdjsonImporter importer, JdbcImportJobs store, FhirContext fhirContext) {
        return new ImportJobs(importer, store,
                job -> fhirContext.newJsonParser().encodeResourceToString(ImportStatus.of(job)));
    }

    /** {@code $import}, registered with the FHIR server here so that its configuration stays where it is. */
    @Bean
    public ImportOperationProvider importOperationProvider(RestfulServer fhirServer, FhirContext fhirContext,
            ImportJobs jobs, NdjsonFiles files, BulkImportProperties properties, AnnotaProperties annota)
            throws IOException {
        List<Path> allowed = new ArrayList<>();
        List<Path> configured = properties.allowedDirectories().isEmpty()
                ? List.of(annota.dataDir().resolve("import")) : properties.allowedDirectories();
        for (Path directory : configured) {
            allowed.add(Files.createDirectories(directory));
        }
        LOG.info("$import reads files from {}", allowed);
        ImportOperationProvider provider = new ImportOperationProvider(fhirContext, jobs, files, allowed);
        fhirServer.registerProvider(provider);
        return provider;
    }

    /** Jobs a stop interrupted continue once the server is up. */
    @EventListener(ApplicationReadyEvent.class)
    public void resumeImportJobs(ApplicationReadyEvent event) {
        event.getApplicationContext().getBean(ImportJobs.class).resumeUnfinished();
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
