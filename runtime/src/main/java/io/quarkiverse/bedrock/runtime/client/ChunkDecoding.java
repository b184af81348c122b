package io.quarkiverse.bedrock.runtime.client;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.error.StreamInterruptedException;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamException;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.family.StreamEvents;
import io.smallrye.mutiny.Context;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.Subscriptions;
import io.smallrye.mutiny.operators.multi.AbstractMultiOperator;
import io.smallrye.mutiny.subscription.ContextSupport;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.vertx.core.buffer.Buffer;

/**
 * Turns the body of a streamed answer, network read by network read, into chunks, as the subscriber asks for them.
 * <p>
 * One operator instead of {@code transformToIterable} + {@code onCompletion().call}: those built an inner stream and
 * its subscription for every network read, which with events a few milliseconds apart is every frame. Here a read's
 * frames are decoded when it arrives, each message turned into chunks only when the previous ones were taken (the
 * first chunk does not wait for the JSON of the hundreds of messages a burst can hold), and the next read is
 * requested only when those are gone and the subscriber still wants more: the connection stays paused otherwise.
 * <p>
 * A failure of the body reaches the subscriber after the chunks decoded before it; a malformed frame, an exception
 * event or a conversion error cancels the body and fails the stream; the end of the body completes the stream once
 * the decoder and the events agree it ended cleanly ({@link EventStreamDecoder#complete()},
 * {@link StreamEvents#finish()}). A body that ends without the answer's stop, or inside a frame, fails the stream with
 * a {@link StreamInterruptedException}, whichever way it ended.
 * <p>
 * The message that yields the {@link Chunk.Metadata} chunk is the answer's last: frames after it are not decoded, and
 * nothing is emitted after it.
 */
final class ChunkDecoding extends AbstractMultiOperator<Buffer, Chunk> {

    private final EventStreamDecoder decoder;
    private final StreamEvents events;

    private ChunkDecoding(Multi<Buffer> body, EventStreamDecoder decoder, StreamEvents events) {
        super(body);
        this.decoder = decoder;
        this.events = events;
    }

    /**
     * @param body the answer's bytes, one buffer per network read
     * @param decoder this stream's decoder
     * @param events this stream's converter from messages to chunks
     * @return the chunks
     */
    static Multi<Chunk> of(Multi<Buffer> body, EventStreamDecoder decoder, StreamEvents events) {
        return new ChunkDecoding(body, decoder, events);
    }

    @Override
    public void subscribe(MultiSubscriber<? super Chunk> downstream) {
        upstream.subscribe().withSubscriber(new Decoding(downstream));
    }

    /**
     * One subscription: every field but the volatile ones is only touched inside {@link #drain()}. The body sees the
     * subscriber's context (the idle timeout finds the stream's {@link ReadTime} there).
     */
    private final class Decoding
            implements MultiSubscriber<Buffer>, Flow.Subscription, Consumer<Chunk>, ContextSupport {

        private final MultiSubscriber<? super Chunk> downstream;
        private final AtomicLong requested = new AtomicLong();
        private final AtomicInteger wip = new AtomicInteger();
        private final ArrayDeque<Chunk> pending = new ArrayDeque<>(4);
        private volatile Flow.Subscription body;
        /** The read that arrived and was not decoded yet; at most one, as reads are requested one at a time. */
        private volatile Buffer arrived;
        private volatile boolean bodyEnded;
        private volatile Throwable bodyFailure;
        private volatile boolean cancelled;
        /** The messages of the last decoded read; one list for the whole stream (a read is mostly one frame). */
        private final ArrayList<EventStreamMessage> messages = new ArrayList<>(4);
        private final Consumer<EventStreamMessage> collect = messages::add;
        private int nextMessage;
        private boolean awaitingRead;
        private boolean done;
        /** The final metadata was received: whatever the body still holds is ignored. */
        private boolean answered;

        Decoding(MultiSubscriber<? super Chunk> downstream) {
            this.downstream = downstream;
        }

        @Override
        public Context context() {
            return downstream instanceof ContextSupport supported ? supported.context() : Context.empty();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            body = subscription;
            downstream.onSubscribe(this);
        }

        @Override
        public void onItem(Buffer read) {
            arrived = read;
            drain();
        }

        @Override
        public void onFailure(Throwable failure) {
            bodyFailure = failure;
            bodyEnded = true;
            drain();
        }

        @Override
        public void onCompletion() {
            bodyEnded = true;
            drain();
        }

        @Override
        public void request(long n) {
            if (n <= 0) {
                cancel();
                downstream.onFailure(Subscriptions.getInvalidRequestException());
                return;
            }
            Subscriptions.add(requested, n);
            drain();
        }

        @Override
        public void cancel() {
            if (!cancelled) {
                cancelled = true;
                body.cancel();
            }
        }

        /** Receives the chunks of the message being converted. */
        @Override
        public void accept(Chunk chunk) {
            pending.add(chunk);
            if (chunk instanceof Chunk.Metadata) {
                answered = true;
            }
        }

        private void drain() {
            if (wip.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                try {
                    emit();
                } catch (RuntimeException e) {
                    // a malformed frame, an exception event, or a stream that ended without its stop
                    done = true;
                    cancel();
                    downstream.onFailure(e);
                }
                missed = wip.addAndGet(-missed);
            } while (missed != 0);
        }

        private void emit() {
            while (!done && !cancelled) {
                long wanted = requested.get();
                if (wanted > 0 && next()) {
                    downstream.onItem(pending.poll());
                    if (wanted != Long.MAX_VALUE) {
                        requested.decrementAndGet();
                    }
                    continue;
                }
                if (!pending.isEmpty() || nextMessage < messages.size()) {
                    return; // chunks are ready, the subscriber has not asked for them yet
                }
                Buffer read = arrived;
                if (read != null) {
                    arrived = null;
                    awaitingRead = false;
                    messages.clear();
                    nextMessage = 0;
                    if (!answered) {
                        // frames after the final metadata are neither decoded nor emitted
                        decoder.feed(read, collect);
                    }
                    continue;
                }
                if (bodyEnded) {
                    done = true;
                    Throwable failure = bodyFailure;
                    if (failure != null) {
                        downstream.onFailure(failure);
                    } else {
                        if (!answered) {
                            endOfFrames();
                        }
                        events.finish();
                        downstream.onCompletion();
                    }
                    return;
                }
                if (wanted > 0 && !awaitingRead) {
                    awaitingRead = true;
                    // may deliver the read right away, on this thread: drain() then only counts a missed pass
                    body.request(1);
                }
                return;
            }
        }

        /** @return whether a chunk is pending, converting the read's messages one by one until one yields a chunk */
        private boolean next() {
            while (pending.isEmpty() && nextMessage < messages.size()) {
                if (answered) {
                    // frames after the final metadata: the answer is complete, they are not part of it
                    nextMessage = messages.size();
                    break;
                }
                events.accept(messages.get(nextMessage++), this);
            }
            return !pending.isEmpty();
        }

        /** @throws StreamInterruptedException when the body ended inside a frame */
        private void endOfFrames() {
            try {
                decoder.complete();
            } catch (EventStreamException e) {
                throw new StreamInterruptedException(
                        "The stream ended inside a frame (" + e.getMessage() + "): the answer is incomplete", e);
            }
        }
    }
}
