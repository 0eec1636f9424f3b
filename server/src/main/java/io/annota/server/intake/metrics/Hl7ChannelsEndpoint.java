package io.annota.server.intake.metrics;

import io.annota.intake.channel.ChannelSettings;
import io.annota.intake.hl7.Hl7Channel;
import io.annota.server.intake.ChannelRegistry;
import io.annota.server.intake.deadletter.JdbcDeadLetters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/hl7channels}: each configured channel with where it listens or reads, its statistics since
 * start-up and its dead letters waiting for a replay; and the channels no longer configured that still have
 * such dead letters (they cannot be replayed until the channel is configured again).
 */
@Endpoint(id = "hl7channels")
public class Hl7ChannelsEndpoint {

    /**
     * One channel.
     *
     * @param port MLLP channels: the TCP port, else {@code null}
     * @param directory FILE channels: the watched directory, else {@code null}
     * @param unresolvedDeadLetters dead letters PENDING or FAILED_AGAIN
     */
    public record ChannelView(String id, ChannelSettings.Kind kind, Integer port, String directory,
            ChannelStatistics statistics, long unresolvedDeadLetters) {
    }

    /**
     * @param unconfiguredChannelsWithDeadLetters unresolved dead letters of channels that are no longer configured
     */
    public record Report(List<ChannelView> channels, Map<String, Long> unconfiguredChannelsWithDeadLetters) {
    }

    private final ChannelRegistry registry;
    private final MicrometerChannelObserver observer;
    private final JdbcDeadLetters deadLetters;

    public Hl7ChannelsEndpoint(ChannelRegistry registry, MicrometerChannelObserver observer,
            JdbcDeadLetters deadLetters) {
        this.registry = registry;
        this.observer = observer;
        this.deadLetters = deadLetters;
    }

    @ReadOperation
    public Report channels() {
        Map<String, Long> unresolved = new LinkedHashMap<>(deadLetters.unresolvedByChannel());
        List<ChannelView> views = registry.channels().stream()
                .map(channel -> view(channel, unresolved.getOrDefault(channel.settings().id(), 0L))).toList();
        views.forEach(view -> unresolved.remove(view.id()));
        return new Report(views, unresolved);
    }

    private ChannelView view(Hl7Channel channel, long unresolved) {
        ChannelSettings settings = channel.settings();
        boolean mllp = settings.kind() == ChannelSettings.Kind.MLLP;
        return new ChannelView(settings.id(), settings.kind(), mllp ? settings.port() : null,
                mllp || settings.directory() == null ? null : settings.directory().toString(),
                observer.statistics(settings.id()), unresolved);
    }
}
