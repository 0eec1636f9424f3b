package io.annota.server.intake.metrics;

import ca.uhn.hl7v2.AcknowledgmentCode;
import io.annota.intake.hl7.ChannelObserver;
import io.annota.intake.hl7.Hl7Intake;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Channel statistics as Micrometer meters, tagged by channel (Prometheus names, {@code docs/dead-letters.md}):
 * {@code annota_hl7_messages_total{channel,ack}}, {@code annota_hl7_dead_letters_total{channel}},
 * {@code annota_hl7_resends_total{channel}} and the timer {@code annota_hl7_latency_seconds{channel}}. The timer
 * publishes histogram buckets, for quantiles over any window in Prometheus, and keeps p50/p95/p99 of the last few
 * minutes for {@link #statistics} (Prometheus gets the buckets only: Micrometer exports one or the other). Meters
 * are made on a channel's first message, or when its statistics are first asked for. Counts and timings only.
 * Thread-safe.
 */
public class MicrometerChannelObserver implements ChannelObserver {

    static final String MESSAGES = "annota.hl7.messages";
    static final String DEAD_LETTERS = "annota.hl7.dead.letters";
    static final String RESENDS = "annota.hl7.resends";
    static final String LATENCY = "annota.hl7.latency";

    /** The codes a message can be answered with in original mode (enhanced mode's accept codes are not counted). */
    private static final AcknowledgmentCode[] ACK_CODES =
            {AcknowledgmentCode.AA, AcknowledgmentCode.AE, AcknowledgmentCode.AR};

    private final MeterRegistry registry;
    private final Map<String, ChannelMeters> channels = new ConcurrentHashMap<>();

    public MicrometerChannelObserver(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void answered(String channel, Hl7Intake.Outcome outcome, boolean deadLettered, long nanos) {
        ChannelMeters meters = meters(channel);
        meters.messages(outcome.code()).increment();
        if (deadLettered) {
            meters.deadLetters.increment();
        }
        if (outcome.resent()) {
            meters.resends.increment();
        }
        meters.latency.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** What channel {@code channel} has answered since start-up. */
    public ChannelStatistics statistics(String channel) {
        ChannelMeters meters = meters(channel);
        long aa = count(meters.messages(AcknowledgmentCode.AA));
        long ae = count(meters.messages(AcknowledgmentCode.AE));
        long ar = count(meters.messages(AcknowledgmentCode.AR));
        double p95 = Arrays.stream(meters.latency.takeSnapshot().percentileValues())
                .filter(value -> value.percentile() == 0.95).mapToDouble(value -> value.value(TimeUnit.MILLISECONDS))
                .findFirst().orElse(0);
        return new ChannelStatistics(aa + ae + ar, aa, ae, ar, count(meters.deadLetters), count(meters.resends),
                meters.latency.mean(TimeUnit.MILLISECONDS), p95);
    }

    private ChannelMeters meters(String channel) {
        return channels.computeIfAbsent(channel, this::register);
    }

    private ChannelMeters register(String channel) {
        Map<AcknowledgmentCode, Counter> messages = new ConcurrentHashMap<>();
        for (AcknowledgmentCode code : ACK_CODES) {
            messages.put(code, messageCounter(channel, code));
        }
        return new ChannelMeters(channel, messages,
                Counter.builder(DEAD_LETTERS).description("HL7 v2 messages kept as dead letters")
                        .tag("channel", channel).register(registry),
                Counter.builder(RESENDS).description("HL7 v2 messages sent again after they were stored")
                        .tag("channel", channel).register(registry),
                Timer.builder(LATENCY).description("HL7 v2 message receipt to answer")
                        .tag("channel", channel)
                        .publishPercentiles(0.5, 0.95, 0.99)
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofMillis(1))
                        .maximumExpectedValue(Duration.ofSeconds(30))
                        .register(registry));
    }

    private Counter messageCounter(String channel, AcknowledgmentCode code) {
        return Counter.builder(MESSAGES).description("HL7 v2 messages answered, by acknowledgement code")
                .tag("channel", channel).tag("ack", code.name()).register(registry);
    }

    private static long count(Counter counter) {
        return (long) counter.count();
    }

    /** One channel's meters. */
    private final class ChannelMeters {

        private final String channel;
        private final Map<AcknowledgmentCode, Counter> messages;
        private final Counter deadLetters;
        private final Counter resends;
        private final Timer latency;

        ChannelMeters(String channel, Map<AcknowledgmentCode, Counter> messages, Counter deadLetters,
                Counter resends, Timer latency) {
            this.channel = channel;
            this.messages = messages;
            this.deadLetters = deadLetters;
            this.resends = resends;
            this.latency = latency;
        }

        Counter messages(AcknowledgmentCode code) {
            return messages.computeIfAbsent(code, c -> messageCounter(channel, c));
        }
    }
}
