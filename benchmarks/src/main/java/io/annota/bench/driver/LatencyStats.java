package io.annota.bench.driver;

import java.util.Arrays;

/** Latency samples in nanoseconds; percentiles by the nearest-rank method. Not thread-safe: one per worker, then {@link #merge}. */
public final class LatencyStats {

    private long[] samples = new long[1024];
    private int size;

    public void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    public void merge(LatencyStats other) {
        for (int i = 0; i < other.size; i++) {
            add(other.samples[i]);
        }
    }

    public int count() {
        return size;
    }

    /** Percentiles and mean in milliseconds; all zero when there are no samples. */
    public Summary summary() {
        if (size == 0) {
            return new Summary(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        double sum = 0;
        for (long sample : sorted) {
            sum += sample;
        }
        return new Summary(size, millis(percentile(sorted, 50)), millis(percentile(sorted, 95)),
                millis(percentile(sorted, 99)), millis(sorted[sorted.length - 1]), sum / size / 1e6);
    }

    /** Nearest rank: the smallest sample with at least {@code p} percent of the samples at or below it. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }

    /** Latencies in milliseconds. */
    public record Summary(int count, double p50, double p95, double p99, double max, double mean) {
    }
}
