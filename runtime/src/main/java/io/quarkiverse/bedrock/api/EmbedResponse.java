package io.quarkiverse.bedrock.api;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The embeddings of an {@link EmbedRequest}, one per input text, in input order.
 *
 * @param modelId the model id
 * @param embeddings the float vectors, in input order (empty when only non-float {@code embedding_types} were asked)
 * @param byType Cohere embeddings of other types ({@code int8}, {@code binary}...), type to an array of vectors in
 *        input order, as Bedrock sent them
 * @param inputTokens input tokens, from the {@code X-Amzn-Bedrock-Input-Token-Count} headers, summed over the calls
 * @param requestIds the AWS request ids of the calls made
 */
public record EmbedResponse(String modelId, List<Embedding> embeddings, Map<String, JsonNode> byType, int inputTokens,
        List<String> requestIds) {

    /** Copies the lists. */
    public EmbedResponse {
        embeddings = List.copyOf(embeddings);
        byType = Map.copyOf(byType);
        requestIds = List.copyOf(requestIds);
    }

    /**
     * One text's vector.
     *
     * @param index the position of the text in the request
     * @param text the text
     * @param vector the vector
     */
    public record Embedding(int index, String text, float[] vector) {

        @Override
        public boolean equals(Object o) {
            return o instanceof Embedding e && e.index == index && e.text.equals(text)
                    && Arrays.equals(e.vector, vector);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * index + text.hashCode()) + Arrays.hashCode(vector);
        }

        @Override
        public String toString() {
            return "Embedding[index=" + index + ", dimensions=" + vector.length + "]";
        }
    }
}
