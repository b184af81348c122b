package io.quarkiverse.bedrock.runtime.embed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.EmbedRequest;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;

/**
 * Cohere Embed v3 and v4: {@code texts}, {@code input_type} (required; {@code search_document} by default),
 * {@code embedding_types}, {@code output_dimension} (v4), {@code truncate}; at most 96 texts per call. Answers are
 * {@code embeddings} as a list of vectors, or by type when {@code embedding_types} was given.
 */
final class CohereEmbedFormat implements EmbeddingFormat {

    private static final int MAX_TEXTS = 96;

    @Override
    public int batchSize() {
        return MAX_TEXTS;
    }

    @Override
    public ObjectNode body(EmbedRequest request, List<String> texts, ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        ArrayNode t = body.putArray("texts");
        texts.forEach(t::add);
        body.put("input_type", request.inputType().orElse("search_document"));
        if (!request.embeddingTypes().isEmpty()) {
            ArrayNode types = body.putArray("embedding_types");
            request.embeddingTypes().forEach(types::add);
        }
        request.dimensions().ifPresent(d -> body.put("output_dimension", d));
        request.truncate().ifPresent(v -> body.put("truncate", v));
        return body;
    }

    @Override
    public Vectors vectors(JsonNode body, List<String> texts) {
        JsonNode embeddings = body.path("embeddings");
        List<float[]> floats = new ArrayList<>();
        Map<String, JsonNode> byType = new LinkedHashMap<>();
        if (embeddings.isArray()) {
            embeddings.forEach(v -> floats.add(EmbeddingFormat.floats(v)));
        } else if (embeddings.isObject()) {
            embeddings.fields().forEachRemaining(e -> {
                if (e.getKey().equals("float")) {
                    e.getValue().forEach(v -> floats.add(EmbeddingFormat.floats(v)));
                } else {
                    byType.put(e.getKey(), e.getValue());
                }
            });
        } else {
            throw new BedrockServiceException(200, "MalformedResponse",
                    "The Cohere embeddings answer has no 'embeddings'", null);
        }
        if (!floats.isEmpty() && floats.size() != texts.size()) {
            throw new BedrockServiceException(200, "MalformedResponse", "Cohere returned " + floats.size()
                    + " embeddings for " + texts.size() + " texts", null);
        }
        return new Vectors(floats, byType, -1);
    }
}
