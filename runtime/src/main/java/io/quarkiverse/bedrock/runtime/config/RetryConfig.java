package io.quarkiverse.bedrock.runtime.config;

import java.time.Duration;

import io.quarkus.runtime.annotations.ConfigGroup;
import io.smallrye.config.WithDefault;

/** How one client retries failed requests. */
@ConfigGroup
public interface RetryConfig {

    /** How failed requests are retried. */
    enum Mode {
        /** Up to `max-attempts`, full-jitter exponential backoff, a retry quota; as the AWS SDK's standard mode. */
        STANDARD,
        /** Standard, plus a per-model client-side rate limiter that slows down on throttles. */
        ADAPTIVE,
        /** Every request is sent once. */
        NONE
    }

    /**
     * `standard`, `adaptive` or `none`. Retried: HTTP 429, 500, 502, 503, 504, a connection refused, reset or closed
     * before any answer byte, a missing response before `response-headers-timeout`, and, for streams, a throttling,
     * service-unavailable or internal-server event that arrives before the first chunk. Never retried once a chunk
     * reached the subscriber.
     */
    @WithDefault("standard")
    Mode mode();

    /**
     * Attempts per request, the first included (1 = no retry).
     */
    @WithDefault("3")
    int maxAttempts();

    /**
     * Base delay of the exponential backoff after a transient failure (5xx, transport): attempt n waits a random
     * time between 0 and `min(max-backoff, base * 2^(n-1))`.
     */
    @WithDefault("100MS")
    Duration baseBackoff();

    /**
     * Base delay of the exponential backoff after a throttle (429 or a throttling event).
     */
    @WithDefault("1S")
    Duration throttlingBaseBackoff();

    /**
     * Longest delay between two attempts; a `Retry-After` / `x-amz-retry-after` header asking for more ends the
     * retries.
     */
    @WithDefault("20S")
    Duration maxBackoff();

    /**
     * Retry quota of the client (a token bucket): a retry after a transient failure costs 5 tokens, after a timeout 10;
     * a success returns 1 (or what its retry cost). An empty bucket stops retries until successes refill it, so that
     * a sick endpoint is not hammered.
     */
    @WithDefault("500")
    int budget();
}
