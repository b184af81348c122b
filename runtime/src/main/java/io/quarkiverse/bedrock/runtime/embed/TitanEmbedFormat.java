package io.quarkiverse.bedrock.runtime.embed;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.EmbedRequest;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;

/** Amazon Titan Text Embeddings v2: one {@code inputText} per call, {@code dimensions}, {@code normalize}. */
final class TitanEmbedFormat implements EmbeddingFormat {

    @Override
    public int batchSize() {
        return 1;
    }

    @Override
    public ObjectNode body(EmbedRequest request, List<String> texts, ObjectMapper json) {
        ObjectNode body = json.createObjectNode().put("inputText", texts.get(0));
        request.dimensions().ifPresent(d -> body.put("dimensions", d));
        request.normalize().ifPresent(n -> body.put("normalize", n));
        return body;
    }

    @Override
    public Vectors vectors(JsonNode body, List<String> texts) {
        JsonNode embedding = body.path("embedding");
        if (!embedding.isArray()) {
            throw new BedrockServiceException(200, "MalformedResponse", "The Titan embeddings answer has no 'embedding'",
                    null);
        }
        return new Vectors(List.of(EmbeddingFormat.floats(embedding)), Map.of(),
                body.path("inputTextTokenCount").asInt(-1));
    }
}
