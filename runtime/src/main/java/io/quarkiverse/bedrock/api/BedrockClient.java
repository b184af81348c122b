package io.quarkiverse.bedrock.api;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.api.async.AsyncInvokes;
import io.quarkiverse.bedrock.api.guardrail.Guardrails;
import io.quarkiverse.bedrock.api.speech.SpeechSession;
import io.quarkiverse.bedrock.api.speech.SpeechSessionRequest;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The Amazon Bedrock Runtime client: one call shape for every model family.
 * <p>
 * Obtain it with {@code @Inject @Bedrock BedrockClient client}. Every method is lazy: nothing is sent until the
 * returned {@link Uni} or {@link Multi} is subscribed to, and every subscription sends a new, freshly signed request.
 * Failures are reported as subclasses of {@link io.quarkiverse.bedrock.api.error.BedrockException}.
 */
public interface BedrockClient {

    /**
     * Sends a chat request and returns the complete answer.
     *
     * @param request the request; must name a model and hold at least one message
     * @return the answer, emitted once the model has finished
     */
    Uni<ChatResponse> chat(ChatRequest request);

    /**
     * Sends a chat request and streams the answer as it is generated.
     *
     * @param request the request; must name a model and hold at least one message
     * @return the chunks of the answer, with backpressure: a slow subscriber slows the read from the network
     */
    Multi<Chunk> stream(ChatRequest request);

    /**
     * Asks for a structured answer matching a JSON Schema, through a forced call of a {@code structured_output} tool.
     *
     * @param request the request, without tools of its own
     * @param schema the JSON Schema of the answer, an object schema
     * @return the validated value; fails with {@link io.quarkiverse.bedrock.api.error.SchemaMismatchException} when the
     *         model's answer does not match the schema
     */
    Uni<ObjectResponse<JsonNode>> generateObject(ChatRequest request, JsonNode schema);

    /**
     * Asks for a structured answer of a record or POJO type, whose JSON Schema is derived from its fields (every field
     * required except {@code Optional} ones).
     *
     * @param request the request, without tools of its own
     * @param type the record or class of the answer
     * @param <T> the type
     * @return the validated value mapped with Jackson; fails with
     *         {@link io.quarkiverse.bedrock.api.error.SchemaMismatchException} when the answer does not match
     */
    <T> Uni<ObjectResponse<T>> generateObject(ChatRequest request, Class<T> type);

    /**
     * Streams a structured answer: {@link ObjectChunk.Partial}s with the JSON received so far, then one
     * {@link ObjectChunk.Complete} with the validated value.
     *
     * @param request the request, without tools of its own
     * @param schema the JSON Schema of the answer, an object schema
     * @return the chunks; fails with {@link io.quarkiverse.bedrock.api.error.SchemaMismatchException} at the end when
     *         the answer does not match
     */
    Multi<ObjectChunk<JsonNode>> streamObject(ChatRequest request, JsonNode schema);

    /**
     * Streams a structured answer of a record or POJO type.
     *
     * @param request the request, without tools of its own
     * @param type the record or class of the answer
     * @param <T> the type
     * @return partial JSON, then the validated value mapped with Jackson
     */
    <T> Multi<ObjectChunk<T>> streamObject(ChatRequest request, Class<T> type);

    /**
     * Computes embeddings with Cohere Embed (v3, v4) or Amazon Titan Text Embeddings (v2). Inputs are split into as
     * many calls as the model needs, sent concurrently.
     *
     * @param request the texts and parameters
     * @return the vectors in input order, with the input token count Bedrock reported
     */
    Uni<EmbedResponse> embed(EmbedRequest request);

    /**
     * Counts the input tokens of a request with Bedrock's CountTokens operation, for the API the request would use
     * (the Converse form, or the native InvokeModel body).
     *
     * @param request the request
     * @return the number of input tokens
     */
    Uni<Integer> countTokens(ChatRequest request);

    /**
     * Opens a speech-to-speech session with Amazon Nova Sonic ({@code InvokeModelWithBidirectionalStream}, HTTP/2):
     * audio and text in, audio, transcripts, tool uses and usage out, as they happen.
     *
     * @param request the session's settings
     * @return the session, opened when its {@link SpeechSession#events()} are subscribed to
     */
    SpeechSession speech(SpeechSessionRequest request);

    /**
     * @return ApplyGuardrail and InvokeGuardrailChecks, with this client's configuration
     */
    Guardrails guardrails();

    /**
     * @return StartAsyncInvoke, GetAsyncInvoke, ListAsyncInvokes and polling to completion, with this client's
     *         configuration
     */
    AsyncInvokes asyncInvokes();
}
