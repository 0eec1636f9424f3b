package io.annota.bench.driver;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/** Replays HL7 v2 messages into an MLLP listener over N connections, each waiting for every ACK. */
public final class MllpReplay {

    /**
     * @param messages the measured messages, sent in order (request i is {@code messages.get(i)})
     * @param warmup messages sent first over the same number of connections, not measured
     * @param actuatorBase the server's actuator, for CPU and RSS; null to skip
     * @param deadline stop sending after this long (what was left is counted as not sent)
     */
    public record Options(String host, int port, int connections, List<byte[]> messages, List<byte[]> warmup,
            int timeoutMillis, String source, String actuatorBase, Duration deadline) {
    }

    private MllpReplay() {
    }

    public static ReplayReport run(Options options) {
        if (!options.warmup().isEmpty()) {
            ReplayLoop.run(options.connections(), options.warmup().size(),
                    () -> new Client(options, options.warmup()), options.deadline());
        }
        ReplayLoop.Measured measured;
        ReplayReport.Server server;
        try (ServerSampler sampler = new ServerSampler(options.actuatorBase(), Duration.ofMillis(500))) {
            measured = ReplayLoop.run(options.connections(), options.messages().size(),
                    () -> new Client(options, options.messages()), options.deadline());
            server = sampler.finish();
        }
        return ReplayLoop.report("mllp", options.host() + ":" + options.port(), options.connections(),
                options.source(), measured, server);
    }

    /** One connection; reconnects after a timeout or a socket error. */
    private static final class Client implements ReplayLoop.Client {
        private final Options options;
        private final List<byte[]> messages;
        private MllpConnection connection;

        Client(Options options, List<byte[]> messages) {
            this.options = options;
            this.messages = messages;
        }

        @Override
        public ReplayLoop.Result send(int index) {
            try {
                if (connection == null) {
                    connection = new MllpConnection(options.host(), options.port(), options.timeoutMillis());
                }
                long started = System.nanoTime();
                byte[] ack = connection.exchange(messages.get(index));
                long nanos = System.nanoTime() - started;
                String code = MllpConnection.ackCode(ack);
                return new ReplayLoop.Result(code, true, "AA".equals(code) || "CA".equals(code), nanos);
            } catch (SocketTimeoutException e) {
                drop();
                return ReplayLoop.Result.failure("timeout");
            } catch (IOException e) {
                drop();
                return ReplayLoop.Result.failure("socket-error");
            }
        }

        private void drop() {
            if (connection != null) {
                connection.close();
                connection = null;
            }
        }

        @Override
        public void close() {
            drop();
        }
    }
}
