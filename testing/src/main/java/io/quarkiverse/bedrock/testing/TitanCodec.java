package io.quarkiverse.bedrock.testing;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Amazon Titan text embeddings: {@code inputText} in, {@code embedding} out. */
final class TitanCodec implements NativeCodec {

    @Override
    public ObjectNode direct(JsonNode body) {
        JsonNode text = body.get("inputText");
        if (text == null || !text.isTextual()) {
            throw BadRequest.validation(
                    "Malformed input request: #: required key [inputText] not found, please reformat your input and try again.");
        }
        ObjectNode out = Json.object();
        out.set("embedding", Embeddings.vector(text.asText(), body.path("dimensions").asInt(1024)));
        out.put("inputTextTokenCount", Tokens.count(text.asText()));
        return out;
    }

    @Override
    public Prompt parse(JsonNode body) {
        throw new IllegalStateException("Titan embeddings answer directly");
    }

    @Override
    public ObjectNode response(Answer a, String modelId, long latencyMs) {
        throw new IllegalStateException("Titan embeddings answer directly");
    }

    @Override
    public List<ObjectNode> chunks(Answer a, String modelId, long latencyMs) {
        throw BadRequest.validation("The model is unsupported for streaming.");
    }
}
