package io.quarkiverse.bedrock.runtime.telemetry;

import java.time.Duration;
import java.util.Map;

import io.quarkiverse.bedrock.runtime.resilience.FallbackListener;
import io.quarkiverse.bedrock.runtime.resilience.RetryListener;

/**
 * Hands what the client's retry logic and fallbacks do during one call to that call's {@link Observation}, through
 * the Mutiny context of the call's subscription (see {@link WithContext}), with the call's {@link TraceScope}.
 */
final class CallListeners implements RetryListener, FallbackListener {

    /** {@code kind} of a wait imposed by the adaptive retry mode's limiter. */
    static final String ADAPTIVE_LIMITER_WAIT = "adaptive-limiter-wait";

    private final Observation observation;

    private CallListeners(Observation observation) {
        this.observation = observation;
    }

    /** @param observation the call's observation @return the context entries that route the call's events to it */
    static Map<String, Object> of(Observation observation) {
        CallListeners listeners = new CallListeners(observation);
        TraceScope scope = observation.traceScope();
        return scope == null ? Map.of(RetryListener.CONTEXT_KEY, listeners, FallbackListener.CONTEXT_KEY, listeners)
                : Map.of(RetryListener.CONTEXT_KEY, listeners, FallbackListener.CONTEXT_KEY, listeners,
                        TraceScope.CONTEXT_KEY, scope);
    }

    @Override
    public void onRetry(String operation, int attempt, Throwable failure, Duration delay) {
        observation.retry(attempt + 1, ErrorTypes.of(failure), delay);
    }

    @Override
    public void onThrottle(String operation, String model) {
        observation.throttled();
    }

    @Override
    public void onLimiterWait(String operation, String model, Duration wait) {
        observation.fallback(ADAPTIVE_LIMITER_WAIT);
    }

    @Override
    public void onFallback(String kind) {
        observation.fallback(kind);
    }
}
