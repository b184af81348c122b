package io.quarkiverse.bedrock.runtime.telemetry.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkiverse.bedrock.runtime.telemetry.FixedTelemetryConfig;
import io.quarkiverse.bedrock.runtime.telemetry.Observation;
import io.quarkiverse.bedrock.runtime.telemetry.Operation;
import io.quarkiverse.bedrock.runtime.telemetry.Outcome;
import io.quarkiverse.bedrock.runtime.telemetry.ServerAddress;

/** Every chunk interval of a stream reaches the per-chunk timer: a full batch at a time, the rest when it ends. */
class ChunkIntervalsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void intervalsReachTheTimerAFullBatchAtATimeAndAllOfThemOnFlush() {
        Timer timer = registry.timer("intervals");
        ChunkIntervals intervals = new ChunkIntervals(timer);
        long sum = 0;
        for (int i = 1; i < ChunkIntervals.CAPACITY; i++) {
            intervals.add(i * 1_000L);
            sum += i * 1_000L;
        }
        assertThat(timer.count()).isZero();

        intervals.add(7_000_000L);
        sum += 7_000_000L;
        assertThat(timer.count()).isEqualTo(ChunkIntervals.CAPACITY);
        assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(sum);
        assertThat(timer.max(TimeUnit.NANOSECONDS)).isEqualTo(7_000_000L);

        for (int i = 0; i < 5; i++) {
            intervals.add(2_000L);
        }
        intervals.flush();
        intervals.flush();
        assertThat(timer.count()).isEqualTo(ChunkIntervals.CAPACITY + 5);
        assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isEqualTo(sum + 5 * 2_000L);
    }

    @Test
    void everyIntervalOfAStreamIsRecordedWhenItEndsHoweverItEnds() {
        GenAiMeters meters = new GenAiMeters(registry, new FixedTelemetryConfig(false, false));
        Operation op = new Operation("<default>", Operation.CHAT, "amazon.nova-lite-v1:0", true, "converse-stream", null,
                null, new ServerAddress("localhost", 4566));

        Observation completed = meters.start(op, System.nanoTime());
        sendChunks(completed, 1 + 40);
        assertThat(perChunk().count()).as("one full batch so far").isEqualTo(ChunkIntervals.CAPACITY);
        completed.succeeded(new Outcome("r-1", op.model(), null, null, op.api(), -1, null));
        assertThat(perChunk().count()).isEqualTo(40);
        assertThat(perChunk().totalTime(TimeUnit.NANOSECONDS)).isEqualTo(40 * 1_000L);

        Observation cancelled = meters.start(op, System.nanoTime());
        sendChunks(cancelled, 1 + 3);
        cancelled.cancelled();
        Observation failed = meters.start(op, System.nanoTime());
        sendChunks(failed, 1 + 70);
        failed.failed(new IllegalStateException("cut"));

        assertThat(perChunk().count()).isEqualTo(40 + 3 + 70);
        assertThat(registry.get(GenAiMeters.TIME_TO_FIRST_CHUNK).timer().count()).isEqualTo(3);
        assertThat(registry.get(GenAiMeters.DURATION).tag("error.type", "cancelled").timer().count()).isEqualTo(1);
        assertThat(registry.get(GenAiMeters.DURATION).tag("error.type", "IllegalStateException").timer().count())
                .isEqualTo(1);
    }

    private Timer perChunk() {
        return registry.get(GenAiMeters.TIME_PER_OUTPUT_CHUNK).timer();
    }

    /** The first chunk 5 ms after the start, each later one 1 µs after the one before, as the stream reports them. */
    private static void sendChunks(Observation observation, int chunks) {
        observation.firstChunk(5_000_000L);
        Observation every = observation.everyChunk();
        for (int i = 1; i < chunks; i++) {
            every.nextChunk(1_000L);
        }
    }
}
