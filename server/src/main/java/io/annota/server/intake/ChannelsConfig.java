package io.annota.server.intake;

import io.annota.deid.Pseudonymizer;
import io.annota.intake.channel.AckMode;
import io.annota.intake.channel.ChannelFileParser;
import io.annota.intake.channel.ChannelSettings;
import io.annota.intake.hl7.ChannelObserver;
import io.annota.intake.hl7.DeadLetters;
import io.annota.intake.hl7.FhirTransactionSink;
import io.annota.intake.hl7.Hl7Channel;
import io.annota.intake.hl7.Hl7Intake;
import io.annota.intake.hl7.StoredMessages;
import io.annota.intake.hl7.mapping.DeclarativeMapper;
import io.annota.intake.hl7.mapping.V2ToFhirMappings;
import io.annota.server.config.AnnotaProperties;
import io.annota.server.config.ChannelProperties;
import io.annota.server.config.MllpProperties;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reads the channel file (or the default channels), builds one {@link Hl7Channel} per HL7 v2 channel and adds each
 * channel's route from the templates in {@code camel/hl7-channels.yaml} (NDJSON channels: {@code NdjsonConfig}). A
 * bad channel or mapping file stops start-up with an error naming the file and line.
 */
@Configuration
public class ChannelsConfig {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelsConfig.class);

    /**
     * The MLLP component's receive buffer: twice the message limit, so that an oversized message is still read
     * whole and answered with an AR, plus room for the component's own read chunks (it refuses to grow past its
     * maximum when the next chunk would not fit, even if the message would).
     */
    private static long receiveBuffer(ChannelSettings channel) {
        return 2L * channel.maxMessageBytes() + 64 * 1024;
    }

    @Bean
    public List<ChannelSettings> channelSettings(ChannelProperties channels, MllpProperties mllp,
            AnnotaProperties annota) {
        ChannelFileParser.Defaults defaults = new ChannelFileParser.Defaults(mllp.host(),
                Charset.forName(mllp.defaultCharset()), (int) channels.maxMessageSize().toBytes(),
                channels.idleTimeout(), mllp.maxConnections());
        if (channels.file() != null) {
            return new ChannelFileParser(defaults).parse(channels.file());
        }
        return List.of(
                new ChannelSettings("mllp", ChannelSettings.Kind.MLLP, mllp.host(), mllp.port(), null, Set.of(),
                        AckMode.AUTO, defaults.charset(), defaults.maxMessageBytes(), defaults.idleTimeout(),
                        defaults.maxConnections(), null, List.of()),
                new ChannelSettings("inbox", ChannelSettings.Kind.FILE, null, 0,
                        annota.dataDir().resolve("inbox").resolve("hl7").toAbsolutePath().normalize(), Set.of(),
                        AckMode.AUTO, defaults.charset(), defaults.maxMessageBytes(), defaults.idleTimeout(),
                        defaults.maxConnections(), null, List.of()),
                new ChannelSettings("bulk", ChannelSettings.Kind.NDJSON, null, 0,
                        annota.dataDir().resolve("inbox").resolve("ndjson").toAbsolutePath().normalize(), Set.of(),
                        AckMode.AUTO, defaults.charset(), defaults.maxMessageBytes(), defaults.idleTimeout(),
                        defaults.maxConnections(), null, List.of()));
    }

    @Bean("hl7Channels")
    public ChannelRegistry channelRegistry(List<ChannelSettings> channelSettings, Pseudonymizer pseudonymizer,
            MllpProperties mllp, FhirTransactionSink sink, StoredMessages storedMessages, DeadLetters deadLetters,
            ChannelObserver observer) {
        return new ChannelRegistry(channelSettings.stream()
                .filter(settings -> settings.kind() == ChannelSettings.Kind.MLLP
                        || settings.kind() == ChannelSettings.Kind.FILE)
                .map(settings -> new Hl7Channel(settings,
                        new Hl7Intake(new DeclarativeMapper(mappings(settings), pseudonymizer, mllp.defaultZone()),
                                pseudonymizer, sink, storedMessages),
                        deadLetters, observer))
                .toList());
    }

    /** The built-in mappings, with the channel's override files if it has any (checked now: errors stop start-up). */
    private static V2ToFhirMappings mappings(ChannelSettings channel) {
        return channel.mappingFiles().isEmpty() ? V2ToFhirMappings.builtIn()
                : V2ToFhirMappings.load(channel.mappingFiles());
    }

    /** Binds each channel's bean and adds its route once Camel has loaded the route templates. */
    @Bean
    public CamelContextConfiguration channelRoutes(ChannelRegistry registry) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                registry.channels().forEach(channel ->
                        camel.getRegistry().bind("hl7-channel-" + channel.settings().id(), channel));
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                registry.channels().forEach(channel -> addRoute(camel, channel.settings()));
            }
        };
    }

    private static void addRoute(CamelContext camel, ChannelSettings channel) {
        try {
            if (channel.kind() == ChannelSettings.Kind.MLLP) {
                TemplatedRouteBuilder.builder(camel, "hl7-mllp-channel")
                        .routeId("channel-" + channel.id())
                        .parameter("channel", channel.id())
                        .parameter("host", channel.host())
                        .parameter("port", channel.port())
                        .parameter("maxConnections", channel.maxConnections())
                        .parameter("idleTimeoutMillis", channel.idleTimeout().toMillis())
                        .parameter("maxBufferSize", receiveBuffer(channel))
                        .add();
                LOG.info("HL7 v2 channel {}: MLLP on {}:{}", channel.id(), channel.host(), channel.port());
            } else {
                Path directory = channel.directory();
                Files.createDirectories(directory);
                TemplatedRouteBuilder.builder(camel, "hl7-file-channel")
                        .routeId("channel-" + channel.id())
                        .parameter("channel", channel.id())
                        .parameter("directory", directory.toString())
                        .add();
                LOG.info("HL7 v2 channel {}: files in {}", channel.id(), directory);
            }
        } catch (Exception e) {
            throw new IllegalStateException("HL7 v2 channel '" + channel.id() + "' could not be started", e);
        }
    }
}
