package io.quarkiverse.bedrock.api.sse;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.error.BedrockException;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.rest.BedrockExceptionMapper;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Turns a stream of chunks into server-sent event payloads: one JSON object per chunk, each with a {@code type}
 * ({@code text}, {@code thinking}, {@code tool_call_start}, {@code tool_call_delta}, {@code tool_call}, {@code citation},
 * {@code usage}, {@code stop}, {@code metadata}), and when the stream fails after it started, a last event of type
 * {@code error} with {@code error} (the exception type), {@code message}, {@code requestId} and {@code retryable}.
 * <p>
 * With Quarkus REST, {@link #send} answers a stream that fails before its first event with an HTTP status (the
 * exception goes to the exception mappers) and one that fails later with the {@code error} event:
 *
 * <pre>
 * &#64;POST
 * &#64;Produces(MediaType.SERVER_SENT_EVENTS)
 * public Uni&lt;Void&gt; stream(Question q, &#64;Context SseEventSink sink, &#64;Context Sse sse) {
 *     return ChunkEvents.send(bedrock.stream(request(q)), sink, sse);
 * }
 * </pre>
 *
 * A method returning a {@code Multi} instead cannot do that: Quarkus REST sends the headers of a {@code Multi} event
 * stream when it subscribes, so {@link #of} turns every failure into the {@code error} event, and a stream that fails
 * before its first event is a 200 whose only event is that {@code error} event. {@link #afterFirst} leaves a failure
 * before the first event as a failure, for a framework that can still answer with a status then.
 */
public final class ChunkEvents {

    private ChunkEvents() {
    }

    /**
     * Sends a stream to a server-sent event sink: waits for its first chunk before anything is written, so that a
     * failure before it (after the retries) fails the returned {@code Uni} and the caller gets the exception mapper's
     * status; after it, every chunk is an event and a failure the final {@code error} event. The sink is closed at the
     * end; the stream is cancelled when the caller goes away.
     *
     * @param chunks a chunk stream
     * @param sink the caller's event sink
     * @param sse the factory of events
     * @return completes when the first event is written (or the stream ended without one); fails with the stream's
     *         failure when it came before the first event
     */
    public static Uni<Void> send(Multi<Chunk> chunks, SseEventSink sink, Sse sse) {
        return Uni.createFrom().emitter(started -> afterFirst(chunks).subscribe(new SseChunkSender(sink, sse, started)));
    }

    /**
     * @param chunks a chunk stream
     * @return the event payloads
     */
    public static Multi<Map<String, Object>> of(Multi<Chunk> chunks) {
        return chunks.map(ChunkEvents::event).onFailure().recoverWithItem(ChunkEvents::error);
    }

    /**
     * @param chunks a chunk stream
     * @return the event payloads; a failure before the first one fails the stream
     */
    public static Multi<Map<String, Object>> afterFirst(Multi<Chunk> chunks) {
        return Multi.createFrom().deferred(() -> {
            AtomicBoolean started = new AtomicBoolean();
            return chunks.map(ChunkEvents::event).onItem().invoke(() -> started.set(true))
                    .onFailure(f -> started.get()).recoverWithItem(ChunkEvents::error);
        });
    }

    /**
     * @param failure why the stream failed
     * @return the {@code error} event
     */
    public static Map<String, Object> error(Throwable failure) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "error");
        if (failure instanceof BedrockException e) {
            int status = BedrockExceptionMapper.status(e);
            Map<String, Object> body = BedrockExceptionMapper.body(e, status);
            m.put("error", body.get("error"));
            m.put("message", body.get("message"));
            m.put("requestId", e instanceof BedrockServiceException s ? s.requestId()
                    : e.partialAnswer().map(p -> p.requestIds().isEmpty() ? null
                            : p.requestIds().get(p.requestIds().size() - 1)).orElse(null));
            m.put("retryable", body.get("retryable"));
        } else {
            m.put("error", "InternalError");
            m.put("message", "The stream failed");
            m.put("requestId", null);
            m.put("retryable", false);
        }
        return m;
    }

    /**
     * @param chunk a chunk
     * @return its event payload
     */
    public static Map<String, Object> event(Chunk chunk) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (chunk instanceof Chunk.TextDelta c) {
            m.put("type", "text");
            m.put("text", c.text());
        } else if (chunk instanceof Chunk.ThinkingDelta c) {
            m.put("type", "thinking");
            putIfSet(m, "text", c.text());
            putIfSet(m, "signature", c.signature());
            putIfSet(m, "redactedData", c.redactedData());
        } else if (chunk instanceof Chunk.ToolCallStart c) {
            m.put("type", "tool_call_start");
            m.put("index", c.index());
            m.put("id", c.id());
            m.put("name", c.name());
        } else if (chunk instanceof Chunk.ToolCallDelta c) {
            m.put("type", "tool_call_delta");
            m.put("index", c.index());
            m.put("partialJson", c.partialJson());
        } else if (chunk instanceof Chunk.ToolCall c) {
            m.put("type", "tool_call");
            m.put("index", c.index());
            m.put("id", c.id());
            m.put("name", c.name());
            m.put("arguments", c.arguments());
        } else if (chunk instanceof Chunk.Citation c) {
            m.put("type", "citation");
            m.put("citation", c.citation());
        } else if (chunk instanceof Chunk.UsageChunk c) {
            m.put("type", "usage");
            m.put("usage", c.usage());
        } else if (chunk instanceof Chunk.Stop c) {
            m.put("type", "stop");
            m.put("stopReason", c.reason() == null ? null : c.reason().wireName());
        } else if (chunk instanceof Chunk.Metadata c) {
            m.put("type", "metadata");
            m.put("latencyMs", c.latencyMs());
            m.put("requestId", c.requestId());
            m.put("api", c.api());
        }
        return m;
    }

    private static void putIfSet(Map<String, Object> m, String key, Object value) {
        if (value != null) {
            m.put(key, value);
        }
    }
}
