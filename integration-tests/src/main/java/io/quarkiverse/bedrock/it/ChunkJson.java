package io.quarkiverse.bedrock.it;

import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkiverse.bedrock.api.Chunk;

/** One chunk as a JSON object with a {@code type} field, for the demo's server-sent events. */
final class ChunkJson {

    private ChunkJson() {
    }

    static Map<String, Object> of(Chunk chunk) {
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
