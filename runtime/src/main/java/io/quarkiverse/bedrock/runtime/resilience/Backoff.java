package io.quarkiverse.bedrock.runtime.resilience;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongUnaryOperator;

/**
 * Full-jitter exponential backoff: before attempt {@code n + 1}, a random wait between 0 and
 * {@code min(max, base * 2^(n-1))}, with a larger base after throttles.
 */
public final class Backoff {

    private final Duration base;
    private final Duration throttlingBase;
    private final Duration max;
    private final LongUnaryOperator random;

    /**
     * @param base base after transient failures
     * @param throttlingBase base after throttles
     * @param max the cap of every wait
     */
    public Backoff(Duration base, Duration throttlingBase, Duration max) {
        this(base, throttlingBase, max, bound -> bound <= 0 ? 0 : ThreadLocalRandom.current().nextLong(bound + 1));
    }

    /** @param random draws a number in {@code [0, bound]}, for tests */
    Backoff(Duration base, Duration throttlingBase, Duration max, LongUnaryOperator random) {
        this.base = base;
        this.throttlingBase = throttlingBase;
        this.max = max;
        this.random = random;
    }

    /**
     * @param failedAttempt the attempt that failed, 1 for the first
     * @param kind what failed
     * @return the wait before the next attempt
     */
    public Duration delay(int failedAttempt, FailureKind kind) {
        return Duration.ofNanos(random.applyAsLong(ceiling(failedAttempt, kind).toNanos()));
    }

    /**
     * @param failedAttempt the attempt that failed, 1 for the first
     * @param kind what failed
     * @return the largest wait the jitter may draw
     */
    public Duration ceiling(int failedAttempt, FailureKind kind) {
        Duration b = kind == FailureKind.THROTTLE ? throttlingBase : base;
        int shift = Math.min(30, Math.max(0, failedAttempt - 1));
        long nanos = b.toNanos() > (Long.MAX_VALUE >> shift) ? Long.MAX_VALUE : b.toNanos() << shift;
        return Duration.ofNanos(Math.min(nanos, max.toNanos()));
    }

    /** @return the cap of every wait */
    public Duration max() {
        return max;
    }
}
