package io.quarkiverse.bedrock.runtime.telemetry.micrometer;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;

/**
 * One stream's chunk intervals on their way to the {@code time_per_output_chunk} timer: kept in a small array and
 * recorded {@value #CAPACITY} at a time, and when the stream ends. Every interval is recorded; only when it reaches the
 * registry is deferred (at most {@value #CAPACITY} chunks, or to the end of the stream).
 * <p>
 * Why: the timer is shared by every stream of a kind of operation, so by every event loop. Recorded one chunk at a
 * time, two cores take the timer's counters from each other at every chunk: 130 to 380 ns a value with two threads
 * recording a chunk per microsecond of other work, against 68 to 110 ns recorded in runs of 32
 * ({@code ChunkTimingBenchmark}, {@code -t 2 -p work=500}); alone, a thread pays about the same either way.
 * <p>
 * Called on the stream's serialized signals. A cancellation racing a chunk can at worst record one interval twice or
 * not at all, never throw.
 */
final class ChunkIntervals {

    static final int CAPACITY = 32;

    private final Timer timer;
    private final long[] nanos = new long[CAPACITY];
    private int size;

    ChunkIntervals(Timer timer) {
        this.timer = timer;
    }

    void add(long interval) {
        int n = size;
        if (n >= CAPACITY) {
            flush();
            n = 0;
        }
        nanos[n] = interval;
        size = n + 1;
        if (n + 1 == CAPACITY) {
            flush();
        }
    }

    /** Records the intervals kept so far. */
    void flush() {
        int n = Math.min(size, CAPACITY);
        size = 0;
        for (int i = 0; i < n; i++) {
            timer.record(nanos[i], TimeUnit.NANOSECONDS);
        }
    }
}
