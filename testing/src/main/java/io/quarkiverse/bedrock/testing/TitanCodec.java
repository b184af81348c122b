package io.quarkiverse.bedrock.testing;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Amazon Titan embeddings: {@code inputText} (or, for the multimodal model, {@code inputImage}) in, {@code embedding}
 * out. Text Embeddings V2 also answers {@code embeddingsByType} with the {@code embeddingTypes} asked for
 * ({@code float} by default, {@code binary} as 0/1 values), at the {@code dimensions} asked for (1024 by default).
 */
final class TitanCodec implements NativeCodec {

    @Override
    public ObjectNode direct(JsonNode body) {
        return direct(body, "amazon.titan-embed-text-v1");
    }

    @Override
    public ObjectNode direct(JsonNode body, String modelId) {
        boolean v2 = ModelFamily.stripPrefix(modelId).startsWith("amazon.titan-embed-text-v2");
        boolean image = ModelFamily.stripPrefix(modelId).startsWith("amazon.titan-embed-image");
        JsonNode text = body.get("inputText");
        JsonNode picture = image ? body.get("inputImage") : null;
        if ((text == null || !text.isTextual()) && (picture == null || !picture.isTextual())) {
            throw BadRequest.validation("Malformed input request: #: required key [inputText] not found, please"
                    + " reformat your input and try again.");
        }
        String input = text != null && text.isTextual() ? text.asText() : picture.asText();
        int defaultSize = v2 || image ? 1024 : 1536;
        int dimensions = image ? body.path("embeddingConfig").path("outputEmbeddingLength").asInt(defaultSize)
                : body.path("dimensions").asInt(defaultSize);
        ArrayNode vector = Embeddings.vector(input, dimensions);
        ObjectNode out = Json.object();
        out.set("embedding", vector);
        out.put("inputTextTokenCount", text != null && text.isTextual() ? Tokens.count(text.asText()) : 0);
        if (v2) {
            ObjectNode byType = out.putObject("embeddingsByType");
            JsonNode types = body.path("embeddingTypes");
            if (!types.isArray() || types.isEmpty()) {
                byType.set("float", vector);
            }
            for (JsonNode t : types) {
                switch (t.asText("")) {
                    case "float" -> byType.set("float", vector);
                    case "binary" -> byType.set("binary", binary(vector));
                    default -> throw BadRequest.validation("Malformed input request: #/embeddingTypes: "
                            + t.asText("") + " is not a valid enum value, please reformat your input and try again.");
                }
            }
        }
        return out;
    }

    /** Titan's binary embedding: 1 for a positive component, 0 otherwise. */
    private static ArrayNode binary(ArrayNode vector) {
        ArrayNode out = Json.array();
        vector.forEach(v -> out.add(v.floatValue() > 0 ? 1 : 0));
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
