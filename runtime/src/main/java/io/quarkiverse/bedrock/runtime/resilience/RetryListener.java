package io.quarkiverse.bedrock.runtime.resilience;

import java.time.Duration;

import io.smallrye.mutiny.Context;

/**
 * Hears what the retry logic does, for telemetry (spans, metrics). Called on whatever thread the event happens on;
 * implementations must be quick and must not throw.
 */
public interface RetryListener {

    /** Hears nothing. */
    RetryListener NONE = new RetryListener() {
    };

    /**
     * The key of the Mutiny {@link Context} entry holding the listener of one call: a subscriber that wants to hear
     * about its own call's retries (telemetry's span and meters) puts its listener there.
     */
    String CONTEXT_KEY = RetryListener.class.getName();

    /**
     * @param context the subscriber's context
     * @param otherwise the listener when the context holds none
     * @return the listener of the call the context belongs to
     */
    static RetryListener in(Context context, RetryListener otherwise) {
        return context.getOrElse(CONTEXT_KEY, () -> otherwise);
    }

    /**
     * An attempt starts.
     *
     * @param operation e.g. {@code converse-stream}
     * @param attempt 1 for the first
     */
    default void onAttempt(String operation, int attempt) {
    }

    /**
     * An attempt failed and another one follows.
     *
     * @param operation e.g. {@code converse}
     * @param attempt the attempt that failed
     * @param failure why
     * @param delay the wait before the next attempt
     */
    default void onRetry(String operation, int attempt, Throwable failure, Duration delay) {
    }

    /**
     * Bedrock throttled an attempt (HTTP 429 or a throttling event).
     *
     * @param operation e.g. {@code converse}
     * @param model the model id
     */
    default void onThrottle(String operation, String model) {
    }

    /**
     * A retryable failure was not retried: attempts, quota or backoff budget exhausted.
     *
     * @param operation e.g. {@code converse}
     * @param attempt the attempt that failed
     * @param failure why
     * @param reason why it was not retried
     */
    default void onGiveUp(String operation, int attempt, Throwable failure, String reason) {
    }

    /**
     * The adaptive limiter holds an attempt back before sending it, because the model was throttled lately.
     *
     * @param operation e.g. {@code converse}
     * @param model the model id
     * @param wait how long it waits
     */
    default void onLimiterWait(String operation, String model, Duration wait) {
    }
}
