package io.quarkiverse.bedrock.runtime.client;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.error.BedrockServiceException;

/** Writes request bodies and reads answers with the client's mapper. */
final class JsonBodies {

    private final ObjectMapper json;

    JsonBodies(ObjectMapper json) {
        this.json = json;
    }

    /** @return the mapper */
    ObjectMapper mapper() {
        return json;
    }

    /** @param node a request body @return its bytes */
    byte[] bytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialise the request body", e);
        }
    }

    /**
     * @param answer an answer
     * @return its body's JSON
     * @throws BedrockServiceException when the body is not JSON
     */
    JsonNode read(Answer answer) {
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw new BedrockServiceException(200, "MalformedResponse", "The answer is not valid JSON: " + e.getMessage(),
                    answer.requestId());
        }
    }
}
