package io.quarkiverse.bedrock.runtime.resilience;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.PartialAnswer;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.error.BedrockException;
import io.quarkiverse.bedrock.api.error.BedrockTimeoutException;
import io.quarkiverse.bedrock.api.error.BedrockTransportException;
import io.quarkiverse.bedrock.api.error.InternalServerException;
import io.quarkiverse.bedrock.api.error.ServiceUnavailableException;
import io.quarkiverse.bedrock.api.error.ThrottlingException;
import io.quarkiverse.bedrock.api.error.ValidationException;
import io.quarkiverse.bedrock.runtime.config.RetryConfig.Mode;
import io.quarkiverse.bedrock.runtime.transport.RefusedStreamException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** Which failures are retried, how often, and what a stream that fails after its first chunk reports. */
class RetryPolicyTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RetryPolicy.Call CALL = new RetryPolicy.Call("converse", "model", Duration.ofMinutes(1),
            "timeout");

    private final List<String> events = new ArrayList<>();
    private final RetryListener listener = new RetryListener() {
        @Override
        public void onRetry(String operation, int attempt, Throwable failure, Duration delay) {
            events.add("retry " + attempt + " " + failure.getClass().getSimpleName());
        }

        @Override
        public void onGiveUp(String operation, int attempt, Throwable failure, String reason) {
            events.add("give up " + attempt + ": " + reason);
        }
    };

    private RetryPolicy policy(Mode mode, int maxAttempts, int budget) {
        return new RetryPolicy(mode, maxAttempts,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1)),
                new RetryQuota(budget), "quarkus.aws-bedrock.", listener);
    }

    /** @return a call whose n-th attempt (1-based) does what {@code attempt} says */
    private static Uni<String> attempts(AtomicInteger count, Function<Integer, Uni<String>> attempt) {
        return Uni.createFrom().deferred(() -> attempt.apply(count.incrementAndGet()));
    }

    @Test
    void transientFailuresAreRetriedUntilTheCallSucceedsAndTheQuotaIsRefunded() {
        RetryPolicy policy = policy(Mode.STANDARD, 3, 500);
        AtomicInteger count = new AtomicInteger();
        String answer = policy.call(CALL, attempts(count, n -> n == 1
                ? Uni.createFrom().failure(new InternalServerException(500, "oops", "r1"))
                : n == 2 ? Uni.createFrom().failure(new BedrockTransportException("Connection was closed", null))
                        : Uni.createFrom().item("ok")))
                .await().atMost(WAIT);
        assertThat(answer).isEqualTo("ok");
        assertThat(count).hasValue(3);
        assertThat(events).containsExactly("retry 1 InternalServerException", "retry 2 BedrockTransportException");
        assertThat(policy.quota().available()).isEqualTo(500);
    }

    @Test
    void permanentFailuresAreNotRetried() {
        AtomicInteger count = new AtomicInteger();
        Throwable failure = catchThrowable(() -> policy(Mode.STANDARD, 3, 500)
                .call(CALL, attempts(count, n -> Uni.createFrom().failure(new ValidationException(400, "bad", "r"))))
                .await().atMost(WAIT));
        assertThat(failure).isInstanceOf(ValidationException.class);
        assertThat(count).hasValue(1);
    }

    @Test
    void attemptsAreBoundedByMaxAttemptsAndTheLastFailureIsReported() {
        AtomicInteger count = new AtomicInteger();
        Throwable failure = catchThrowable(() -> policy(Mode.STANDARD, 3, 500)
                .call(CALL, attempts(count, n -> Uni.createFrom().failure(
                        new ServiceUnavailableException(503, "attempt " + n, "r" + n))))
                .await().atMost(WAIT));
        assertThat(failure).isInstanceOf(ServiceUnavailableException.class).hasMessageContaining("attempt 3");
        assertThat(count).hasValue(3);
        assertThat(events).last().isEqualTo("give up 3: max-attempts");
    }

    @Test
    void noneModeSendsOnce() {
        AtomicInteger count = new AtomicInteger();
        catchThrowable(() -> policy(Mode.NONE, 3, 500)
                .call(CALL, attempts(count, n -> Uni.createFrom().failure(new ThrottlingException(429, "slow", "r"))))
                .await().atMost(WAIT));
        assertThat(count).hasValue(1);
    }

    @Test
    void retryAfterIsHonouredWhenWithinMaxBackoff() {
        AtomicInteger count = new AtomicInteger();
        long start = System.nanoTime();
        String answer = policy(Mode.STANDARD, 3, 500).call(CALL, attempts(count, n -> n == 1
                ? Uni.createFrom().failure(new ThrottlingException(429, "slow", "r").withRetryAfter(Duration.ofMillis(300)))
                : Uni.createFrom().item("ok"))).await().atMost(WAIT);
        assertThat(answer).isEqualTo("ok");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aRetryAfterBeyondMaxBackoffEndsTheRetries() {
        AtomicInteger count = new AtomicInteger();
        Throwable failure = catchThrowable(() -> policy(Mode.STANDARD, 3, 500).call(CALL, attempts(count,
                n -> Uni.createFrom().failure(new ThrottlingException(429, "slow", "r").withRetryAfter(Duration.ofHours(1)))))
                .await().atMost(WAIT));
        assertThat(failure).isInstanceOf(ThrottlingException.class);
        assertThat(count).hasValue(1);
        assertThat(events).containsExactly("give up 1: Retry-After beyond max-backoff");
    }

    @Test
    void anEmptyQuotaStopsRetriesUntilSuccessesRefillIt() {
        RetryPolicy policy = policy(Mode.STANDARD, 3, 12);
        AtomicInteger count = new AtomicInteger();
        Uni<String> failing = attempts(count, n -> Uni.createFrom().failure(new InternalServerException(500, "x", "r")));
        catchThrowable(() -> policy.call(CALL, failing).await().atMost(WAIT));
        assertThat(count).as("two retries of 5 tokens each").hasValue(3);
        assertThat(policy.quota().available()).isEqualTo(2);
        count.set(0);
        catchThrowable(() -> policy.call(CALL, failing).await().atMost(WAIT));
        assertThat(count).as("the bucket is empty").hasValue(1);
        assertThat(events).last().isEqualTo("give up 1: retry quota");
    }

    @Test
    void aRefusedStreamIsRetriedEvenWithAnEmptyQuota() {
        RetryPolicy policy = policy(Mode.STANDARD, 3, 0);
        AtomicInteger count = new AtomicInteger();
        String answer = policy.call(CALL, attempts(count, n -> n == 1
                ? Uni.createFrom().failure(new RefusedStreamException("Stream refused unprocessed (GOAWAY)", null))
                : Uni.createFrom().item("ok")))
                .await().atMost(WAIT);
        assertThat(answer).isEqualTo("ok");
        assertThat(events).containsExactly("retry 1 RefusedStreamException");
        assertThat(FailureKind.of(new RefusedStreamException("refused", null))).isEqualTo(FailureKind.REFUSED);

        // any other lost connection takes quota: with none left it is not retried
        count.set(0);
        Throwable failure = catchThrowable(() -> policy.call(CALL, attempts(count,
                n -> Uni.createFrom().failure(new BedrockTransportException("Connection was closed", null))))
                .await().atMost(WAIT));
        assertThat(failure).isInstanceOf(BedrockTransportException.class);
        assertThat(count).hasValue(1);
    }

    @Test
    void aTimeoutCostsMoreQuotaThanATransientFailure() {
        RetryQuota quota = new RetryQuota(100);
        assertThat(quota.acquire(FailureKind.TIMEOUT)).isEqualTo(RetryQuota.TIMEOUT_COST);
        assertThat(quota.acquire(FailureKind.TRANSIENT)).isEqualTo(RetryQuota.RETRY_COST);
        assertThat(FailureKind.of(new BedrockTimeoutException("quarkus.aws-bedrock.response-headers-timeout",
                Duration.ofSeconds(1), "No headers"))).isEqualTo(FailureKind.TIMEOUT);
        assertThat(FailureKind.of(new BedrockTimeoutException("quarkus.aws-bedrock.connection-acquire-timeout",
                Duration.ofSeconds(1), "No connection"))).isEqualTo(FailureKind.PERMANENT);
    }

    @Test
    void anInStreamThrottleBeforeTheFirstChunkIsRetried() {
        AtomicInteger count = new AtomicInteger();
        StreamProgress progress = new StreamProgress("model");
        AssertSubscriber<Chunk> subscriber = policy(Mode.STANDARD, 3, 500).stream(CALL, () -> {
            int n = count.incrementAndGet();
            progress.answered("req-" + n);
            return n == 1 ? Multi.createFrom().failure(new ThrottlingException(429, "in-stream throttle", "req-1"))
                    : Multi.createFrom().items(new Chunk.TextDelta("Hi"), new Chunk.Stop(StopReason.END_TURN));
        }, progress).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitCompletion(WAIT);
        assertThat(subscriber.getItems()).containsExactly(new Chunk.TextDelta("Hi"), new Chunk.Stop(StopReason.END_TURN));
        assertThat(count).hasValue(2);
    }

    @Test
    void aFailureAfterTheFirstChunkIsNotRetriedAndCarriesThePartialAnswer() {
        AtomicInteger count = new AtomicInteger();
        StreamProgress progress = new StreamProgress("model");
        AssertSubscriber<Chunk> subscriber = policy(Mode.STANDARD, 3, 500).stream(CALL, () -> {
            count.incrementAndGet();
            progress.answered("req-1");
            return Multi.createFrom().<Chunk> items(new Chunk.TextDelta("Hello, "), new Chunk.TextDelta("world"),
                    new Chunk.ToolCallStart(1, "tool-1", "weather"), new Chunk.ToolCallDelta(1, "{\"city\":\"Pa"))
                    .onCompletion().failWith(() -> new ServiceUnavailableException(503, "gone", "req-1"));
        }, progress).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitFailure(WAIT);
        assertThat(count).hasValue(1);
        assertThat(subscriber.getFailure()).isInstanceOf(ServiceUnavailableException.class);
        PartialAnswer partial = ((BedrockException) subscriber.getFailure()).partialAnswer().orElseThrow();
        assertThat(partial.text()).isEqualTo("Hello, world");
        assertThat(partial.chunks()).isEqualTo(4);
        assertThat(partial.openToolCalls()).containsExactly(
                new PartialAnswer.OpenToolCall(1, "tool-1", "weather", "{\"city\":\"Pa"));
        assertThat(partial.requestIds()).containsExactly("req-1");
    }

    @Test
    void requestIdsOfEveryAttemptAreKept() {
        AtomicInteger count = new AtomicInteger();
        StreamProgress progress = new StreamProgress("model");
        AssertSubscriber<Chunk> subscriber = policy(Mode.STANDARD, 3, 500).stream(CALL, () -> {
            int n = count.incrementAndGet();
            if (n == 1) {
                return Multi.createFrom().failure(new InternalServerException(500, "oops", "req-1"));
            }
            progress.answered("req-2");
            return Multi.createFrom().<Chunk> item(new Chunk.TextDelta("part"))
                    .onCompletion().failWith(() -> new BedrockTransportException("Connection reset", null));
        }, progress).subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitFailure(WAIT);
        PartialAnswer partial = ((BedrockException) subscriber.getFailure()).partialAnswer().orElseThrow();
        assertThat(partial.requestIds()).containsExactly("req-1", "req-2");
        assertThat(partial.text()).isEqualTo("part");
    }
}
