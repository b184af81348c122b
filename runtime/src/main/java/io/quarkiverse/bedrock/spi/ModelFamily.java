package io.quarkiverse.bedrock.spi;

import java.io.IOException;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.JsonParser;
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
     * @return a parser for one native stream: it receives the decoded JSON of each {@code chunk} event in order, as
     *         tokens or as a tree (see {@link StreamParser})
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

    /**
     * Turns the decoded chunks of one native stream into {@link Chunk}s. One instance per stream.
     * <p>
     * The client calls {@link #accept(ChunkJson, Consumer)} for each chunk; by default it reads the chunk as a tree and
     * calls {@link #accept(JsonNode, Consumer)}, which is all a family has to implement. A family whose streams have
     * many small chunks (a text delta each) overrides {@link #accept(ChunkJson, Consumer)} to read those as tokens,
     * which costs the values it keeps instead of a tree per chunk, and calls {@link ChunkJson#tree()} for the others.
     */
    interface StreamParser {

        /**
         * @param chunk the JSON decoded from the {@code bytes} of one {@code chunk} event
         * @param out receives the chunks it yields
         */
        void accept(JsonNode chunk, Consumer<Chunk> out);

        /**
         * Reads one chunk, as tokens or as a tree. The default reads the tree and calls
         * {@link #accept(JsonNode, Consumer)}.
         *
         * @param chunk the JSON decoded from the {@code bytes} of one {@code chunk} event; valid during this call only
         * @param out receives the chunks it yields
         * @throws IOException when the chunk is not valid JSON (the client reports it as a malformed event)
         */
        default void accept(ChunkJson chunk, Consumer<Chunk> out) throws IOException {
            accept(chunk.tree(), out);
        }

        /** @return whether the stop of the answer was seen (a stream ending without it is incomplete) */
        boolean stopped();
    }

    /**
     * The JSON of one native stream chunk, to read either way: as tokens with {@link #tokens()}, or whole with
     * {@link #tree()}, also after some of its tokens were read (for instance once the {@code type} field shows an
     * event that is not a text delta). Valid during the {@link StreamParser#accept(ChunkJson, Consumer)} call only.
     */
    interface ChunkJson {

        /**
         * The chunk as tokens. The parser is on the chunk's {@link com.fasterxml.jackson.core.JsonToken#START_OBJECT};
         * read as far as needed, but not past the object's closing {@code END_OBJECT} (the client skips what is left).
         * Fields come in any order. The parser is shared by the stream's chunks: do not close it or keep it. After
         * {@link #tree()} it is past the chunk: read the tokens first.
         *
         * @return the parser, the same on every call for this chunk
         */
        JsonParser tokens();

        /**
         * @return the whole chunk as a tree, wherever {@link #tokens()} was left; the same tree on every call for
         *         this chunk
         * @throws IOException when the chunk is not valid JSON
         */
        JsonNode tree() throws IOException;
    }
}
