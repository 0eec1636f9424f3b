package io.annota.server.intake.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.hl7v2.AcknowledgmentCode;
import io.annota.intake.hl7.Hl7Intake;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MicrometerChannelObserverTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final MicrometerChannelObserver observer = new MicrometerChannelObserver(registry);

    @Test
    void countsAnswersDeadLettersAndResendsPerChannelAndTimesThem() {
        observer.answered("mllp", outcome(AcknowledgmentCode.AA, false), false, millis(4));
        observer.answered("mllp", outcome(AcknowledgmentCode.AA, true), false, millis(2));
        observer.answered("mllp", outcome(AcknowledgmentCode.AE, false), true, millis(6));
        observer.answered("files", outcome(AcknowledgmentCode.AR, false), true, millis(8));

        ChannelStatistics mllp = observer.statistics("mllp");
        assertThat(mllp.received()).isEqualTo(3);
        assertThat(mllp.aa()).isEqualTo(2);
        assertThat(mllp.ae()).isEqualTo(1);
        assertThat(mllp.ar()).isZero();
        assertThat(mllp.deadLettered()).isEqualTo(1);
        assertThat(mllp.resends()).isEqualTo(1);
        assertThat(mllp.latencyMeanMillis()).isEqualTo(4.0);
        assertThat(mllp.latencyP95Millis()).isBetween(5.0, 7.0);
        assertThat(observer.statistics("files").ar()).isEqualTo(1);
        assertThat(observer.statistics("unused").received()).isZero();
    }

    @Test
    void prometheusNamesAreTheDocumentedOnes() {
        observer.answered("mllp", outcome(AcknowledgmentCode.AE, false), true, millis(3));

        String scrape = registry.scrape();

        assertThat(scrape)
                .contains("annota_hl7_messages_total{ack=\"AE\",channel=\"mllp\"} 1.0")
                .contains("annota_hl7_messages_total{ack=\"AA\",channel=\"mllp\"} 0.0")
                .contains("annota_hl7_dead_letters_total{channel=\"mllp\"} 1.0")
                .contains("annota_hl7_resends_total{channel=\"mllp\"} 0.0")
                .contains("annota_hl7_latency_seconds_bucket{channel=\"mllp\",le=")
                .contains("annota_hl7_latency_seconds_count{channel=\"mllp\"} 1")
                .contains("annota_hl7_latency_seconds_max{channel=\"mllp\"}");
    }

    private static Hl7Intake.Outcome outcome(AcknowledgmentCode code, boolean resent) {
        return new Hl7Intake.Outcome("", code, 0, "", "ADT^A01", "1", resent);
    }

    private static long millis(long millis) {
        return Duration.ofMillis(millis).toNanos();
    }
}
