package io.quarkiverse.bedrock.runtime.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.error.BedrockTimeoutException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/** A stream that trickles forever is stopped by its total deadline; one that ends in time is left alone. */
class StreamDeadlineTest {

    private static final ScheduledExecutorService TIMERS = Infrastructure.getDefaultWorkerPool();

    private static BedrockTimeoutException timeout() {
        return new BedrockTimeoutException("quarkus.aws-bedrock.stream-timeout", Duration.ofMillis(300),
                "The stream did not end");
    }

    @Test
    void aTricklingStreamFailsAtItsDeadlineAndIsCancelled() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Multi<Long> trickle = Multi.createFrom().ticks().every(Duration.ofMillis(20))
                .onCancellation().invoke(() -> cancelled.set(true));
        AssertSubscriber<Long> subscriber = StreamDeadline
                .of(trickle, Duration.ofMillis(300), StreamDeadlineTest::timeout, TIMERS)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitFailure(Duration.ofSeconds(10));
        assertThat(subscriber.getFailure()).isInstanceOf(BedrockTimeoutException.class)
                .hasMessageContaining("quarkus.aws-bedrock.stream-timeout");
        assertThat(subscriber.getItems()).isNotEmpty();
        assertThat(cancelled).isTrue();
    }

    @Test
    void aStreamThatEndsInTimeCompletes() {
        AssertSubscriber<Integer> subscriber = StreamDeadline.of(Multi.createFrom().items(1, 2, 3),
                Duration.ofSeconds(30), StreamDeadlineTest::timeout, TIMERS)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        subscriber.awaitCompletion(Duration.ofSeconds(10));
        assertThat(subscriber.getItems()).containsExactly(1, 2, 3);
    }
}
