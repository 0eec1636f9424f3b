package io.annota.bench.suite;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.annota.bench.OriginalAckChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The server jar started as its own process on free ports with a temporary data directory, the way an operator
 * runs it ({@code java -Xmx2g -jar annota-server.jar}), with its MLLP channel in original acknowledgement mode
 * ({@link OriginalAckChannel}); its output goes to a log file.
 */
public final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final Path dataDir;
    private final int httpPort;
    private final int mllpPort;

    private ServerProcess(Process process, Path dataDir, int httpPort, int mllpPort) {
        this.process = process;
        this.dataDir = dataDir;
        this.httpPort = httpPort;
        this.mllpPort = mllpPort;
    }

    /** Starts the jar and waits until {@code /actuator/health} says UP (NLP engine included). */
    public static ServerProcess start(Path jar, List<String> jvmOptions, Path log, Duration timeout)
            throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IOException("server jar not found: " + jar + " (build it: mvn -B -DskipTests package)");
        }
        Path dataDir = Files.createTempDirectory("annota-suite-");
        // run a copy: a rebuild of the server module during the run must not replace the jar under the process
        Path copy = dataDir.resolve("suite-server.jar");
        Files.copy(jar, copy);
        int httpPort = freePort();
        int mllpPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", copy.toString(),
                "--server.port=" + httpPort,
                "--annota.mllp.port=" + mllpPort,
                "--annota.mllp.host=127.0.0.1",
                "--" + OriginalAckChannel.PROPERTY + "=" + OriginalAckChannel.write(dataDir, "127.0.0.1", mllpPort),
                "--annota.data-dir=" + dataDir.resolve("data")));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        ServerProcess server = new ServerProcess(process, dataDir, httpPort, mllpPort);
        try {
            server.awaitHealthy(timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    private void awaitHealthy(Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(actuatorBase() + "/health"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        ObjectMapper json = new ObjectMapper();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with status " + process.exitValue() + " (see its log)");
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if ("UP".equals(json.readTree(response.body()).path("status").asText())) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(1000);
        }
        throw new IOException("the server was not healthy within " + timeout.toSeconds() + " s (see its log)");
    }

    public int httpPort() {
        return httpPort;
    }

    public int mllpPort() {
        return mllpPort;
    }

    public String fhirBase() {
        return "http://127.0.0.1:" + httpPort + "/fhir";
    }

    public String actuatorBase() {
        return "http://127.0.0.1:" + httpPort + "/actuator";
    }

    /** Stops the server (SIGTERM, then kill after 60 s) and deletes its data directory and jar copy. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteRecursively(dataDir);
    }

    private static void deleteRecursively(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temp directory: best effort
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
