package io.annota.server.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests, started from Debian's {@code postgresql} binaries on a free loopback
 * port in a temporary directory (as the {@code postgres} user when the tests run as root, since PostgreSQL refuses
 * to run as root). Install the binaries with {@code apt-get install postgresql}; {@code .ci/run} does.
 */
public final class PostgresServer implements AutoCloseable {

    private final Path binDir;
    private final Path dataDir;
    private final int port;
    private final boolean asPostgresUser;

    private PostgresServer(Path binDir, Path dataDir, int port, boolean asPostgresUser) {
        this.binDir = binDir;
        this.dataDir = dataDir;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path data = Files.createTempDirectory("annota-pg-");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        PostgresServer server = new PostgresServer(bin, data.resolve("cluster"), port, root);
        if (root) {
            run(List.of("chown", "postgres:postgres", data.toString()), false);
        }
        server.pg(List.of(bin.resolve("initdb").toString(), "-D", server.dataDir.toString(), "-U", "annota",
                "--auth=trust", "--encoding=UTF8", "--no-sync"));
        server.pg(List.of(bin.resolve("pg_ctl").toString(), "-D", server.dataDir.toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -h 127.0.0.1 -k " + data + " -c fsync=off", "-l", data.resolve("pg.log").toString(),
                "start"));
        return server;
    }

    public String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
    }

    public String username() {
        return "annota";
    }

    private static Path findBinaries() throws IOException {
        Path base = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(base)) {
            try (Stream<Path> versions = Files.list(base)) {
                var newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(Path::toString));
                if (newest.isPresent()) {
                    return newest.get();
                }
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries not found under /usr/lib/postgresql: "
                + "install Debian's postgresql package (.ci/run does)");
    }

    private void pg(List<String> command) throws IOException, InterruptedException {
        run(command, asPostgresUser);
    }

    private static void run(List<String> command, boolean asPostgresUser) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("command failed: " + String.join(" ", full) + "\n" + output);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        pg(List.of(binDir.resolve("pg_ctl").toString(), "-D", dataDir.toString(), "-m", "immediate", "-w", "stop"));
    }
}
