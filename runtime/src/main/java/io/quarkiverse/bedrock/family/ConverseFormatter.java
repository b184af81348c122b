package io.quarkiverse.bedrock.family;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Usage;

/** Builds Converse request bodies and reads Converse responses; works for every model family. */
public final class ConverseFormatter {

    private final ObjectMapper json;

    /** @param json the mapper used for bodies */
    public ConverseFormatter(ObjectMapper json) {
        this.json = json;
    }

    /**
     * @param request the chat request
     * @return the {@code ConverseRequest} body
     */
    public ObjectNode requestBody(ChatRequest request) {
        ObjectNode body = json.createObjectNode();
        ArrayNode messages = body.putArray("messages");
        for (Message message : request.messages()) {
            ObjectNode m = messages.addObject();
            m.put("role", message.role().wireName());
            ArrayNode content = m.putArray("content");
            for (ContentBlock block : message.content()) {
                if (block instanceof ContentBlock.Text text) {
                    content.addObject().put("text", text.text());
                }
            }
        }
        if (!request.system().isEmpty()) {
            ArrayNode system = body.putArray("system");
            request.system().forEach(s -> system.addObject().put("text", s));
        }
        ObjectNode inference = json.createObjectNode();
        request.maxTokens().ifPresent(v -> inference.put("maxTokens", v));
        request.temperature().ifPresent(v -> inference.put("temperature", v));
        request.topP().ifPresent(v -> inference.put("topP", v));
        if (!request.stopSequences().isEmpty()) {
            ArrayNode stops = inference.putArray("stopSequences");
            request.stopSequences().forEach(stops::add);
        }
        if (!inference.isEmpty()) {
            body.set("inferenceConfig", inference);
        }
        Map<String, Object> additional = request.options().additionalModelRequestFields();
        if (!additional.isEmpty()) {
            body.set("additionalModelRequestFields", json.valueToTree(additional));
        }
        return body;
    }

    /**
     * @param response a {@code ConverseResponse} body
     * @param modelId the model id the request went to
     * @param requestId the AWS request id, may be null
     * @return the chat response
     */
    public ChatResponse response(JsonNode response, String modelId, String requestId) {
        StringBuilder text = new StringBuilder();
        List<Chunk.ToolCall> toolCalls = new ArrayList<>();
        int index = 0;
        for (JsonNode block : response.path("output").path("message").path("content")) {
            JsonNode t = block.get("text");
            if (t != null && t.isTextual()) {
                text.append(t.asText());
            }
            JsonNode toolUse = block.get("toolUse");
            if (toolUse != null && toolUse.isObject()) {
                JsonNode input = toolUse.path("input");
                toolCalls.add(new Chunk.ToolCall(index, toolUse.path("toolUseId").asText(), toolUse.path("name").asText(),
                        input.isMissingNode() ? json.createObjectNode() : input));
            }
            index++;
        }
        return new ChatResponse(text.toString(), toolCalls, StopReason.fromWire(response.path("stopReason").asText(null)),
                usage(response.path("usage")), modelId, requestId);
    }

    /**
     * @param usage a Converse {@code TokenUsage} object (missing fields count as zero)
     * @return the usage
     */
    public static Usage usage(JsonNode usage) {
        int input = usage.path("inputTokens").asInt(0);
        int output = usage.path("outputTokens").asInt(0);
        return new Usage(input, output, usage.path("totalTokens").asInt(input + output),
                usage.path("cacheReadInputTokens").asInt(0), usage.path("cacheWriteInputTokens").asInt(0));
    }
}
