package io.annota.bench.driver;

import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Runs {@code total} requests over {@code concurrency} workers. Each worker owns one {@link Client} (a connection)
 * and sends one request at a time, taking the next index from a shared counter, so faster workers send more.
 */
final class ReplayLoop {

    /** One worker's connection. */
    interface Client extends AutoCloseable {
        /** Sends request {@code index}; never throws (failures are outcomes). */
        Result send(int index);

        @Override
        void close();
    }

    /**
     * @param outcome the kind of answer or failure ({@code AA}, {@code HTTP 200}, {@code timeout}...)
     * @param answered true if the server answered (the latency counts)
     * @param succeeded true if the answer means stored
     * @param nanos request latency, if answered
     */
    record Result(String outcome, boolean answered, boolean succeeded, long nanos) {
        static Result failure(String outcome) {
            return new Result(outcome, false, false, 0);
        }

        /** An HTTP request that failed: {@code timeout}, or {@code exception:<class>} (an interrupt is kept). */
        static Result failure(Exception e) {
            if (e instanceof HttpTimeoutException) {
                return failure("timeout");
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return failure("exception:" + e.getClass().getSimpleName());
        }
    }

    /** What a run measured, before the server figures are added. */
    record Measured(long sent, long answered, long succeeded, double seconds, LatencyStats latency,
            Map<String, Long> outcomes) {
    }

    private ReplayLoop() {
    }

    static Measured run(int concurrency, int total, Supplier<Client> clients, Duration deadline) {
        AtomicInteger next = new AtomicInteger();
        Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
        LongAdder answered = new LongAdder();
        LongAdder succeeded = new LongAdder();
        List<LatencyStats> latencies = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        long stopAt = System.nanoTime() + deadline.toNanos();
        long started = System.nanoTime();
        for (int w = 0; w < concurrency; w++) {
            LatencyStats latency = new LatencyStats();
            latencies.add(latency);
            Thread worker = new Thread(() -> {
                try (Client client = clients.get()) {
                    int index;
                    while ((index = next.getAndIncrement()) < total) {
                        if (System.nanoTime() > stopAt) {
                            outcomes.computeIfAbsent("not sent (time limit)", k -> new LongAdder()).increment();
                            continue;
                        }
                        Result result = client.send(index);
                        outcomes.computeIfAbsent(result.outcome(), k -> new LongAdder()).increment();
                        if (result.answered()) {
                            answered.increment();
                            latency.add(result.nanos());
                        }
                        if (result.succeeded()) {
                            succeeded.increment();
                        }
                    }
                }
            }, "replay-" + w);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            try {
                worker.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the replay", e);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        LatencyStats all = new LatencyStats();
        latencies.forEach(all::merge);
        Map<String, Long> counts = new TreeMap<>();
        outcomes.forEach((name, count) -> counts.put(name, count.sum()));
        long notSent = counts.getOrDefault("not sent (time limit)", 0L);
        return new Measured(total - notSent, answered.sum(), succeeded.sum(), seconds, all, counts);
    }

    static ReplayReport report(String kind, String target, int concurrency, String source, Measured measured,
            ReplayReport.Server server, List<ReplayReport.SetAnswers> sets) {
        double throughput = measured.seconds() > 0 ? measured.answered() / measured.seconds() : 0;
        return new ReplayReport(kind, target, concurrency, source, measured.sent(), measured.answered(),
                measured.succeeded(), measured.seconds(), throughput, measured.latency().summary(),
                measured.outcomes(), server, sets);
    }
}
