package io.annota.bench.driver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void nearestRankPercentilesInMilliseconds() {
        LatencyStats stats = new LatencyStats();
        for (int i = 100; i >= 1; i--) {
            stats.add(i * 1_000_000L); // 1..100 ms, added out of order
        }
        LatencyStats.Summary summary = stats.summary();
        assertThat(summary.count()).isEqualTo(100);
        assertThat(summary.p50()).isEqualTo(50.0);
        assertThat(summary.p95()).isEqualTo(95.0);
        assertThat(summary.p99()).isEqualTo(99.0);
        assertThat(summary.max()).isEqualTo(100.0);
        assertThat(summary.mean()).isEqualTo(50.5);
    }

    @Test
    void mergeAndSmallSamples() {
        LatencyStats a = new LatencyStats();
        a.add(2_000_000L);
        LatencyStats b = new LatencyStats();
        b.add(4_000_000L);
        a.merge(b);
        assertThat(a.summary().p50()).isEqualTo(2.0);
        assertThat(a.summary().p99()).isEqualTo(4.0);
        assertThat(new LatencyStats().summary().count()).isZero();
    }
}
