package io.quarkiverse.bedrock.test.families;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.spi.ModelFamily;

/**
 * A family another extension would contribute, here for Writer's {@code writer.*} models, which this extension serves
 * with plain Converse and the emulator's model catalogue knows. Its native format is a text-only form of the Anthropic
 * Messages body (the emulator answers InvokeModel for families it has no codec for in that format), and its Converse
 * requests take {@code thinking} in {@code additionalModelRequestFields}, which this family always turns on.
 */
public class WriterFamily implements ModelFamily {

    static final String THINKING = "thinking";

    @Override
    public String name() {
        return "writer";
    }

    @Override
    public ObjectNode requestBody(ChatRequest request, ObjectMapper json) {
        ObjectNode body = json.createObjectNode().put("anthropic_version", "bedrock-2023-05-31")
                .put("max_tokens", request.maxTokens().orElse(512));
        ArrayNode messages = body.putArray("messages");
        for (Message message : request.messages()) {
            messages.addObject().put("role", message.role().wireName()).put("content", text(message.content()));
        }
        return body;
    }

    @Override
    public ChatResponse response(JsonNode body, String modelId, String requestId) {
        String text = "";
        for (JsonNode block : body.path("content")) {
            text += block.path("text").asText("");
        }
        JsonNode usage = body.path("usage");
        int in = usage.path("input_tokens").asInt();
        int out = usage.path("output_tokens").asInt();
        return new ChatResponse(new Message(Role.ASSISTANT, List.of(new ContentBlock.Text(text))),
                StopReason.fromWire(body.path("stop_reason").asText(null)), new Usage(in, out, in + out, 0, 0), modelId,
                requestId);
    }

    @Override
    public StreamParser streamParser(ObjectMapper json) {
        return new StreamParser() {
            private boolean stopped;

            @Override
            public void accept(JsonNode chunk, Consumer<Chunk> out) {
                switch (chunk.path("type").asText()) {
                    case "content_block_delta" -> {
                        if (chunk.path("delta").has("text")) {
                            out.accept(new Chunk.TextDelta(chunk.path("delta").path("text").asText()));
                        }
                    }
                    case "message_delta" -> out.accept(
                            new Chunk.Stop(StopReason.fromWire(chunk.path("delta").path("stop_reason").asText(null))));
                    case "message_stop" -> stopped = true;
                    default -> {
                    }
                }
            }

            @Override
            public boolean stopped() {
                return stopped;
            }
        };
    }

    @Override
    public void adjustConverseRequest(ChatRequest request, ObjectNode body, ObjectMapper json) {
        ObjectNode fields = body.has("additionalModelRequestFields") ? (ObjectNode) body.get("additionalModelRequestFields")
                : body.putObject("additionalModelRequestFields");
        fields.putObject(THINKING).put("type", "enabled").put("budget_tokens", 1024);
    }

    private static String text(List<ContentBlock> content) {
        return content.stream().filter(ContentBlock.Text.class::isInstance).map(b -> ((ContentBlock.Text) b).text())
                .collect(Collectors.joining("\n"));
    }
}
