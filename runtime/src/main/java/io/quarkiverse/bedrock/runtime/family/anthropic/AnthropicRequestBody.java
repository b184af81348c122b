package io.quarkiverse.bedrock.runtime.family.anthropic;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.ToolChoice;

/**
 * Builds the Anthropic Messages body Bedrock's {@code /invoke} and {@code /invoke-with-response-stream} take for Claude:
 * {@code anthropic_version}, {@code max_tokens}, system, messages, sampling, stop sequences, tools, tool choice,
 * thinking and prompt cache checkpoints. Other {@code additionalModelRequestFields} (e.g. {@code top_k},
 * {@code anthropic_beta}) are copied to the top level of the body.
 */
final class AnthropicRequestBody {

    /** The Messages API version Bedrock expects in the body. */
    static final String ANTHROPIC_VERSION = "bedrock-2023-05-31";
    /** {@code max_tokens} when the request sets none (the Messages API requires it). */
    static final int DEFAULT_MAX_TOKENS = 1024;

    private final ObjectMapper json;
    private final AnthropicContent content;

    AnthropicRequestBody(ObjectMapper json) {
        this.json = json;
        this.content = new AnthropicContent(json);
    }

    ObjectNode build(ChatRequest request) {
        ObjectNode body = json.createObjectNode();
        body.put("anthropic_version", ANTHROPIC_VERSION);
        Optional<ObjectNode> thinking = ClaudeThinking.of(request, json);
        body.put("max_tokens", ClaudeThinking.maxTokens(request, thinking, DEFAULT_MAX_TOKENS));
        boolean cache = ClaudePromptCache.enabled(request);
        system(request, body, cache);
        messages(request, body, cache);
        request.temperature().ifPresent(t -> body.put("temperature", t));
        request.topP().ifPresent(p -> body.put("top_p", p));
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stops = body.putArray("stop_sequences");
            request.stopSequences().forEach(stops::add);
        }
        if (!request.tools().isEmpty()) {
            tools(request, body, cache);
        }
        thinking.ifPresent(t -> body.set(ClaudeThinking.THINKING, t));
        for (Map.Entry<String, Object> e : request.options().additionalModelRequestFields().entrySet()) {
            if (!e.getKey().equals(ClaudeThinking.THINKING) && !e.getKey().equals(ClaudeThinking.REASONING_CONFIG)) {
                body.set(e.getKey(), json.valueToTree(e.getValue()));
            }
        }
        return body;
    }

    private void system(ChatRequest request, ObjectNode body, boolean cache) {
        List<String> system = request.system();
        if (system.isEmpty()) {
            return;
        }
        if (system.size() == 1 && !cache) {
            body.put("system", system.get(0));
            return;
        }
        ArrayNode blocks = body.putArray("system");
        system.forEach(s -> blocks.addObject().put("type", "text").put("text", s));
        if (cache) {
            ((ObjectNode) blocks.get(blocks.size() - 1)).set("cache_control", ClaudePromptCache.cacheControl(request, json));
        }
    }

    private void messages(ChatRequest request, ObjectNode body, boolean cache) {
        int cached = cache ? ClaudePromptCache.messageIndex(request) : -1;
        ArrayNode messages = body.putArray("messages");
        List<Message> all = request.messages();
        for (int i = 0; i < all.size(); i++) {
            Message message = all.get(i);
            ObjectNode m = messages.addObject();
            m.put("role", message.role().wireName());
            ArrayNode blocks = m.putArray("content");
            message.content().forEach(b -> blocks.add(content.encode(b)));
            if (i == cached && !blocks.isEmpty()) {
                ((ObjectNode) blocks.get(blocks.size() - 1)).set("cache_control",
                        ClaudePromptCache.cacheControl(request, json));
            }
        }
    }

    private void tools(ChatRequest request, ObjectNode body, boolean cache) {
        ArrayNode tools = body.putArray("tools");
        for (Tool tool : request.tools()) {
            ObjectNode t = tools.addObject().put("name", tool.name());
            if (tool.description() != null) {
                t.put("description", tool.description());
            }
            t.set("input_schema", tool.inputSchema());
        }
        if (cache) {
            ((ObjectNode) tools.get(tools.size() - 1)).set("cache_control", ClaudePromptCache.cacheControl(request, json));
        }
        request.toolChoice().ifPresent(choice -> body.set("tool_choice", toolChoice(choice)));
    }

    private JsonNode toolChoice(ToolChoice choice) {
        ObjectNode c = json.createObjectNode();
        if (choice instanceof ToolChoice.Auto) {
            c.put("type", "auto");
        } else if (choice instanceof ToolChoice.Any) {
            c.put("type", "any");
        } else if (choice instanceof ToolChoice.Named named) {
            c.put("type", "tool").put("name", named.name());
        }
        return c;
    }
}
