package io.quarkiverse.bedrock.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.error.StreamInterruptedException;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamEncoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamException;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.family.StreamEvents;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.buffer.Buffer;

class ChunkDecodingTest {

    /**
     * One text delta per contentBlockDelta, nothing for other events; a "boom" delta throws; finish() fails unless
     * messageStop was seen. Records what it converted.
     */
    static final class CountingEvents implements StreamEvents {
        final List<String> converted = new ArrayList<>();
        boolean stopped;

        @Override
        public void accept(EventStreamMessage message, Consumer<Chunk> out) {
            converted.add(message.eventType());
            if ("messageStop".equals(message.eventType())) {
                stopped = true;
            }
            if ("contentBlockDelta".equals(message.eventType())) {
                if (message.payloadAsString().contains("boom")) {
                    throw new IllegalStateException("boom");
                }
                out.accept(new Chunk.TextDelta(message.payloadAsString()));
            }
        }

        @Override
        public void finish() {
            if (!stopped) {
                throw new StreamInterruptedException("no stop");
            }
        }
    }

    /** The body as network reads: each read holds the frames of one inner list. */
    static final class Body {
        final AtomicLong requested = new AtomicLong();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final Multi<Buffer> multi;

        Body(List<List<EventStreamMessage>> reads, Throwable failure) {
            List<Buffer> buffers = new ArrayList<>();
            for (List<EventStreamMessage> read : reads) {
                Buffer b = Buffer.buffer();
                read.forEach(m -> b.appendBuffer(EventStreamEncoder.encode(m)));
                buffers.add(b);
            }
            Multi<Buffer> m = Multi.createFrom().iterable(buffers);
            if (failure != null) {
                m = Multi.createBy().concatenating().streams(m, Multi.createFrom().failure(failure));
            }
            multi = m.onRequest().invoke(requested::addAndGet).onCancellation().invoke(() -> cancelled.set(true));
        }

        Body(List<List<EventStreamMessage>> reads) {
            this(reads, null);
        }
    }

    static EventStreamMessage delta(Object i) {
        return EventStreamMessage.jsonEvent("contentBlockDelta", "{\"i\":\"" + i + "\"}");
    }

    static List<EventStreamMessage> answer(int deltas) {
        List<EventStreamMessage> m = new ArrayList<>();
        m.add(EventStreamMessage.jsonEvent("messageStart", "{}"));
        for (int i = 0; i < deltas; i++) {
            m.add(delta(i));
        }
        m.add(EventStreamMessage.jsonEvent("messageStop", "{}"));
        return m;
    }

    static AssertSubscriber<Chunk> subscribe(Body body, CountingEvents events, long initialRequest) {
        return ChunkDecoding.of(body.multi, new EventStreamDecoder(), events).subscribe()
                .withSubscriber(AssertSubscriber.create(initialRequest));
    }

    @Test
    void theFirstChunkOnlyWaitsForTheMessagesBeforeIt() {
        CountingEvents events = new CountingEvents();
        AssertSubscriber<Chunk> s = subscribe(new Body(List.of(answer(200))), events, 1);
        s.assertItems(new Chunk.TextDelta("{\"i\":\"0\"}"));
        assertThat(events.converted).containsExactly("messageStart", "contentBlockDelta");
    }

    @Test
    void everyChunkOfEveryReadComesOutInOrderThenTheStreamCompletes() {
        List<EventStreamMessage> all = answer(5);
        Body body = new Body(List.of(all.subList(0, 2), List.of(), all.subList(2, 6), all.subList(6, 7)));
        AssertSubscriber<Chunk> s = subscribe(body, new CountingEvents(), Long.MAX_VALUE);
        s.assertCompleted();
        assertThat(s.getItems()).extracting(c -> ((Chunk.TextDelta) c).text()).containsExactly("{\"i\":\"0\"}",
                "{\"i\":\"1\"}", "{\"i\":\"2\"}", "{\"i\":\"3\"}", "{\"i\":\"4\"}");
    }

    @Test
    void theNextReadIsRequestedOnlyWhenTheChunksOfThePreviousOneAreTaken() {
        List<EventStreamMessage> all = answer(4);
        Body body = new Body(List.of(all.subList(0, 3), all.subList(3, 6)));
        AssertSubscriber<Chunk> s = subscribe(body, new CountingEvents(), 1);
        assertThat(body.requested).hasValue(1);
        s.request(1);
        assertThat(s.getItems()).hasSize(2);
        assertThat(body.requested).as("the first read's two chunks are taken, nothing more asked").hasValue(1);
        s.request(1);
        assertThat(body.requested).hasValue(2);
        s.request(10);
        s.assertCompleted().assertItems(new Chunk.TextDelta("{\"i\":\"0\"}"), new Chunk.TextDelta("{\"i\":\"1\"}"),
                new Chunk.TextDelta("{\"i\":\"2\"}"), new Chunk.TextDelta("{\"i\":\"3\"}"));
    }

