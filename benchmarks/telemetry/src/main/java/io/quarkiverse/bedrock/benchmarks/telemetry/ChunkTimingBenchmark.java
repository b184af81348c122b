package io.quarkiverse.bedrock.benchmarks.telemetry;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * What one value of the per-chunk timer costs inside Micrometer, apart from the client: a clock read alone, a clock
 * read plus one {@code Timer.record} on a timer with the conventions' bucket boundaries (as the client's
 * {@code gen_ai.client.operation.time_per_output_chunk}) or without buckets, and the same values recorded in batches
 * of 32.
 * <p>
 * The timer is shared by the benchmark's threads, as the client's is by the event loops: {@code -t 2} shows what two
 * cores recording into one timer cost each other, and {@code -p work=...} spaces the chunks with other work (with
 * {@code clockOnly} at the same {@code work} as the baseline to subtract).
 * <p>
 * {@code ./mvnw -f benchmarks/telemetry package exec:exec -Dbench.args="ChunkTimingBenchmark"}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = { "-Xms1g", "-Xmx1g" })
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ChunkTimingBenchmark {

    /** {@code simple} (SimpleMeterRegistry) or {@code prometheus} (quarkus-micrometer-registry-prometheus's). */
    @Param({ "simple", "prometheus" })
    String registry;

    /** Whether the timer has the conventions' explicit bucket boundaries. */
    @Param({ "true", "false" })
    boolean buckets;

    /**
     * {@link Blackhole#consumeCPU} tokens of other work per chunk, as a client decodes between two chunks: with two
     * threads, it decides how often both touch the timer at once.
     */
    @Param({ "0" })
    int work;

    private Timer timer;

    /** One caller (a stream's event loop): its previous chunk time and the intervals it has not recorded yet. */
    @State(Scope.Thread)
    public static class Caller {
        long previous = System.nanoTime();
        final long[] batch = new long[32];
        int size;
    }

    @Setup
    public void setUp() {
        MeterRegistry meters = "prometheus".equals(registry) ? new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
                : new SimpleMeterRegistry();
        Timer.Builder builder = Timer.builder("gen_ai.client.operation.time_per_output_chunk").tags("gen_ai.operation.name",
                "chat", "gen_ai.provider.name", "aws.bedrock");
        if (buckets) {
            builder.serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(40),
                    Duration.ofMillis(80), Duration.ofMillis(160), Duration.ofMillis(320), Duration.ofMillis(640),
                    Duration.ofMillis(1280), Duration.ofMillis(2560), Duration.ofMillis(5120), Duration.ofMillis(10240),
                    Duration.ofMillis(20480), Duration.ofMillis(40960), Duration.ofMillis(81920));
        }
        timer = builder.register(meters);
    }

    /** @return the time since the previous call: the clock read every chunk pays */
    @Benchmark
    public long clockOnly(Caller caller) {
        Blackhole.consumeCPU(work);
        long now = System.nanoTime();
        long since = now - caller.previous;
        caller.previous = now;
        return since;
    }

    /** A clock read and one recorded value, as one output chunk after the first. */
    @Benchmark
    public void clockAndRecord(Caller caller) {
        Blackhole.consumeCPU(work);
        long now = System.nanoTime();
        timer.record(now - caller.previous, TimeUnit.NANOSECONDS);
        caller.previous = now;
    }

    /** A clock read per chunk, the values recorded 32 in a row (as the client's per-stream batches). */
    @Benchmark
    public void clockAndBatchedRecord(Caller caller) {
        Blackhole.consumeCPU(work);
        long now = System.nanoTime();
        caller.batch[caller.size++] = now - caller.previous;
        caller.previous = now;
        if (caller.size == caller.batch.length) {
            for (long interval : caller.batch) {
                timer.record(interval, TimeUnit.NANOSECONDS);
            }
            caller.size = 0;
        }
    }
}
