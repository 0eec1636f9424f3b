package io.annota.bench;

import io.annota.server.AnnotaApplication;
import io.annota.server.nlp.NlpEngineHolder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole Annota application started in this JVM, as {@code RunningAnnota} does in the server's tests: random
 * HTTP port, a free MLLP port on the loopback interface (original acknowledgements, {@link OriginalAckChannel}),
 * a fresh H2 database in a temporary data directory that {@link #close()} deletes, the lite NLP profile, and
 * logging at WARN so benchmark output stays readable.
 */
public final class EmbeddedAnnota implements AutoCloseable {

    /** A fixed pseudonym key: figures must not depend on a generated key file. */
    public static final byte[] KEY = "annota-benchmark-key-0123456789-abcdef".getBytes(StandardCharsets.UTF_8);

    private final ConfigurableApplicationContext context;
    private final Path dataDir;
    private final int mllpPort;

    private EmbeddedAnnota(ConfigurableApplicationContext context, Path dataDir, int mllpPort) {
        this.context = context;
        this.dataDir = dataDir;
        this.mllpPort = mllpPort;
    }

    /** Starts Annota and waits until its NLP engine is built (so no engine build runs during a measurement). */
    public static EmbeddedAnnota start(Map<String, String> extraProperties) {
        Path dataDir;
        try {
            dataDir = Files.createTempDirectory("annota-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int mllpPort = freePort();
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("server.port", "0");
        properties.put("annota.mllp.port", Integer.toString(mllpPort));
        properties.put("annota.mllp.host", "127.0.0.1");
        try {
            properties.put(OriginalAckChannel.PROPERTY,
                    OriginalAckChannel.write(dataDir, "127.0.0.1", mllpPort).toString());
        } catch (IOException e) {
            deleteRecursively(dataDir);
            throw new UncheckedIOException(e);
        }
        properties.put("annota.data-dir", dataDir.toString());
        properties.put("annota.nlp.profile", "lite");
        properties.put("annota.deid.key", Base64.getEncoder().encodeToString(KEY));
        properties.put("logging.level.root", "WARN");
        // start-up chatter that says nothing about Annota (HAPI's bean wiring, Thymeleaf without templates)
        properties.put("logging.level.org.springframework.context.support.PostProcessorRegistrationDelegate", "ERROR");
        properties.put("spring.thymeleaf.check-template-location", "false");
        properties.putAll(extraProperties);
        List<String> args = new ArrayList<>();
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(AnnotaApplication.class).run(args.toArray(String[]::new));
        } catch (RuntimeException e) {
            deleteRecursively(dataDir);
            throw e;
        }
        EmbeddedAnnota annota = new EmbeddedAnnota(context, dataDir, mllpPort);
        try {
            context.getBean(NlpEngineHolder.class).await(Duration.ofMinutes(3));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            annota.close();
            throw new IllegalStateException("interrupted while waiting for the NLP engine", e);
        } catch (TimeoutException | RuntimeException e) {
            annota.close();
            throw new IllegalStateException("the NLP engine did not start", e);
        }
        return annota;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** The server's data directory ({@code $import} reads from its {@code import} folder). */
    public Path dataDir() {
        return dataDir;
    }

    public int httpPort() {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port", "-1"));
    }

    public int mllpPort() {
        return mllpPort;
    }

    public String fhirBase() {
        return "http://127.0.0.1:" + httpPort() + "/fhir";
    }

    public String actuatorBase() {
        return "http://127.0.0.1:" + httpPort() + "/actuator";
    }

    @Override
    public void close() {
        try {
            context.close();
        } finally {
            deleteRecursively(dataDir);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    // best effort: a temp directory
                }
            });
        } catch (IOException e) {
            // best effort
        }
    }
}
