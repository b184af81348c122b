package io.quarkiverse.bedrock.runtime.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** The backoff's growth and cap, and the adaptive limiter's slow-down and recovery, on a fake clock. */
class BackoffAndLimiterTest {

    @Test
    void theBackoffCeilingDoublesPerAttemptFromItsBaseAndStopsAtTheCap() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(20),
                bound -> bound);
        assertThat(backoff.delay(1, FailureKind.TRANSIENT)).isEqualTo(Duration.ofMillis(100));
        assertThat(backoff.delay(2, FailureKind.TRANSIENT)).isEqualTo(Duration.ofMillis(200));
        assertThat(backoff.delay(3, FailureKind.THROTTLE)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delay(10, FailureKind.THROTTLE)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.delay(1000, FailureKind.TRANSIENT)).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void fullJitterDrawsBetweenZeroAndTheCeiling() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(20));
        for (int i = 0; i < 200; i++) {
            assertThat(backoff.delay(3, FailureKind.TRANSIENT)).isBetween(Duration.ZERO, Duration.ofMillis(400));
        }
    }

    @Test
    void theLimiterIsOffUntilAThrottleThenPacesTheModelAndRecoversWithTime() {
        AtomicLong now = new AtomicLong(1_000_000_000L);
        AdaptiveRateLimiter limiter = new AdaptiveRateLimiter(now::get);
        for (int i = 0; i < 10; i++) {
            assertThat(limiter.reserve("m")).isZero();
            now.addAndGet(100_000_000L); // 10 requests per second
        }
        limiter.throttled("m");
        double slowed = limiter.rate("m");
        assertThat(slowed).isBetween(6.0, 7.5);
        assertThat(limiter.reserve("m")).isZero();
        Duration second = limiter.reserve("m");
        Duration third = limiter.reserve("m");
        assertThat(second).isPositive();
        assertThat(third).isGreaterThan(second);
        assertThat(limiter.reserve("other")).as("other models are not slowed").isZero();

        for (int i = 0; i < 50; i++) {
            limiter.throttled("m");
        }
        assertThat(limiter.rate("m")).as("a burst of throttles counts once").isEqualTo(slowed);
        now.addAndGet(1_500_000_000L);
        limiter.throttled("m");
        double again = limiter.rate("m");
        assertThat(again).as("a throttle after the burst cuts again").isLessThan(slowed);

        limiter.succeeded("m");
        assertThat(limiter.rate("m")).as("successes right after a cut do not speed up").isCloseTo(again, within(1e-9));
        now.addAndGet(2_000_000_000L);
        limiter.succeeded("m");
        double later = limiter.rate("m");
        assertThat(later).as("grows back with time").isGreaterThan(again);
        now.addAndGet(10_000_000_000L);
        limiter.succeeded("m");
        assertThat(limiter.rate("m")).as("off again ten seconds later").isZero();
        assertThat(limiter.reserve("m")).isZero();
    }
}
