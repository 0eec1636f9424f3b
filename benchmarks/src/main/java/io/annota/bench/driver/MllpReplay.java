package io.annota.bench.driver;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;

/**
 * Replays HL7 v2 messages into an MLLP listener over N connections, each waiting for every ACK. Answers are also
 * counted per set of messages, with the AE/AR answers by message type, error code and reason ({@link AnswerTally}).
 */
public final class MllpReplay {

    /**
     * @param messages the measured messages, sent in order (request i is {@code messages.get(i)})
     * @param warmup messages sent first over the same number of connections, not measured
     * @param actuatorBase the server's actuator, for CPU and RSS; null to skip
     * @param deadline stop sending after this long (what was left is counted as not sent)
     */
    public record Options(String host, int port, int connections, List<Hl7Message> messages,
            List<Hl7Message> warmup, int timeoutMillis, String source, String actuatorBase, Duration deadline) {
    }

    private MllpReplay() {
    }

    public static ReplayReport run(Options options) {
        if (!options.warmup().isEmpty()) {
            AnswerTally ignored = new AnswerTally(List.of());
            ReplayLoop.run(options.connections(), options.warmup().size(),
                    () -> new Client(options, options.warmup(), ignored), options.deadline());
        }
        AnswerTally tally = new AnswerTally(options.messages().stream().map(Hl7Message::set).distinct().toList());
        ReplayLoop.Measured measured;
        ReplayReport.Server server;
        try (ServerSampler sampler = new ServerSampler(options.actuatorBase(), Duration.ofMillis(500))) {
            measured = ReplayLoop.run(options.connections(), options.messages().size(),
                    () -> new Client(options, options.messages(), tally), options.deadline());
            server = sampler.finish();
        }
        return ReplayLoop.report("mllp", options.host() + ":" + options.port(), options.connections(),
                options.source(), measured, server, tally.summary());
    }

    /** One connection; reconnects after a timeout or a socket error. */
    private static final class Client implements ReplayLoop.Client {
        private final Options options;
        private final List<Hl7Message> messages;
        private final AnswerTally tally;
        private MllpConnection connection;

        Client(Options options, List<Hl7Message> messages, AnswerTally tally) {
            this.options = options;
            this.messages = messages;
            this.tally = tally;
        }

        @Override
        public ReplayLoop.Result send(int index) {
            Hl7Message message = messages.get(index);
            ReplayLoop.Result result;
            Acknowledgement ack = null;
            try {
                if (connection == null) {
                    connection = new MllpConnection(options.host(), options.port(), options.timeoutMillis());
                }
                long started = System.nanoTime();
                byte[] answer = connection.exchange(message.bytes());
                long nanos = System.nanoTime() - started;
                ack = Acknowledgement.read(answer);
                result = new ReplayLoop.Result(ack.code(), true, ack.accepted(), nanos);
            } catch (SocketTimeoutException e) {
                drop();
                result = ReplayLoop.Result.failure("timeout");
            } catch (IOException e) {
                drop();
                result = ReplayLoop.Result.failure("socket-error");
            }
            tally.add(message, result.outcome(), ack);
            return result;
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
