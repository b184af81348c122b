package io.quarkiverse.bedrock.runtime.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.runtime.client.ReadTime;
import io.smallrye.mutiny.CompositeException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * The one operator of an observed stream: each end reported once, the call's context entries seen upstream, output
 * chunks timed by the reads the upstream marks.
 */
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
    @Test
    void chunksAreTimedByTheReadsTheUpstreamMarks() {
        long start = System.nanoTime();
        StreamWatch timed = new StreamWatch(observation, "m", start, "converse-stream");
        Multi<Chunk> upstream = Multi.createFrom().context(context -> {
            ReadTime readTime = context.get(ReadTime.CONTEXT_KEY);
            Multi<Chunk> firstRead = Multi.createFrom().deferred(() -> {
                readTime.arrived(start + 1_000);
                return Multi.createFrom().items(new Chunk.TextDelta("a"), new Chunk.TextDelta("b"));
            });
            Multi<Chunk> secondRead = Multi.createFrom().deferred(() -> {
                readTime.arrived(start + 5_000);
                return Multi.createFrom().items(new Chunk.Stop(StopReason.END_TURN), new Chunk.TextDelta("c"));
            });
            return Multi.createBy().concatenating().streams(firstRead, secondRead);
        });

        WatchedStream.of(upstream, Map.of(), timed, timed::onChunk).subscribe()
                .withSubscriber(AssertSubscriber.create(10)).assertCompleted();

        assertThat(observation.intervals).containsExactly(1_000L, 0L, 4_000L);
    }

    @Test
    void chunksAfterTheFirstReachOnlyWhatTimesThem() {
        Recording firstOnly = new Recording(false);
        StreamWatch watching = new StreamWatch(firstOnly, "m", System.nanoTime(), "converse-stream");
        Multi<Chunk> upstream = Multi.createFrom().items(new Chunk.TextDelta("a"), new Chunk.TextDelta("b"),
                new Chunk.TextDelta("c"), new Chunk.Stop(StopReason.END_TURN));

        WatchedStream.of(upstream, Map.of(), watching, watching::onChunk).subscribe()
                .withSubscriber(AssertSubscriber.create(10)).assertCompleted();

        assertThat(firstOnly.events).containsExactly("first chunk", "succeeded end_turn");
    }

    private static class Recording implements Observation {
        final List<String> events = new ArrayList<>();
        final List<Long> intervals = new ArrayList<>();
        private final boolean everyChunk;

        Recording(boolean everyChunk) {
            this.everyChunk = everyChunk;
        }

        Recording() {
            this(true);
        }

        @Override
        public void firstChunk(long sinceStart) {
            events.add("first chunk");
            intervals.add(sinceStart);
        }

        @Override
        public void nextChunk(long sincePrevious) {
            events.add("chunk");
            intervals.add(sincePrevious);
        }

        @Override
        public Observation everyChunk() {
            return everyChunk ? this : null;
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
