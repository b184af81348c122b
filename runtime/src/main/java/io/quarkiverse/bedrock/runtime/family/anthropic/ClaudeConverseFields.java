package io.quarkiverse.bedrock.runtime.family.anthropic;

import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.ChatRequest;

/**
 * Claude's extras on the Converse route: extended thinking in {@code additionalModelRequestFields} (from
 * {@code reasoningEffort}, removed when a forced tool choice forbids it) and prompt caching as {@code cachePoint}
 * blocks after the tools, the system prompt and the chosen message. Applied by {@link AnthropicFamily} to Claude's
 * Converse requests.
 */
final class ClaudeConverseFields {

    private ClaudeConverseFields() {
    }

    /**
     * @param request the request
     * @param body the Converse body built so far, changed in place
     * @param json the mapper
     */
    static void apply(ChatRequest request, ObjectNode body, ObjectMapper json) {
        thinking(request, body, json);
        if (ClaudePromptCache.enabled(request)) {
            cachePoints(request, body, json);
        }
    }

    private static void thinking(ChatRequest request, ObjectNode body, ObjectMapper json) {
        Optional<ObjectNode> thinking = ClaudeThinking.of(request, json);
        JsonNode extra = body.path("additionalModelRequestFields");
        if (thinking.isEmpty()) {
            if (extra.isObject()) {
                ((ObjectNode) extra).remove(ClaudeThinking.THINKING);
                ((ObjectNode) extra).remove(ClaudeThinking.REASONING_CONFIG);
                if (extra.isEmpty()) {
                    body.remove("additionalModelRequestFields");
                }
            }
            return;
        }
        if (!extra.has(ClaudeThinking.THINKING) && !extra.has(ClaudeThinking.REASONING_CONFIG)) {
            ObjectNode fields = extra.isObject() ? (ObjectNode) extra : body.putObject("additionalModelRequestFields");
            fields.set(ClaudeThinking.THINKING, thinking.get());
        }
        if (request.maxTokens().isEmpty()) {
            ObjectNode inference = body.has("inferenceConfig") ? (ObjectNode) body.get("inferenceConfig")
                    : body.putObject("inferenceConfig");
            inference.put("maxTokens", ClaudeThinking.maxTokens(request, thinking, 0));
        }
    }

    private static void cachePoints(ChatRequest request, ObjectNode body, ObjectMapper json) {
        JsonNode tools = body.path("toolConfig").path("tools");
        if (tools.isArray() && !tools.isEmpty()) {
            ((ArrayNode) tools).add(ClaudePromptCache.cachePoint(request, json));
        }
        JsonNode system = body.path("system");
        if (system.isArray() && !system.isEmpty()) {
            ((ArrayNode) system).add(ClaudePromptCache.cachePoint(request, json));
        }
        int index = ClaudePromptCache.messageIndex(request);
        ((ArrayNode) body.path("messages").get(index).path("content")).add(ClaudePromptCache.cachePoint(request, json));
    }
}
