package io.annota.server.intake.deadletter;

import io.annota.deid.DeidentificationSettings;
import io.annota.server.intake.ChannelRegistry;
import io.annota.server.intake.metrics.Hl7ChannelsEndpoint;
import io.annota.server.intake.metrics.MicrometerChannelObserver;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Dead letters and channel statistics: the {@code DeadLetters} and {@code ChannelObserver} every {@code Hl7Channel}
 * is built with, the replayer behind the REST API, and the {@code hl7channels} actuator endpoint.
 */
@Configuration
public class DeadLetterConfig {

    /** Sealed under the pseudonymisation key (a derived key): whoever holds one holds the other anyway. */
    @Bean
    public DeadLetterCipher deadLetterCipher(DeidentificationSettings settings) {
        return new DeadLetterCipher(settings.key());
    }

    @Bean
    public JdbcDeadLetters deadLetters(JdbcTemplate jdbc, DeadLetterCipher cipher) {
        return new JdbcDeadLetters(jdbc, cipher, Clock.systemUTC());
    }

    @Bean
    public MicrometerChannelObserver channelObserver(MeterRegistry registry) {
        return new MicrometerChannelObserver(registry);
    }

    @Bean
    public DeadLetterReplayer deadLetterReplayer(JdbcDeadLetters deadLetters, ChannelRegistry registry,
            LineReplays lineReplays) {
        return new DeadLetterReplayer(deadLetters, registry, lineReplays);
    }

    @Bean
    public Hl7ChannelsEndpoint hl7ChannelsEndpoint(ChannelRegistry registry, MicrometerChannelObserver observer,
            JdbcDeadLetters deadLetters) {
        return new Hl7ChannelsEndpoint(registry, observer, deadLetters);
    }
}
