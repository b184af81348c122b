package io.quarkiverse.bedrock.testing;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The native InvokeModel body format of one model family. */
interface NativeCodec {

    /**
     * @param body the request body
     * @return the prompt
     * @throws BadRequest when the model would reject the body
     */
    Prompt parse(JsonNode body);

    /**
     * @param a the answer
     * @param modelId the model id of the request
     * @param latencyMs the latency to report
     * @return the InvokeModel response body
     */
    ObjectNode response(Answer a, String modelId, long latencyMs);

    /**
     * @param a the answer
     * @param modelId the model id of the request
     * @param latencyMs the latency to report in the last chunk's invocation metrics
     * @return the native JSON chunks of InvokeModelWithResponseStream, each sent base64 in a {@code chunk} event
     */
    List<ObjectNode> chunks(Answer a, String modelId, long latencyMs);

    /**
     * @param body the request body
     * @return the answer of a model that answers without generating text (embeddings), or null for a generating model
     */
    default ObjectNode direct(JsonNode body) {
        return null;
    }

    /**
     * @param body the request body
     * @param modelId the model id of the request, for families whose models answer differently
     * @return as {@link #direct(JsonNode)}
     */
    default ObjectNode direct(JsonNode body, String modelId) {
        return direct(body);
    }
}
