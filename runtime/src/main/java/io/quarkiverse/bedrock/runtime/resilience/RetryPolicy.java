package io.quarkiverse.bedrock.runtime.resilience;

import java.time.Duration;
import java.util.function.Supplier;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.BedrockTimeoutException;
import io.quarkiverse.bedrock.runtime.config.RetryConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Decides whether and when a failed attempt is tried again, and runs the attempts: a call until it has an answer, a
 * stream until its first chunk reached the subscriber (a later failure carries the {@code PartialAnswer} instead).
 * Every attempt subscribes anew to what it is given, so each attempt is signed anew. What happens is told to the
 * {@link RetryListener} the subscriber put in its Mutiny context (one per call: the telemetry's), or to the client's.
 */
public final class RetryPolicy {

    private final RetryConfig.Mode mode;
    private final int maxAttempts;
    private final Backoff backoff;
    private final RetryQuota quota;
    private final AdaptiveRateLimiter limiter;
    private final RetryListener listener;
    private final String prefix;

    /**
     * @param config the client's {@code retry} settings
     * @param prefix the client's property prefix, for messages
     * @param listener hears attempts, retries and throttles
     */
    public RetryPolicy(RetryConfig config, String prefix, RetryListener listener) {
        this(config.mode(), config.maxAttempts(),
                new Backoff(config.baseBackoff(), config.throttlingBaseBackoff(), config.maxBackoff()),
                new RetryQuota(config.budget()), prefix, listener);
        if (config.maxAttempts() < 1) {
            throw new io.quarkiverse.bedrock.api.error.BedrockConfigurationException(
                    prefix + "retry.max-attempts = " + config.maxAttempts() + " must be at least 1 (1 = no retry)");
        }
    }

    RetryPolicy(RetryConfig.Mode mode, int maxAttempts, Backoff backoff, RetryQuota quota, String prefix,
            RetryListener listener) {
        this.mode = mode;
        this.maxAttempts = mode == RetryConfig.Mode.NONE ? 1 : maxAttempts;
        this.backoff = backoff;
        this.quota = quota;
        this.limiter = mode == RetryConfig.Mode.ADAPTIVE ? new AdaptiveRateLimiter() : null;
        this.prefix = prefix;
        this.listener = listener;
    }

    /** @return the most attempts of a call, the first included ({@code 1} with mode {@code none}) */
    public int maxAttempts() {
        return maxAttempts;
    }

    /** @return the client's retry quota */
    public RetryQuota quota() {
        return quota;
    }

    /** @return the adaptive mode's rate limiter, or null in other modes */
    public AdaptiveRateLimiter limiter() {
        return limiter;
    }

    /**
     * What one request is, for the limiter, the listener and messages.
     *
     * @param operation e.g. {@code converse}
     * @param model the model id
     * @param deadline the longest the whole request may take, retries and waits included
     * @param deadlineProperty the property that sets it, without the client prefix
     */
    public record Call(String operation, String model, Duration deadline, String deadlineProperty) {
    }

    /**
     * @param call the request
     * @param attempt one attempt: subscribed once per attempt
     * @return the answer of the first attempt that succeeds, or the last failure
     */
    public <T> Uni<T> call(Call call, Uni<T> attempt) {
        return Uni.createFrom()
                .context(context -> attempt(call, RetryListener.in(context, listener), attempt, 1, 0, System.nanoTime()));
    }

    private <T> Uni<T> attempt(Call call, RetryListener listener, Uni<T> send, int n, int taken, long start) {
        return gated(call, listener, n, start, send)
                .onItem().invoke(() -> succeeded(call, taken))
                .onFailure().recoverWithUni(failure -> {
                    Retry retry = decide(call, listener, failure, n, start);
                    if (retry == null) {
                        return Uni.createFrom().failure(failure);
                    }
                    return delay(retry.pause())
                            .chain(() -> attempt(call, listener, send, n + 1, taken + retry.cost(), start));
                });
    }

    /**
     * @param call the request
     * @param attempt one attempt's chunks: subscribed once per attempt
     * @param progress counts what reached the subscriber, shared by the attempts
     * @return the chunks of the first attempt that delivers any; a failure after the first chunk is not retried and
     *         carries what was delivered
     */
    public Multi<Chunk> stream(Call call, Supplier<Multi<Chunk>> attempt, StreamProgress progress) {
        return Multi.createFrom().context(context -> streamAttempt(call, RetryListener.in(context, listener), attempt,
                progress, 1, 0, System.nanoTime()));
    }

    private Multi<Chunk> streamAttempt(Call call, RetryListener listener, Supplier<Multi<Chunk>> attempt,
            StreamProgress progress, int n, int taken, long start) {
        Multi<Chunk> one = gated(call, listener, n, start, Uni.createFrom().voidItem())
                .onItem().transformToMulti(ignored -> attempt.get())
                .onItem().invoke(progress::delivered);
        return one.onCompletion().invoke(() -> succeeded(call, taken))
                .onFailure().recoverWithMulti(failure -> {
                    progress.failed(failure);
                    if (progress.chunks() > 0) {
                        return Multi.createFrom().failure(progress.partial(failure));
                    }
                    Retry retry = decide(call, listener, failure, n, start);
                    if (retry == null) {
                        return Multi.createFrom().failure(failure);
                    }
                    // delay() emits null: Multi.createFrom().uni() would make that an empty stream
                    return delay(retry.pause()).onItem().transformToMulti(
                            ignored -> streamAttempt(call, listener, attempt, progress, n + 1, taken + retry.cost(),
                                    start));
                });
    }

    /** Waits for the adaptive limiter's go, bounded by the call's deadline, then subscribes to {@code send}. */
    private <T> Uni<T> gated(Call call, RetryListener listener, int n, long start, Uni<T> send) {
        return Uni.createFrom().deferred(() -> {
            listener.onAttempt(call.operation(), n);
            Duration wait = limiter == null ? Duration.ZERO : limiter.reserve(call.model());
            if (wait.isZero()) {
                return send;
            }
            if (elapsed(start).plus(wait).compareTo(call.deadline()) > 0) {
                return Uni.createFrom().failure(new BedrockTimeoutException(prefix + call.deadlineProperty(),
                        call.deadline(), "No sending capacity for " + call.model()
                                + " (adaptive retry mode: it is being throttled)"));
            }
            listener.onLimiterWait(call.operation(), call.model(), wait);
            return delay(wait).chain(() -> send);
        });
    }

    /** A decision to retry: after a wait, for quota tokens. */
    private record Retry(Duration pause, int cost) {
    }

    /**
     * @return the retry, or null when the failure is not retried
     */
    private Retry decide(Call call, RetryListener listener, Throwable failure, int n, long start) {
        FailureKind kind = FailureKind.of(failure);
        if (kind == FailureKind.THROTTLE) {
            listener.onThrottle(call.operation(), call.model());
            if (limiter != null) {
                limiter.throttled(call.model());
            }
        }
        if (!kind.retryable() || maxAttempts <= 1) {
            return null;
        }
        if (n >= maxAttempts) {
            listener.onGiveUp(call.operation(), n, failure, "max-attempts");
            return null;
        }
        Duration wait = backoff.delay(n, kind);
        if (failure instanceof BedrockServiceException e && e.retryAfter().isPresent()) {
            wait = e.retryAfter().get();
            if (wait.compareTo(backoff.max()) > 0) {
                listener.onGiveUp(call.operation(), n, failure, "Retry-After beyond max-backoff");
                return null;
            }
        }
        if (elapsed(start).plus(wait).compareTo(call.deadline()) >= 0) {
            listener.onGiveUp(call.operation(), n, failure, call.deadlineProperty());
            return null;
        }
        // a refused request never reached the model: retrying it is no sign of a sick endpoint
        int cost = kind == FailureKind.REFUSED ? 0 : quota.acquire(kind);
        if (cost == 0 && kind != FailureKind.REFUSED) {
            listener.onGiveUp(call.operation(), n, failure, "retry quota");
            return null;
        }
        listener.onRetry(call.operation(), n, failure, wait);
        return new Retry(wait, cost);
    }

    private void succeeded(Call call, int taken) {
        quota.succeeded(taken);
        if (limiter != null) {
            limiter.succeeded(call.model());
        }
    }

    private static Duration elapsed(long start) {
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static Uni<Void> delay(Duration wait) {
        // Vert.x timers (Mutiny's scheduler in Quarkus) refuse delays under 1 ms
        return wait.toMillis() < 1 ? Uni.createFrom().voidItem()
                : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
    }
}
