package io.quarkiverse.bedrock.runtime.resilience;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * The client-side rate limiter of the adaptive retry mode, one per model: off until the model is throttled, then
 * sending at a rate that drops by 30 % at a throttle and, with successes, grows back with the time since that throttle
 * along a cubic curve (slowly near the rate that was throttled, faster away from it, as TCP CUBIC and the AWS SDK's
 * adaptive mode do), until it is twice the rate that was throttled, when it turns off again. The throttles of one
 * burst (answers to requests sent before the first of them) count once. A caller waits for its turn; the wait is
 * bounded by its deadline.
 */
public final class AdaptiveRateLimiter {

    static final double MIN_RATE = 0.5;
    private static final double DECREASE = 0.7;
    /** How fast the rate grows back, in requests per second per cubed second. */
    private static final double CUBIC_SCALE = 0.4;
    /** Throttles this soon after a cut answer requests sent before it: one burst, one cut. */
    private static final long BURST_NANOS = 1_000_000_000L;

    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoTime;

    /** A limiter on the system clock. */
    public AdaptiveRateLimiter() {
        this(System::nanoTime);
    }

    AdaptiveRateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * Takes a turn to send.
     *
     * @param model the model id
     * @return how long the caller must wait before it sends (zero when the model is not throttled)
     */
    public Duration reserve(String model) {
        return bucket(model).reserve(nanoTime.getAsLong());
    }

    /** @param model a model that answered with a throttle */
    public void throttled(String model) {
        bucket(model).throttled(nanoTime.getAsLong());
    }

    /** @param model a model that answered */
    public void succeeded(String model) {
        Bucket b = buckets.get(model);
        if (b != null) {
            b.succeeded(nanoTime.getAsLong());
        }
    }

    /**
     * @param model the model id
     * @return the rate the model's requests are sent at, in requests per second, or 0 when it is not limited
     */
    public double rate(String model) {
        Bucket b = buckets.get(model);
        return b == null ? 0 : b.rate();
    }

    private Bucket bucket(String model) {
        return buckets.computeIfAbsent(model, m -> new Bucket());
    }

    private static final class Bucket {
        private boolean enabled;
        private double rate;
        private double throttledRate;
        /** When the next request may go, in {@link System#nanoTime()} terms. */
        private long nextSlot;
        /** Requests sent in the current second, to know the rate that was throttled. */
        private long windowStart;
        private int windowCount;
        private double measured;
        private long lastCut;

        synchronized Duration reserve(long now) {
            if (now - windowStart >= 1_000_000_000L) {
                measured = windowCount * 1e9 / Math.max(1, now - windowStart);
                windowStart = now;
                windowCount = 0;
            }
            windowCount++;
            if (!enabled) {
                return Duration.ZERO;
            }
            long slot = Math.max(now, nextSlot);
            nextSlot = slot + (long) (1e9 / rate);
            return Duration.ofNanos(slot - now);
        }

        synchronized void throttled(long now) {
            if (enabled && now - lastCut < BURST_NANOS) {
                return;
            }
            double current = enabled ? rate
                    : Math.max(measured, windowCount * 1e9 / Math.max(1_000_000L, now - windowStart));
            throttledRate = Math.max(MIN_RATE, current);
            rate = Math.max(MIN_RATE, current * DECREASE);
            lastCut = now;
            enabled = true;
        }

        synchronized void succeeded(long now) {
            if (!enabled) {
                return;
            }
            // the cubic through the cut rate at the throttle, flat at the throttled rate
            double sinceCut = (now - lastCut) / 1e9;
            double plateau = Math.cbrt(throttledRate * (1 - DECREASE) / CUBIC_SCALE);
            double cubic = CUBIC_SCALE * Math.pow(sinceCut - plateau, 3) + throttledRate;
            rate = Math.max(rate, cubic);
            if (rate >= 2 * throttledRate) {
                enabled = false;
                nextSlot = 0;
            }
        }

        synchronized double rate() {
            return enabled ? rate : 0;
        }
    }
}
