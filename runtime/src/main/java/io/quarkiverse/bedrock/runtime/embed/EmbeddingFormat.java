package io.quarkiverse.bedrock.runtime.embed;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.EmbedRequest;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/** The InvokeModel format of one embeddings model family. */
public interface EmbeddingFormat {

    /** @return how many texts one call may carry */
    int batchSize();

    /**
     * @param request the request (for its parameters)
     * @param texts the texts of one call
     * @param json the mapper
     * @return the body of that call
     */
    ObjectNode body(EmbedRequest request, List<String> texts, ObjectMapper json);

    /**
     * @param body the response body of one call
     * @param texts the texts of that call
     * @return its vectors
     */
    Vectors vectors(JsonNode body, List<String> texts);

    /**
     * The vectors of one call.
     *
     * @param floats one float vector per text (empty when no float embeddings were asked)
     * @param byType other embedding types, type to an array of vectors
     * @param bodyInputTokens input tokens the body reports, or -1
     */
    record Vectors(List<float[]> floats, Map<String, JsonNode> byType, int bodyInputTokens) {
    }

    /**
     * @param request an embeddings request
     * @return the format of its model
     * @throws InvalidRequestException when the model is no Cohere Embed nor Titan Text Embeddings model
     */
    static EmbeddingFormat of(EmbedRequest request) {
        String base = request.modelId().baseModel().orElse("").toLowerCase(Locale.ROOT);
        if (base.startsWith("cohere.embed")) {
            return new CohereEmbedFormat();
        }
        if (base.startsWith("amazon.titan-embed-text")) {
            return new TitanEmbedFormat();
        }
        throw new InvalidRequestException("Model '" + request.modelId() + "' is not a supported embeddings model: use"
                + " Cohere Embed (cohere.embed-english-v3, cohere.embed-multilingual-v3, cohere.embed-v4:0) or"
                + " Amazon Titan Text Embeddings (amazon.titan-embed-text-v2:0)");
    }

    /**
     * @param values a JSON array of numbers
     * @return them as floats
     */
    static float[] floats(JsonNode values) {
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) values.get(i).asDouble();
        }
        return v;
    }
}
