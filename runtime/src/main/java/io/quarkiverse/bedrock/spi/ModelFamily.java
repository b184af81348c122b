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
 * A model family: everything this extension does differently for the models of one provider. That is its native
 * InvokeModel format ({@code /invoke} and {@code /invoke-with-response-stream}: request body, response, stream parser)
 * and its adjustments to a Converse request (fields only this family's models take). Families without a class of their
 * own are served by plain Converse.
 * <p>
 * Implementations are registered at build time (see the deployment module's {@code ModelFamilyBuildItem}), need a
 * public no-argument constructor and must be stateless: one instance serves every request.
 */
public interface ModelFamily {

    /** @return the family's name: the provider part of model ids, e.g. {@code anthropic} */
    String name();

    /**
     * @param modelId a model id of this family
     * @return whether this family's native format serves the model (a family may have models with other formats,
     *         which then go to Converse)
     */
    default boolean supports(ModelId modelId) {
        return true;
    }

    /**
     * @param request a request for a model this family {@link #supports(ModelId) supports}
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

    /**
     * Adds this family's own fields to a Converse request of one of its models (Converse, ConverseStream and the
     * Converse form of CountTokens). Called after the body every family shares is built; the default changes nothing.
     *
     * @param request the request
     * @param body the Converse body built so far, to change in place
     * @param json the mapper
     */
    default void adjustConverseRequest(ChatRequest request, ObjectNode body, ObjectMapper json) {
    }

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
