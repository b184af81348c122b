package io.quarkiverse.bedrock.api.sse;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.error.ServiceUnavailableException;
import io.quarkiverse.bedrock.api.error.ThrottlingException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/**
 * {@link ChunkEvents#send}: nothing is written before the first chunk, a failure before it fails the returned Uni (the
 * framework answers with a status), one after it is the last event; the Uni completes once the first event is written.
 */
class SseChunkSenderTest {

    /** A sink that records the payloads written; each write completes when {@link #writes} says. */
    static final class Sink implements SseEventSink {
        final List<Object> written = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();
        Supplier<CompletableFuture<Void>> writes = () -> CompletableFuture.completedFuture(null);

        @Override
        public boolean isClosed() {
            return closed.get();
        }

        @Override
        public CompletionStage<?> send(OutboundSseEvent event) {
            written.add(event.getData());
            return writes.get();
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** An {@link Sse} whose events ({@code newEvent(data)}) only carry their data. */
    static final Sse SSE = (Sse) Proxy.newProxyInstance(Sse.class.getClassLoader(), new Class<?>[] { Sse.class },
            (proxy, method, args) -> {
                if (!method.getName().equals("newEvent") || args.length != 1) {
                    throw new UnsupportedOperationException(method.getName());
                }
                Object data = args[0];
                return Proxy.newProxyInstance(Sse.class.getClassLoader(), new Class<?>[] { OutboundSseEvent.class },
                        (event, em, ea) -> em.getName().equals("getData") ? data : null);
            });

    private static UniAssertSubscriber<Void> send(Multi<Chunk> chunks, Sink sink) {
        return ChunkEvents.send(chunks, sink, SSE).subscribe().withSubscriber(UniAssertSubscriber.create());
    }

    private static String type(Object payload) {
        try {
            return new ObjectMapper().readTree((String) payload).path("type").asText();
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + payload, e);
        }
    }

    @Test
    void everyChunkIsAnEventAndTheSinkIsClosedAtTheEnd() {
        Sink sink = new Sink();
        UniAssertSubscriber<Void> started = send(Multi.createFrom().items(new Chunk.TextDelta("Hel"),
                new Chunk.TextDelta("lo")), sink);
        started.awaitItem(Duration.ofSeconds(5));
        assertThat(sink.written).extracting(SseChunkSenderTest::type).containsExactly("text", "text");
        assertThat(sink.closed).isTrue();
    }

    @Test
    void theSinkIsClosedOnlyAfterTheUniWasToldEvenWhenTheStreamEndsAtOnce() {
        // Quarkus REST resumes the request when the Uni completes and then registers a close handler on the response:
        // a response already ended by the sink's close makes that fail
        for (Multi<Chunk> chunks : List.of(Multi.createFrom().<Chunk> empty(),
                Multi.createFrom().<Chunk> item(new Chunk.TextDelta("one")),
                Multi.createBy().concatenating().streams(Multi.createFrom().<Chunk> item(new Chunk.TextDelta("one")),
                        Multi.createFrom().failure(new IllegalStateException("cut"))))) {
            Sink sink = new Sink();
            List<Boolean> closedWhenTold = new CopyOnWriteArrayList<>();
            ChunkEvents.send(chunks, sink, SSE).subscribe().with(ignored -> closedWhenTold.add(sink.closed.get()));
            assertThat(closedWhenTold).containsExactly(false);
            assertThat(sink.closed).isTrue();
        }
    }

    @Test
    void aFailureBeforeTheFirstChunkFailsTheUniAndWritesNothing() {
        Sink sink = new Sink();
        UniAssertSubscriber<Void> started = send(
                Multi.createFrom().failure(new ThrottlingException(429, "slow down", "req-1")), sink);
        started.awaitFailure(Duration.ofSeconds(5));
        assertThat(started.getFailure()).isInstanceOf(ThrottlingException.class);
        assertThat(sink.written).isEmpty();
        assertThat(sink.closed).as("left to the framework, which answers with the mapper's status").isFalse();
    }

    @Test
    void aFailureAfterTheFirstChunkIsTheLastEvent() {
        Sink sink = new Sink();
        UniAssertSubscriber<Void> started = send(Multi.createFrom().<Chunk> item(new Chunk.TextDelta("Hel"))
                .onCompletion().failWith(() -> new ServiceUnavailableException(503, "down", "req-9")), sink);
        started.awaitItem(Duration.ofSeconds(5));
        assertThat(sink.written).extracting(SseChunkSenderTest::type).containsExactly("text", "error");
        assertThat(sink.closed).isTrue();
    }

    @Test
    void theUniCompletesOnlyOnceTheFirstEventIsWritten() {
        Sink sink = new Sink();
        CompletableFuture<Void> firstWrite = new CompletableFuture<>();
        sink.writes = () -> firstWrite;
        UniAssertSubscriber<Void> started = send(Multi.createFrom().items(new Chunk.TextDelta("Hel"),
                new Chunk.TextDelta("lo")), sink);
        assertThat(sink.written).hasSize(1);
        started.assertNotTerminated();
        sink.writes = () -> CompletableFuture.completedFuture(null);
        firstWrite.complete(null);
        started.awaitItem(Duration.ofSeconds(5));
        assertThat(sink.written).hasSize(2);
        assertThat(sink.closed).isTrue();
    }

    @Test
    void aCallerThatLeftStopsTheStream() {
        Sink sink = new Sink();
        AtomicBoolean cancelled = new AtomicBoolean();
        Multi<Chunk> chunks = Multi.createFrom().<Chunk> items(new Chunk.TextDelta("a"), new Chunk.TextDelta("b"),
                new Chunk.TextDelta("c")).onCancellation().invoke(() -> cancelled.set(true));
        sink.writes = () -> {
            sink.closed.set(true); // the caller went away while the first event was written
            return CompletableFuture.completedFuture(null);
        };
        send(chunks, sink).awaitItem(Duration.ofSeconds(5));
        assertThat(sink.written).hasSize(1);
        assertThat(cancelled).isTrue();
    }
}