    @Test
    void aBodyFailureArrivesAfterTheChunksDecodedBeforeIt() {
        List<EventStreamMessage> all = answer(3);
        Body body = new Body(List.of(all.subList(0, 3)), new StreamInterruptedException("connection lost"));
        AssertSubscriber<Chunk> s = subscribe(body, new CountingEvents(), 1);
        s.assertItems(new Chunk.TextDelta("{\"i\":\"0\"}")).assertNotTerminated();
        s.request(5);
        s.assertFailedWith(StreamInterruptedException.class, "connection lost");
        assertThat(s.getItems()).hasSize(2);
    }

    @Test
    void aConversionErrorFailsTheStreamAndCancelsTheBody() {
        Body body = new Body(List.of(List.of(delta(0), delta("boom"), delta(2)), answer(1)));
        AssertSubscriber<Chunk> s = subscribe(body, new CountingEvents(), Long.MAX_VALUE);
        s.assertFailedWith(IllegalStateException.class, "boom").assertItems(new Chunk.TextDelta("{\"i\":\"0\"}"));
        assertThat(body.cancelled).isTrue();
    }

    @Test
    void aBodyThatEndsInsideAFrameIsAnInterruptedStreamLikeAnyOtherEndWithoutTheStop() {
        Buffer whole = EventStreamEncoder.encode(delta(0));
        Multi<Buffer> cut = Multi.createFrom().item(whole.getBuffer(0, whole.length() - 3));
        AssertSubscriber<Chunk> s = ChunkDecoding.of(cut, new EventStreamDecoder(), new CountingEvents()).subscribe()
                .withSubscriber(AssertSubscriber.create(10));
        s.assertFailedWith(StreamInterruptedException.class, "ended inside a frame");
        assertThat(s.getFailure()).hasCauseInstanceOf(EventStreamException.class);
    }

    /** {@link CountingEvents}, plus a metadata chunk for each {@code metadata} event. */
    static final class EventsWithMetadata implements StreamEvents {
        final CountingEvents counting = new CountingEvents();

        @Override
        public void accept(EventStreamMessage message, Consumer<Chunk> out) {
            counting.accept(message, out);
            if ("metadata".equals(message.eventType())) {
                out.accept(new Chunk.Metadata(12, "req-1", "converse-stream"));
            }
        }

        @Override
        public void finish() {
            counting.finish();
        }
    }

    @Test
    void framesAfterTheFinalMetadataAreNeitherConvertedNorEmitted() {
        List<EventStreamMessage> first = new ArrayList<>(answer(1));
        first.add(EventStreamMessage.jsonEvent("metadata", "{}"));
        first.add(delta("late"));
        Buffer junk = Buffer.buffer(new byte[] { 0, 0, 0, 42, 1, 2 });
        Buffer one = Buffer.buffer();
        first.forEach(m -> one.appendBuffer(EventStreamEncoder.encode(m)));
        Buffer two = EventStreamEncoder.encode(delta("later")).appendBuffer(junk);
        EventsWithMetadata events = new EventsWithMetadata();
        AssertSubscriber<Chunk> s = ChunkDecoding.of(Multi.createFrom().items(one, two), new EventStreamDecoder(), events)
                .subscribe().withSubscriber(AssertSubscriber.create(Long.MAX_VALUE));
        s.assertCompleted();
        assertThat(s.getItems()).containsExactly(new Chunk.TextDelta("{\"i\":\"0\"}"),
                new Chunk.Metadata(12, "req-1", "converse-stream"));
        assertThat(events.counting.converted).containsExactly("messageStart", "contentBlockDelta", "messageStop",
                "metadata");
    }

    @Test
    void aBodyThatEndsWithoutTheStopFailsThroughFinish() {
        AssertSubscriber<Chunk> s = subscribe(new Body(List.of(List.of(delta(0)))), new CountingEvents(), 10);
        s.assertFailedWith(StreamInterruptedException.class, "no stop").assertItems(new Chunk.TextDelta("{\"i\":\"0\"}"));
    }

    @Test
    void cancellingCancelsTheBodyAndStopsTheChunks() {
        Body body = new Body(List.of(answer(3), answer(3)));
        AssertSubscriber<Chunk> s = subscribe(body, new CountingEvents(), 1);
        s.cancel();
        s.request(10);
        assertThat(body.cancelled).isTrue();
        assertThat(s.getItems()).hasSize(1);
        s.assertNotTerminated();
    }

    @Test
    void aNonPositiveRequestFailsTheStream() {
        Body body = new Body(List.of(answer(3)));
        AssertSubscriber<Chunk> s = subscribe(body, new CountingEvents(), 0);
        s.request(0);
        s.assertFailedWith(IllegalArgumentException.class);
        assertThat(body.cancelled).isTrue();
    }
}
