package io.annota.server.intake.metrics;

/**
 * What one channel has answered since start-up.
 *
 * @param received messages answered (AA + AE + AR)
 * @param deadLettered messages kept as dead letters
 * @param resends messages sent again after they were stored, answered with their original ACK
 * @param latencyMeanMillis mean time from receipt to answer
 * @param latencyP95Millis 95th percentile of that time over the last few minutes (0 when none)
 */
public record ChannelStatistics(long received, long aa, long ae, long ar, long deadLettered, long resends,
        double latencyMeanMillis, double latencyP95Millis) {
}
