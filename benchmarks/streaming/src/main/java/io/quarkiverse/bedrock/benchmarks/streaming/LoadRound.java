package io.quarkiverse.bedrock.benchmarks.streaming;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs {@code streams} streams, at most {@code concurrency} at a time, and measures the process around them. */
final class LoadRound {

    /**
     * @param results every stream's result, in completion order
     * @param cpuNanos process CPU time spent during the round
     * @param allocatedBytes bytes allocated during the round
     * @param cpuByThreads CPU time spent during the round per thread group
     */
    record Outcome(List<StreamClient.StreamResult> results, long cpuNanos, long allocatedBytes,
            java.util.Map<String, Long> cpuByThreads) {
        /** @return the JIT compiler threads' part of {@link #cpuNanos} */
        long jitNanos() {
            return cpuByThreads.entrySet().stream().filter(e -> e.getKey().contains("CompilerThre"))
                    .mapToLong(java.util.Map.Entry::getValue).sum();
        }

        long textDeltas() {
            return results.stream().mapToLong(StreamClient.StreamResult::textDeltas).sum();
        }
    }

    private LoadRound() {
    }

    static Outcome run(StreamClient client, ProcessMeter meter, int streams, int concurrency,
            StreamingHarness.Scenario scenario) throws Exception {
        int expectedDeltas = scenario.tokens();
        List<StreamClient.StreamResult> results = Collections.synchronizedList(new ArrayList<>(streams));
        AtomicInteger started = new AtomicInteger();
        CompletableFuture<Void> all = new CompletableFuture<>();
        AtomicInteger finished = new AtomicInteger();
        System.gc();
        ProcessMeter.Reading before = meter.start();
        for (int i = 0; i < Math.min(concurrency, streams); i++) {
            next(client, scenario.invoke(), streams, started, finished, results, all);
        }
        all.get(10, TimeUnit.MINUTES);
        ProcessMeter.Reading after = meter.end();
        for (StreamClient.StreamResult r : results) {
            if (r.textDeltas() != expectedDeltas || r.requestId() == null) {
                throw new IllegalStateException(client.name() + ": a stream got " + r.textDeltas()
                        + " text deltas (expected " + expectedDeltas + "), request id " + r.requestId());
            }
        }
        return new Outcome(new ArrayList<>(results), after.cpuNanos() - before.cpuNanos(),
                after.allocatedBytes() - before.allocatedBytes(),
                ThreadCpu.since(before.cpuByThreads(), after.cpuByThreads()));
    }

    private static void next(StreamClient client, boolean invoke, int streams, AtomicInteger started, AtomicInteger finished,
            List<StreamClient.StreamResult> results, CompletableFuture<Void> all) {
        int n = started.getAndIncrement();
        if (n >= streams) {
            return;
        }
        client.stream("Tell me a story, number " + (n % 8), invoke).whenComplete((r, failure) -> {
            if (failure != null) {
                all.completeExceptionally(failure);
                return;
            }
            results.add(r);
            if (finished.incrementAndGet() == streams) {
                all.complete(null);
            } else {
                next(client, invoke, streams, started, finished, results, all);
            }
        });
    }
}
