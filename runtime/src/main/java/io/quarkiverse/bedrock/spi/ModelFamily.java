package io.quarkiverse.bedrock.spi;

import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ModelId;

/**
 * A model family's native InvokeModel format ({@code /invoke} and {@code /invoke-with-response-stream}). Families
 * without one are served by Converse. Implementations are registered at build time (see the deployment module's
 * {@code NativeFormatterBuildItem}) and must have a public no-argument constructor.
 */
public interface NativeFormatter {

    /** @return the family this formatter serves: the provider part of model ids, e.g. {@code anthropic} */
    String family();

    /**
     * @param modelId a model id of this family
     * @return whether this formatter knows the model's native format (a family may have models with other formats)
     */
    default boolean supports(ModelId modelId) {
        return true;
    }

    /**
     * @param request a request for a model this formatter supports
     * @return whether the native API can serve it; when false the request goes to Converse (tools, for instance)
     */
    default boolean canServe(ChatRequest request) {
        return request.tools().isEmpty();
    }

    /**
     * @param request the request
     * @param json the mapper to build the body with
     * @return the native request body
     */
    ObjectNode requestBody(ChatRequest request, ObjectMapper json);

    /**
     * @param body the native response body
     * @param modelId the model id the request went to
     * @param requestId the AWS request id, may be null
     * @return the chat response
     */
    ChatResponse response(JsonNode body, String modelId, String requestId);

    /**
     * @param json the mapper
     * @return a parser for one native stream: it receives the decoded JSON of each {@code chunk} event in order
     */
    StreamParser streamParser(ObjectMapper json);

    /** Turns the decoded chunks of one native stream into {@link Chunk}s. One instance per stream. */
    interface StreamParser {

        /**
         * @param chunk the JSON decoded from the {@code bytes} of one {@code chunk} event
         * @param out receives the chunks it yields
         */
        void accept(JsonNode chunk, Consumer<Chunk> out);

        /** @return whether the stop of the answer was seen (a stream ending without it is incomplete) */
        boolean stopped();
    }
}
