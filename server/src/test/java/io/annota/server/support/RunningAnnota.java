package io.annota.server.support;

import io.annota.server.AnnotaApplication;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A whole Annota server started and stopped by a test itself, for tests that need their own database or a
 * restart; the shared-context tests extend {@code AnnotaServerIT} instead.
 */
public final class RunningAnnota implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int mllpPort;

    private RunningAnnota(ConfigurableApplicationContext context, int mllpPort) {
        this.context = context;
        this.mllpPort = mllpPort;
    }

    /** Starts Annota on free ports with {@code properties} added to its defaults. */
    public static RunningAnnota start(Map<String, String> properties) {
        int mllpPort = freePort();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0", "--annota.mllp.port=" + mllpPort, "--annota.mllp.host=127.0.0.1"));
        properties.forEach((name, value) -> args.add("--" + name + "=" + value));
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(AnnotaApplication.class).run(args.toArray(String[]::new));
        return new RunningAnnota(context, mllpPort);
    }

    public String fhirBase() {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port") + "/fhir";
    }

    public int mllpPort() {
        return mllpPort;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    @Override
    public void close() {
        context.close();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
