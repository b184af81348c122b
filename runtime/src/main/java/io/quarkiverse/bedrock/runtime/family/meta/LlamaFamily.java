package io.quarkiverse.bedrock.runtime.family.meta;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.ModelId;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.runtime.family.NativeBodies;
import io.quarkiverse.bedrock.spi.ModelFamily;

/**
 * Meta Llama 3 and later on InvokeModel: {@code prompt} in the Llama 3 template, {@code max_gen_len},
 * {@code temperature}, {@code top_p}; {@code generation} out. Requests this format cannot carry (tools, tool
 * results, attachments, stop sequences) go to Converse.
 */
public final class LlamaFamily implements ModelFamily {

    @Override
    public String name() {
        return "meta";
    }

    /** Llama 2 used another template; it is left to Converse. */
    @Override
    public boolean supports(ModelId modelId) {
        return modelId.baseModel().map(base -> !base.startsWith("meta.llama2")).orElse(true);
    }

    @Override
    public boolean canServe(ChatRequest request) {
        return request.tools().isEmpty() && request.stopSequences().isEmpty() && !NativeBodies.hasAttachments(request)
                && request.messages().stream().map(Message::content).flatMap(List::stream)
                        .noneMatch(b -> b instanceof ContentBlock.ToolUse || b instanceof ContentBlock.ToolResult);
    }

    @Override
    public ObjectNode requestBody(ChatRequest request, ObjectMapper json) {
        if (!canServe(request)) {
            // reached only with use_converse=false: dropping what the prompt cannot carry would change the request
            throw new InvalidRequestException("The native Llama format carries text only: tools, tool calls and"
                    + " results, attachments and stop sequences need Converse; remove use_converse=false");
        }
        ObjectNode body = json.createObjectNode();
        body.put("prompt", LlamaPrompt.of(request));
        request.maxTokens().ifPresent(v -> body.put("max_gen_len", v));
        request.temperature().ifPresent(v -> body.put("temperature", v));
        request.topP().ifPresent(v -> body.put("top_p", v));
        return NativeBodies.withAdditionalFields(body, request, json);
    }

    @Override
    public ChatResponse response(JsonNode body, String modelId, String requestId) {
        String generation = body.path("generation").asText("");
        List<ContentBlock> content = generation.isEmpty() ? List.of() : List.of(new ContentBlock.Text(generation));
        int input = body.path("prompt_token_count").asInt(0);
        int output = body.path("generation_token_count").asInt(0);
        return new ChatResponse(new Message(Role.ASSISTANT, content), stopReason(body.path("stop_reason").asText(null)),
                new Usage(input, output, input + output, 0, 0), modelId, requestId);
    }

    /**
     * @param reason a Llama {@code stop_reason}
     * @return the stop reason, null for null
     */
    static StopReason stopReason(String reason) {
        if (reason == null) {
            return null;
        }
        return switch (reason) {
            case "stop" -> StopReason.END_TURN;
            case "length" -> StopReason.MAX_TOKENS;
            default -> StopReason.UNKNOWN;
        };
    }

    @Override
    public StreamParser streamParser(ObjectMapper json) {
        return new LlamaStreamParser();
    }
}
