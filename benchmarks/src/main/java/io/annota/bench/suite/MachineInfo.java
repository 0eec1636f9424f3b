package io.annota.bench.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The machine a run happened on, as far as the JVM and /proc tell. */
public record MachineInfo(String cpu, int cores, String memory, String os, String jdk, String date, String load) {

    /** The machine now; {@code loadAtStart} is the load average read when the run began (see {@link #loadAverage()}). */
    public static MachineInfo current(String loadAtStart) {
        return new MachineInfo(cpuModel(), Runtime.getRuntime().availableProcessors(), totalMemory(), osName(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                        + " (" + System.getProperty("java.vm.vendor") + ")",
                ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                loadAtStart);
    }

    /** The 1, 5 and 15 minute load averages from /proc/loadavg, or "n/a". */
    public static String loadAverage() {
        List<String> lines = lines(Path.of("/proc/loadavg"));
        if (lines.isEmpty()) {
            return "n/a";
        }
        String[] parts = lines.get(0).split("\\s+");
        return parts.length >= 3 ? parts[0] + " " + parts[1] + " " + parts[2] : "n/a";
    }

    private static String cpuModel() {
        for (String line : lines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("model name")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return System.getProperty("os.arch");
    }

    private static String totalMemory() {
        for (String line : lines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                long kilobytes = Long.parseLong(line.replaceAll("[^0-9]", ""));
                return String.format(Locale.ROOT, "%.1f GiB", kilobytes / 1048576.0);
            }
        }
        return String.format(Locale.ROOT, "unknown (JVM max heap %d MiB)", Runtime.getRuntime().maxMemory() >> 20);
    }

    private static String osName() {
        String name = System.getProperty("os.name");
        for (String line : lines(Path.of("/etc/os-release"))) {
            if (line.startsWith("PRETTY_NAME=")) {
                name = line.substring("PRETTY_NAME=".length()).replace("\"", "");
            }
        }
        return name + ", kernel " + System.getProperty("os.version") + ", " + System.getProperty("os.arch");
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
