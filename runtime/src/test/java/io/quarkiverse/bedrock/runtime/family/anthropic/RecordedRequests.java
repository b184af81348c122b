package io.quarkiverse.bedrock.runtime.family.anthropic;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.ToolChoice;

/** Reads the logical input (what the caller asked for) back out of a recorded request body, in either wire form. */
final class RecordedRequests {

    static final ObjectMapper JSON = new ObjectMapper();

    private RecordedRequests() {
    }

    /** @return the request a recorded Converse body was built from */
    static ChatRequest.Builder fromConverse(String modelId, JsonNode body) {
        ChatRequest.Builder b = ChatRequest.builder().model(modelId);
        body.path("system").forEach(s -> b.system(s.path("text").asText()));
        for (JsonNode m : body.path("messages")) {
            List<ContentBlock> blocks = new ArrayList<>();
            for (JsonNode c : m.path("content")) {
                if (c.has("text")) {
                    blocks.add(new ContentBlock.Text(c.get("text").asText()));
                } else if (c.has("toolUse")) {
                    JsonNode u = c.get("toolUse");
                    blocks.add(new ContentBlock.ToolUse(u.path("toolUseId").asText(), u.path("name").asText(), u.get("input")));
                } else if (c.has("toolResult")) {
                    JsonNode r = c.get("toolResult");
                    JsonNode first = r.path("content").get(0);
                    blocks.add(new ContentBlock.ToolResult(r.path("toolUseId").asText(),
                            first.has("text") ? first.get("text") : first.get("json"),
                            "error".equals(r.path("status").asText())));
                }
            }
            b.message(new Message(Role.valueOf(m.path("role").asText().toUpperCase()), blocks));
        }
        JsonNode inference = body.path("inferenceConfig");
        if (inference.has("maxTokens")) {
            b.maxTokens(inference.get("maxTokens").asInt());
        }
        if (inference.has("temperature")) {
            b.temperature(inference.get("temperature").asDouble());
        }
        if (inference.has("topP")) {
            b.topP(inference.get("topP").asDouble());
        }
        List<String> stops = new ArrayList<>();
        inference.path("stopSequences").forEach(s -> stops.add(s.asText()));
        b.stopSequences(stops);
        for (JsonNode t : body.path("toolConfig").path("tools")) {
            JsonNode spec = t.get("toolSpec");
            b.tool(new Tool(spec.path("name").asText(), spec.path("description").asText(null),
                    spec.path("inputSchema").path("json")));
        }
        JsonNode choice = body.path("toolConfig").path("toolChoice");
        if (choice.has("auto")) {
            b.toolChoice(ToolChoice.auto());
        } else if (choice.has("any")) {
            b.toolChoice(ToolChoice.any());
        } else if (choice.has("tool")) {
            b.toolChoice(ToolChoice.tool(choice.get("tool").path("name").asText()));
        }
        return b;
    }

    /**
     * @return the request a recorded Anthropic Messages body was built from; {@code top_k} becomes an additional model
     *         request field, {@code cache_control} on a message turns prompt caching on for that message
     */
    @SuppressWarnings("unchecked")
    static ChatRequest.Builder fromAnthropic(String modelId, JsonNode body) {
        ChatRequest.Builder b = ChatRequest.builder().model(modelId);
        JsonNode system = body.path("system");
        if (system.isTextual()) {
            b.system(system.asText());
        } else {
            system.forEach(s -> b.system(s.path("text").asText()));
        }
        BedrockOptions.Builder options = BedrockOptions.builder();
        JsonNode messages = body.path("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode m = messages.get(i);
            List<ContentBlock> blocks = new ArrayList<>();
            JsonNode content = m.path("content");
            if (content.isTextual()) {
                blocks.add(new ContentBlock.Text(content.asText()));
            }
            for (JsonNode c : content) {
                if (c.has("cache_control")) {
                    options.anthropicPromptCache(true).anthropicCacheMessage(i);
                }
                switch (c.path("type").asText()) {
                    case "text" -> blocks.add(new ContentBlock.Text(c.path("text").asText()));
                    case "image" -> blocks.add(ContentBlock.image(c.at("/source/media_type").asText(),
                            Base64.getDecoder().decode(c.at("/source/data").asText())));
                    case "tool_use" -> blocks.add(new ContentBlock.ToolUse(c.path("id").asText(), c.path("name").asText(),
                            c.get("input")));
                    case "tool_result" -> {
                        JsonNode rc = c.path("content");
                        String text = rc.isTextual() ? rc.asText() : rc.path(0).path("text").asText();
                        blocks.add(new ContentBlock.ToolResult(c.path("tool_use_id").asText(),
                                JSON.getNodeFactory().textNode(text),
                                c.path("is_error").asBoolean(false)));
                    }
                    case "thinking" -> blocks.add(new ContentBlock.Reasoning(c.path("thinking").asText(),
                            c.path("signature").asText(null), null));
                    default -> throw new IllegalArgumentException("content type " + c.path("type"));
                }
            }
            b.message(new Message(Role.valueOf(m.path("role").asText().toUpperCase()), blocks));
        }
        if (body.has("max_tokens")) {
            b.maxTokens(body.get("max_tokens").asInt());
        }
        if (body.has("temperature")) {
            b.temperature(body.get("temperature").asDouble());
        }
        if (body.has("top_p")) {
            b.topP(body.get("top_p").asDouble());
        }
        List<String> stops = new ArrayList<>();
        body.path("stop_sequences").forEach(s -> stops.add(s.asText()));
        b.stopSequences(stops);
        if (body.has("top_k")) {
            options.additionalModelRequestFields(Map.of("top_k", body.get("top_k").asInt()));
        }
        if (body.has("thinking")) {
            options.additionalModelRequestFields(Map.of("thinking", JSON.convertValue(body.get("thinking"), Map.class)));
        }
        for (JsonNode t : body.path("tools")) {
            b.tool(new Tool(t.path("name").asText(), t.path("description").asText(null), t.path("input_schema")));
        }
        JsonNode choice = body.path("tool_choice");
        switch (choice.path("type").asText("")) {
            case "auto" -> b.toolChoice(ToolChoice.auto());
            case "any" -> b.toolChoice(ToolChoice.any());
            case "tool" -> b.toolChoice(ToolChoice.tool(choice.path("name").asText()));
            default -> {
            }
        }
        if (body.has("tools")) {
            // tools are served by Converse unless the caller asks for the native API
            options.useConverse(false);
        }
        return b.options(options.build());
    }
}
