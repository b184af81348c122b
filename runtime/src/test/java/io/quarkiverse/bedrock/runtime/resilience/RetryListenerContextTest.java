package io.quarkiverse.bedrock.runtime.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.error.ThrottlingException;
import io.quarkiverse.bedrock.runtime.config.RetryConfig.Mode;
import io.smallrye.mutiny.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** A call's own listener, put in the subscriber's Mutiny context, hears that call instead of the client's listener. */
class RetryListenerContextTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final RetryPolicy.Call CALL = new RetryPolicy.Call("converse", "model", Duration.ofMinutes(1),
            "timeout");

    private final List<String> client = new CopyOnWriteArrayList<>();

    private RetryPolicy policy(Mode mode) {
        return new RetryPolicy(mode, 3, new Backoff(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofSeconds(1)),
                new RetryQuota(500), "quarkus.aws-bedrock.", recorder(client));
    }

    private static RetryListener recorder(List<String> events) {
        return new RetryListener() {
            @Override
            public void onRetry(String operation, int attempt, Throwable failure, Duration delay) {
                events.add("retry " + attempt + " " + failure.getClass().getSimpleName());
            }

            @Override
            public void onThrottle(String operation, String model) {
                events.add("throttle " + model);
            }

            @Override
            public void onLimiterWait(String operation, String model, Duration wait) {
                events.add("limiter wait " + model);
            }
        };
    }

    @Test
    void aCallsRetriesAreToldToTheListenerInItsContext() {
        List<String> call = new CopyOnWriteArrayList<>();
        AtomicInteger count = new AtomicInteger();
        Uni<String> attempt = Uni.createFrom().deferred(() -> count.incrementAndGet() == 1
                ? Uni.createFrom().failure(new ThrottlingException(429, "slow", "r"))
                : Uni.createFrom().item("ok"));

        UniAssertSubscriber<String> answer = policy(Mode.STANDARD).call(CALL, attempt).subscribe()
                .withSubscriber(UniAssertSubscriber.create(Context.of(RetryListener.CONTEXT_KEY, recorder(call))));

        answer.awaitItem(WAIT).assertItem("ok");
        assertThat(call).containsExactly("throttle model", "retry 1 ThrottlingException");
        assertThat(client).isEmpty();
    }

    @Test
    void withoutOneTheClientsListenerHears() {
        AtomicInteger count = new AtomicInteger();
        AssertSubscriber<Chunk> chunks = policy(Mode.STANDARD).stream(CALL, () -> count.incrementAndGet() == 1
                ? Multi.createFrom().failure(new ThrottlingException(429, "slow", "r"))
                : Multi.createFrom().item(new Chunk.TextDelta("hi")), new StreamProgress("model"))
                .subscribe().withSubscriber(AssertSubscriber.create(10));

        chunks.awaitCompletion(WAIT);
        assertThat(client).containsExactly("throttle model", "retry 1 ThrottlingException");
    }

    @Test
    void theAdaptiveLimitersWaitIsToldToTheCallThatWaits() {
        RetryPolicy policy = policy(Mode.ADAPTIVE);
        // a throttle 200 ms after the only request: the limiter sends about 3.5 requests a second from then on
        AtomicInteger count = new AtomicInteger();
        Uni<String> throttledOnce = Uni.createFrom().deferred(() -> count.incrementAndGet() == 1
                ? Uni.createFrom().<String> failure(new ThrottlingException(429, "slow", "r")).onFailure().call(
                        () -> Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(200)))
                : Uni.createFrom().item("ok"));
        policy.call(CALL, throttledOnce).await().atMost(WAIT);

        List<String> next = new CopyOnWriteArrayList<>();
        policy.call(CALL, Uni.createFrom().item("ok")).subscribe()
                .withSubscriber(UniAssertSubscriber.create(Context.of(RetryListener.CONTEXT_KEY, recorder(next))))
                .awaitItem(WAIT);

        assertThat(next).containsExactly("limiter wait model");
    }
}
