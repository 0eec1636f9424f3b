package io.annota.testsupport;

import io.annota.intake.hl7.Hl7Channel;
import io.annota.intake.hl7.Hl7Intake;
import io.annota.server.intake.ChannelRegistry;
import io.annota.server.intake.deadletter.JdbcDeadLetters;
import io.annota.server.intake.metrics.MicrometerChannelObserver;
import io.annota.server.support.TestChannels;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A registry with one channel "mllp" for the shared integration-test context, until the server configures its
 * channels itself; it steps aside once the server has a {@link ChannelRegistry} of its own. Outside
 * {@code io.annota.server} so that no component scan picks it up: only {@code AnnotaServerIT} names it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestChannelRegistry {

    @Bean
    @ConditionalOnMissingBean
    public ChannelRegistry channelRegistry(Hl7Intake intake, JdbcDeadLetters deadLetters,
            MicrometerChannelObserver observer, @Value("${annota.mllp.port}") int port) {
        return new ChannelRegistry(List.of(new Hl7Channel(TestChannels.mllp("mllp", port), intake, deadLetters, observer)));
    }
}
