package io.quarkiverse.bedrock.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.StopReason;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/** The one operator of an observed stream: each end reported once, the call's context entries seen upstream. */
class WatchedStreamTest {

    private final Recording observation = new Recording();
    private final StreamWatch watch = new StreamWatch(observation, "m", System.nanoTime(), "converse-stream");

    @Test
    void itemsPassAndCompletionIsReportedOnce() {
        Multi<Chunk> upstream = Multi.createFrom().items(new Chunk.TextDelta("a"), new Chunk.TextDelta("b"),
                new Chunk.Stop(StopReason.END_TURN));

        AssertSubscriber<Chunk> subscriber = WatchedStream.of(upstream, Map.of(), watch, watch::onChunk)
                .subscribe().withSubscriber(AssertSubscriber.create(10));

        subscriber.assertCompleted().assertItems(new Chunk.TextDelta("a"), new Chunk.TextDelta("b"),
                new Chunk.Stop(StopReason.END_TURN));
        assertThat(observation.events).containsExactly("first chunk", "chunk", "succeeded end_turn");
    }

    @Test
    void upstreamSeesTheCallsContextEntries() {
        Multi<Chunk> upstream = Multi.createFrom().context(context -> Multi.createFrom()
                .item(new Chunk.TextDelta(context.getOrElse("key", () -> "absent"))));

        AssertSubscriber<Chunk> subscriber = WatchedStream.of(upstream, Map.of("key", "entry"), watch, watch::onChunk)
                .subscribe().withSubscriber(AssertSubscriber.create(10));

        subscriber.assertCompleted().assertItems(new Chunk.TextDelta("entry"));
    }

    @Test
    void failureIsReportedAndPassedOn() {
        IllegalStateException failure = new IllegalStateException("boom");
        Multi<Chunk> upstream = Multi.createFrom().failure(failure);

        AssertSubscriber<Chunk> subscriber = WatchedStream.of(upstream, Map.of(), watch, watch::onChunk)
                .subscribe().withSubscriber(AssertSubscriber.create(10));

        subscriber.assertFailedWith(IllegalStateException.class, "boom");
        assertThat(observation.events).containsExactly("failed IllegalStateException");
    }

    @Test
    void failingWatchFailsTheStreamAndCancelsUpstream() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Multi<Chunk> upstream = Multi.createFrom().<Chunk> items(new Chunk.TextDelta("a"), new Chunk.TextDelta("b"))
                .onCancellation().invoke(() -> cancelled.set(true));

        AssertSubscriber<Chunk> subscriber = WatchedStream.<Chunk> of(upstream, Map.of(), watch, chunk -> {
            throw new IllegalArgumentException("observer bug");
        }).subscribe().withSubscriber(AssertSubscriber.create(10));

        subscriber.assertFailedWith(IllegalArgumentException.class, "observer bug");
        assertThat(subscriber.getItems()).isEmpty();
        assertThat(cancelled).isTrue();
        assertThat(observation.events).containsExactly("failed IllegalArgumentException");
    }

    @Test
    void failingFailureReportKeepsBothFailures() {
        Observation throwing = new Recording() {
            @Override
            public void failed(Throwable failure) {
                throw new IllegalArgumentException("observer bug");
            }
        };
        StreamWatch failingWatch = new StreamWatch(throwing, "m", System.nanoTime(), null);

        AssertSubscriber<Chunk> subscriber = WatchedStream.of(Multi.createFrom().<Chunk> failure(new IllegalStateException(
                "boom")), Map.of(), failingWatch, failingWatch::onChunk).subscribe().withSubscriber(AssertSubscriber.create(1));

        subscriber.assertFailedWith(CompositeException.class);
        assertThat(((CompositeException) subscriber.getFailure()).getCauses()).extracting(Throwable::getMessage)
                .containsExactly("boom", "observer bug");
    }

    @Test
    void cancellationIsReportedOnceAndCancelsUpstream() {
        AtomicBoolean cancelled = new AtomicBoolean();
        Multi<Chunk> upstream = Multi.createFrom().<Chunk> nothing().onCancellation().invoke(() -> cancelled.set(true));

        AssertSubscriber<Chunk> subscriber = WatchedStream.of(upstream, Map.of(), watch, watch::onChunk)
                .subscribe().withSubscriber(AssertSubscriber.create(10));
        subscriber.cancel();
        subscriber.cancel();

        assertThat(cancelled).isTrue();
        assertThat(observation.events).containsExactly("cancelled");
    }

    /** Records what the watch reports. */
    private static class Recording implements Observation {
        final List<String> events = new ArrayList<>();

        @Override
        public void chunk(long nanos, boolean first, long sinceStartOrPrevious) {
            events.add(first ? "first chunk" : "chunk");
        }

        @Override
        public void succeeded(Outcome outcome) {
            events.add("succeeded " + (outcome.stopReason() == null ? "" : outcome.stopReason().wireName()));
        }

        @Override
        public void failed(Throwable failure) {
            events.add("failed " + failure.getClass().getSimpleName());
        }

        @Override
        public void cancelled() {
            events.add("cancelled");
        }
    }
}
