package io.quarkiverse.bedrock.runtime.devui;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.runtime.telemetry.ErrorTypes;

/**
 * Turns the chunks of a streamed answer into the events the playground page shows, one JSON object each with a
 * {@code kind}: text, thinking, toolCall, usage, stop, metadata, firstChunk, error, done.
 */
final class PlaygroundEvents {

    private PlaygroundEvents() {
    }

    /** @return the event of a chunk, or null for chunks the page does not show (tool call deltas, starts) */
    static Map<String, Object> of(Chunk chunk) {
        if (chunk instanceof Chunk.TextDelta t) {
            return event("text", "text", t.text());
        }
        if (chunk instanceof Chunk.ThinkingDelta t) {
            return t.text() == null ? null : event("thinking", "text", t.text());
        }
        if (chunk instanceof Chunk.ToolCall c) {
            Map<String, Object> e = event("toolCall", "name", c.name());
            e.put("id", c.id());
            e.put("arguments", c.arguments().toString());
            return e;
        }
        if (chunk instanceof Chunk.UsageChunk u) {
            Usage usage = u.usage();
            Map<String, Object> e = event("usage", "inputTokens", usage.inputTokens());
            e.put("outputTokens", usage.outputTokens());
            e.put("cacheReadInputTokens", usage.cacheReadInputTokens());
            e.put("cacheWriteInputTokens", usage.cacheWriteInputTokens());
            return e;
        }
        if (chunk instanceof Chunk.Stop s) {
            return event("stop", "reason", s.reason().wireName());
        }
        if (chunk instanceof Chunk.Metadata m) {
            Map<String, Object> e = event("metadata", "requestId", m.requestId());
            e.put("api", m.api());
            e.put("latencyMs", m.latencyMs());
            return e;
        }
        return null;
    }

    static Map<String, Object> firstChunk(long millis) {
        return event("firstChunk", "ms", millis);
    }

    static Map<String, Object> error(Throwable failure) {
        Map<String, Object> e = event("error", "type", ErrorTypes.of(failure));
        e.put("message", String.valueOf(failure.getMessage()));
        return e;
    }

    static Map<String, Object> done(long millis) {
        return event("done", "ms", millis);
    }

    private static Map<String, Object> event(String kind, String key, Object value) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("kind", kind);
        e.put(key, value);
        return e;
    }
}
