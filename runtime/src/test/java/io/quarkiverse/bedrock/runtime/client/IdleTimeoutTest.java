package io.quarkiverse.bedrock.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.error.StreamInterruptedException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.smallrye.mutiny.infrastructure.Infrastructure;

class IdleTimeoutTest {

    static final Duration IDLE = Duration.ofMillis(200);
    static final ScheduledExecutorService TIMERS = Infrastructure.getDefaultWorkerPool();

    static StreamInterruptedException silent() {
        return new StreamInterruptedException("silent");
    }

    @Test
    void aSilentStreamFailsAndIsCancelled() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Multi<Integer> never = Multi.createFrom().<Integer> nothing().onCancellation().invoke(() -> cancelled.set(true));
        AssertSubscriber<Integer> s = IdleTimeout.after(never, IDLE, IdleTimeoutTest::silent, TIMERS)
                .subscribe().withSubscriber(AssertSubscriber.create(10));
        s.awaitFailure(Duration.ofSeconds(10)).assertFailedWith(StreamInterruptedException.class, "silent");
        assertThat(cancelled).isTrue();
    }

    @Test
    void aStreamThatGoesSilentAfterSomeItemsFailsAfterThem() {
        Multi<Integer> stalls = Multi.createBy().concatenating().streams(Multi.createFrom().items(1, 2, 3),
                Multi.createFrom().nothing());
        AssertSubscriber<Integer> s = IdleTimeout.after(stalls, IDLE, IdleTimeoutTest::silent, TIMERS)
                .subscribe().withSubscriber(AssertSubscriber.create(10));
        s.awaitFailure(Duration.ofSeconds(10)).assertFailedWith(StreamInterruptedException.class, "silent");
        assertThat(s.getItems()).containsExactly(1, 2, 3);
    }

    @Test
    void itemsKeepAStreamAliveLongerThanOneIdlePeriod() {
        // five items 100 ms apart: 500 ms in all, more than twice the idle timeout, never 200 ms of silence
        Multi<Long> ticking = Multi.createFrom().ticks().every(Duration.ofMillis(100)).select().first(5);
        AssertSubscriber<Long> s = IdleTimeout.after(ticking, IDLE, IdleTimeoutTest::silent, TIMERS)
                .subscribe().withSubscriber(AssertSubscriber.create(10));
        s.awaitCompletion(Duration.ofSeconds(10));
        assertThat(s.getItems()).containsExactly(0L, 1L, 2L, 3L, 4L);
    }

    @Test
    void itemsFailuresAndCompletionPassThrough() {
        AssertSubscriber<Integer> done = IdleTimeout.after(Multi.createFrom().iterable(List.of(1, 2)), IDLE,
                IdleTimeoutTest::silent, TIMERS).subscribe().withSubscriber(AssertSubscriber.create(10));
        done.assertCompleted().assertItems(1, 2);
        AssertSubscriber<Integer> failed = IdleTimeout
                .after(Multi.createFrom().<Integer> failure(new IllegalStateException("x")),
                        IDLE, IdleTimeoutTest::silent, TIMERS)
                .subscribe().withSubscriber(AssertSubscriber.create(10));
        failed.assertFailedWith(IllegalStateException.class, "x");
    }

    @Test
    void requestsAreForwardedUpstream() {
        AssertSubscriber<Integer> s = IdleTimeout.after(Multi.createFrom().range(0, 100), IDLE, IdleTimeoutTest::silent, TIMERS)
                .subscribe().withSubscriber(AssertSubscriber.create(3));
        assertThat(s.getItems()).containsExactly(0, 1, 2);
        s.cancel();
    }

    @Test
    void aSubscriberThatAsksForNothingIsNotFailedHoweverLongItWaits() throws Exception {
        AssertSubscriber<Integer> s = IdleTimeout.after(Multi.createFrom().range(0, 10), IDLE, IdleTimeoutTest::silent, TIMERS)
                .subscribe().withSubscriber(AssertSubscriber.create(2));
        assertThat(s.getItems()).containsExactly(0, 1);
        // three idle periods without a request: the stream is paused by its subscriber, not silent
        Thread.sleep(3 * IDLE.toMillis());
        s.assertNotTerminated();
        s.request(100);
        s.assertCompleted();
        assertThat(s.getItems()).hasSize(10);
    }

    @Test
    void silenceCountsFromTheRequestNotFromTheLastItem() throws Exception {
        Multi<Integer> stalls = Multi.createBy().concatenating().streams(Multi.createFrom().items(1),
                Multi.createFrom().nothing());
        AssertSubscriber<Integer> s = IdleTimeout.after(stalls, IDLE, IdleTimeoutTest::silent, TIMERS)
                .subscribe().withSubscriber(AssertSubscriber.create(1));
        Thread.sleep(2 * IDLE.toMillis());
        s.assertNotTerminated();
        s.request(1);
        s.awaitFailure(Duration.ofSeconds(10)).assertFailedWith(StreamInterruptedException.class, "silent");
        assertThat(s.getItems()).containsExactly(1);
    }
}
