package io.quarkiverse.bedrock.testing;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Converse prompt caching as Bedrock counts it: each {@code cachePoint} closes a prefix (tools, then system, then
 * messages, in that order). A prefix seen before (same model, same content) is read from the cache; a new one is written
 * with the cache point's TTL ({@code 5m} when it names none). Entries never expire; {@link BedrockEmulator#reset()}
 * forgets them. Thread-safe.
 */
final class PromptCache {

    private final Set<String> entries = ConcurrentHashMap.newKeySet();

    /**
     * What one request did with the cache.
     *
     * @param readTokens tokens read from the cache
     * @param writtenByTtl tokens written to the cache, per TTL ({@code 5m}, {@code 1h}), in the order written
     */
    record Use(int readTokens, Map<String, Integer> writtenByTtl) {

        static final Use NONE = new Use(0, Map.of());

        /** @return all tokens written, whatever their TTL */
        int writtenTokens() {
            return writtenByTtl.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    /**
     * @param modelId the request's model
     * @param request a Converse request
     * @return what its cache points read and wrote; {@link Use#NONE} without cache points
     */
    Use use(String modelId, JsonNode request) {
        Walk walk = new Walk(modelId);
        request.path("toolConfig").path("tools").forEach(walk::visit);
        request.path("system").forEach(walk::visit);
        for (JsonNode message : request.path("messages")) {
            walk.text.append('\n').append(message.path("role").asText());
            message.path("content").forEach(walk::visit);
        }
        return walk.read == 0 && walk.written.isEmpty() ? Use.NONE : new Use(walk.read, walk.written);
    }

    /** One request's walk through its content, in Bedrock's order. */
    private final class Walk {
        private final String modelId;
        private final StringBuilder text = new StringBuilder();
        private final Map<String, Integer> written = new LinkedHashMap<>();
        /** Tokens of the prefix the cache points so far cover. */
        private int covered;
        private int read;

        Walk(String modelId) {
            this.modelId = modelId;
        }

        /** A hit reads the whole prefix; a miss writes what the previous points did not cover. */
        void visit(JsonNode block) {
            JsonNode point = block.get("cachePoint");
            if (point == null) {
                text.append(' ').append(block.has("text") ? block.get("text").asText() : block.toString());
                return;
            }
            int tokens = Tokens.count(text.toString());
            if (entries.add(modelId + '\u0000' + text)) {
                written.merge(point.path("ttl").asText("5m"), Math.max(0, tokens - covered), Integer::sum);
            } else {
                read = tokens;
            }
            covered = tokens;
        }
    }

    /** Forgets every entry. */
    void clear() {
        entries.clear();
    }
}
