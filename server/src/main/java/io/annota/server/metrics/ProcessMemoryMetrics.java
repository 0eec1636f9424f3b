package io.annota.server.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.stereotype.Component;

/**
 * {@code annota.process.rss}: the resident set size of this JVM, read from {@code /proc/self/status} (Linux).
 * The JVM's own memory metrics leave out code, threads and native memory that cTAKES and the database use, so
 * capacity planning and the benchmark driver need the figure the operating system sees. NaN elsewhere.
 */
@Component
public class ProcessMemoryMetrics implements MeterBinder {

    private static final Path STATUS = Path.of("/proc/self/status");

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("annota.process.rss", ProcessMemoryMetrics::residentBytes)
                .description("Resident set size of the Annota process")
                .baseUnit("bytes")
                .register(registry);
    }

    static double residentBytes() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String kilobytes = line.substring("VmRSS:".length()).replace("kB", "").trim();
                    return Long.parseLong(kilobytes) * 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
