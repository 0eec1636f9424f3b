package io.annota.server.intake.upstream;

import ca.uhn.fhir.context.FhirContext;
import io.annota.intake.channel.ChannelSettings;
import io.annota.intake.channel.FhirPullSettings;
import io.annota.intake.hl7.DeadLetters;
import io.annota.intake.hl7.FhirTransactionSink;
import io.annota.server.intake.fhir.NdjsonImporter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.spring.boot.CamelContextConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pull channels ({@code type: fhir-pull} in the channel file): one {@link FhirPullChannel} each, polled by a
 * timer route from the template in {@code camel/fhir-pull-channels.yaml}, and notified through
 * {@link FhirNotifyController}.
 */
@Configuration
public class FhirPullConfig {

    private static final Logger LOG = LoggerFactory.getLogger(FhirPullConfig.class);
    /** The first poll after start-up waits this long, so that it does not compete with the start itself. */
    private static final long FIRST_POLL_DELAY_MILLIS = 10_000;

    @Bean
    public PullCheckpoints pullCheckpoints(JdbcTemplate jdbc) {
        return new JdbcPullCheckpoints(jdbc);
    }

    @Bean
    public PulledResources pulledResources(FhirContext fhirContext, FhirTransactionSink sink, NdjsonImporter importer,
            DeadLetters deadLetters) {
        return new PulledResources(fhirContext, sink, importer, deadLetters);
    }

    @Bean
    public FhirPullChannels fhirPullChannels(List<ChannelSettings> channelSettings,
            FhirContext fhirContext, PullCheckpoints checkpoints, PulledResources writer, MeterRegistry meters) {
        PullMetrics metrics = new PullMetrics(meters);
        Map<String, FhirPullChannel> channels = new LinkedHashMap<>();
        for (ChannelSettings settings : channelSettings) {
            if (settings.kind() != ChannelSettings.Kind.FHIR_PULL) {
                continue;
            }
            FhirPullSettings pull = settings.pull();
            ClientCredentialsAuth tokens = pull.auth().mode() == FhirPullSettings.AuthMode.CLIENT_CREDENTIALS
                    ? new ClientCredentialsAuth(pull.auth()) : null;
            // a client of its own: the shared FhirContext's client factory settings are not changed for others
            FhirContext clientContext = FhirContext.forR4();
            FhirPuller puller = new FhirPuller(settings.id(), pull, UpstreamClients.create(clientContext, pull, tokens),
                    new Retrier(pull.retry(), duration -> Thread.sleep(duration.toMillis()),
                            tokens == null ? null : tokens::refresh),
                    checkpoints, writer, metrics, Clock.systemUTC());
            channels.put(settings.id(), new FhirPullChannel(puller, writer, metrics, fhirContext,
                    pull.notifySecretFile()));
        }
        return new FhirPullChannels(channels);
    }

    @Bean
    public CamelContextConfiguration fhirPullChannelRoutes(FhirPullChannels fhirPullChannels,
            List<ChannelSettings> channelSettings) {
        return new CamelContextConfiguration() {
            @Override
            public void beforeApplicationStart(CamelContext camel) {
                fhirPullChannels.all().forEach(channel -> camel.getRegistry().bind("fhir-pull-channel-" + channel.id(),
                        channel));
            }

            @Override
            public void afterApplicationStart(CamelContext camel) {
                channelSettings.stream().filter(settings -> settings.kind() == ChannelSettings.Kind.FHIR_PULL)
                        .forEach(settings -> addRoute(camel, settings));
            }
        };
    }

    private static void addRoute(CamelContext camel, ChannelSettings channel) {
        try {
            TemplatedRouteBuilder.builder(camel, "fhir-pull-channel")
                    .routeId("channel-" + channel.id())
                    .parameter("channel", channel.id())
                    .parameter("periodMillis", channel.pull().interval().toMillis())
                    .parameter("delayMillis", Math.min(FIRST_POLL_DELAY_MILLIS, channel.pull().interval().toMillis()))
                    .add();
            LOG.info("FHIR pull channel {}: {} from {} every {} s", channel.id(), channel.pull().types(),
                    channel.pull().baseUrl(), channel.pull().interval().toSeconds());
        } catch (Exception e) {
            throw new IllegalStateException("FHIR pull channel '" + channel.id() + "' could not be started", e);
        }
    }
}
