package io.quarkiverse.bedrock.runtime.family.anthropic;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Citation;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Usage;

/** Reads an Anthropic Messages answer ({@code type: message}) into a {@link ChatResponse}. */
final class AnthropicResponses {

    private AnthropicResponses() {
    }

    private static List<Citation> citations(JsonNode textBlock) {
        List<Citation> citations = new ArrayList<>();
        textBlock.path("citations").forEach(c -> citations.add(Citation.of(c)));
        return citations;
    }

    static ChatResponse read(JsonNode body, String modelId, String requestId) {
        List<ContentBlock> blocks = new ArrayList<>();
        for (JsonNode block : body.path("content")) {
            switch (block.path("type").asText("")) {
                case "text" -> blocks.add(new ContentBlock.Text(block.path("text").asText(), citations(block)));
                case "tool_use" -> blocks.add(new ContentBlock.ToolUse(block.path("id").asText(),
                        block.path("name").asText(),
                        block.path("input").isObject() ? block.path("input") : JsonNodeFactory.instance.objectNode()));
                case "thinking" -> blocks.add(new ContentBlock.Reasoning(block.path("thinking").asText(""),
                        block.path("signature").asText(null), null));
                case "redacted_thinking" -> blocks.add(new ContentBlock.Reasoning(null, null,
                        block.path("data").asText()));
                default -> {
                    // block types newer than this client (server tool results...) are not part of the answer text
                }
            }
        }
        return new ChatResponse(new Message(Role.ASSISTANT, blocks),
                StopReason.fromWire(body.path("stop_reason").asText(null)), usage(body.path("usage")), modelId, requestId);
    }

    /**
     * @param usage an Anthropic {@code usage} object
     * @return the usage; the total counts input, output and cache tokens, as Converse reports it
     */
    static Usage usage(JsonNode usage) {
        int input = usage.path("input_tokens").asInt(0);
        int output = usage.path("output_tokens").asInt(0);
        int cacheRead = usage.path("cache_read_input_tokens").asInt(0);
        int cacheWrite = usage.path("cache_creation_input_tokens").asInt(0);
        return new Usage(input, output, input + output + cacheRead + cacheWrite, cacheRead, cacheWrite);
    }
}
