package io.quarkiverse.bedrock.runtime.client;

import java.util.List;
import java.util.function.Function;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.EmbedRequest;
import io.quarkiverse.bedrock.api.EmbedResponse;
import io.quarkiverse.bedrock.api.ObjectChunk;
import io.quarkiverse.bedrock.api.ObjectResponse;
import io.quarkiverse.bedrock.api.async.AsyncInvokes;
import io.quarkiverse.bedrock.api.guardrail.Guardrails;
import io.quarkiverse.bedrock.api.speech.SpeechSession;
import io.quarkiverse.bedrock.api.speech.SpeechSessionRequest;
import io.quarkiverse.bedrock.runtime.auth.CredentialsResolver;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.auth.RequestSigner;
import io.quarkiverse.bedrock.runtime.catalog.ModelCatalog;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.runtime.family.ApiRouter;
import io.quarkiverse.bedrock.runtime.family.ConverseFormatter;
import io.quarkiverse.bedrock.runtime.family.ConverseStreamEvents;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.runtime.family.NativeStreamEvents;
import io.quarkiverse.bedrock.runtime.family.ResponseChunks;
import io.quarkiverse.bedrock.runtime.family.ToolSupport;
import io.quarkiverse.bedrock.runtime.guardrail.TraceReader;
import io.quarkiverse.bedrock.runtime.operations.OtherOperations;
import io.quarkiverse.bedrock.runtime.resilience.FallbackListener;
import io.quarkiverse.bedrock.runtime.speech.SpeechSessions;
import io.quarkiverse.bedrock.runtime.structured.StructuredOutput;
import io.quarkiverse.bedrock.runtime.transport.StreamingHttpClient;
import io.quarkiverse.bedrock.spi.ModelFamily;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The {@link BedrockClient} of this extension: routes each request to Converse or its family's native API and hands
 * it to {@link BedrockCalls}; embeddings go through {@link EmbeddingBatches}, CountTokens bodies through
 * {@link CountTokensBody}, structured output through {@link StructuredOutput}.
 */
public class DefaultBedrockClient implements BedrockClient {

    private static final Logger LOG = Logger.getLogger(DefaultBedrockClient.class);

    private final JsonBodies json;
    private final ConverseFormatter converse;
    private final ApiRouter router;
    private final ToolSupport tools;
    private final BedrockCalls calls;
    private final EmbeddingBatches embeddings;
    /** Maps structured answers to application types: JDK types (Optional, java.time) included. */
    private final ObjectMapper objects = new ObjectMapper().findAndRegisterModules()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** Opens speech sessions (their own HTTP/2 client, created on first use). */
    private final SpeechSessions speech;
    /** Guardrails and asynchronous invocations (their own REST client, created on first use). */
    private final Lazy<OtherOperations> operations;

    /**
     * @param settings the client's name and configuration
     * @param json the mapper for request and response bodies
     * @param credentials chooses the credentials of each request
     * @param regions chooses the region of each request
     * @param signer signs each request
     * @param streaming sends streaming requests
     * @param families the model families
     */
    public DefaultBedrockClient(ClientSettings settings, ObjectMapper json, CredentialsResolver credentials,
            RegionResolver regions, RequestSigner signer, StreamingHttpClient streaming, FamilyRegistry families) {
        this.json = new JsonBodies(json);
        this.converse = new ConverseFormatter(json);
        this.router = new ApiRouter(families);
        // unset: the model catalogue decides which models cannot stream tool use
        this.tools = new ToolSupport(settings.config().streamingToolsFallback().orElse(List.of()));
        this.calls = new BedrockCalls(settings, regions, credentials, signer, streaming);
        this.embeddings = new EmbeddingBatches(calls, this.json);
        this.speech = new SpeechSessions(settings, credentials, regions, streaming);
        this.operations = new Lazy<>(() -> new OtherOperations(settings, json, credentials, regions, signer));
    }

    @Override
    public Uni<ChatResponse> chat(ChatRequest request) {
        return Uni.createFrom().deferred(() -> {
            tools.check(request);
            ApiRouter.Route route = router.route(request);
            if (route.converse()) {
                return converseChat(request, route);
            }
            ModelFamily family = route.nativeFamily().get();
            byte[] body = json.bytes(family.requestBody(request, json.mapper()));
            return calls.post(request.modelId(), request.options(), "invoke", body)
                    .map(answer -> family.response(json.read(answer), request.modelId().value(), answer.requestId()));
        });
    }

    private Uni<ChatResponse> converseChat(ChatRequest request, ApiRouter.Route route) {
        byte[] body = json.bytes(TraceReader.withoutStreamOnlyMembers(converse.requestBody(request, route)));
        return calls.post(request.modelId(), request.options(), "converse", body)
                .map(answer -> converse.response(json.read(answer), request.modelId().value(), answer.requestId()));
    }

    @Override
    public Multi<Chunk> stream(ChatRequest request) {
        return Multi.createFrom().deferred(() -> {
            tools.check(request);
            ApiRouter.Route route = router.route(request);
            if (!route.converse()) {
                ModelFamily family = route.nativeFamily().get();
                byte[] body = json.bytes(family.requestBody(request, json.mapper()));
                return calls.stream(request.modelId(), request.options(), "invoke-with-response-stream", body,
                        answer -> new NativeStreamEvents(json.mapper(), family.streamParser(json.mapper()),
                                answer.requestId()));
            }
            if (tools.needsNonStreamingFallback(request)) {
                return nonStreamingFallback(request, route);
            }
            byte[] body = json.bytes(converse.requestBody(request, route));
            return calls.stream(request.modelId(), request.options(), "converse-stream", body,
                    answer -> new ConverseStreamEvents(json.mapper(), answer.requestId(), "converse-stream"))
                    .onFailure(ToolSupport::isStreamingToolsRejection)
                    .recoverWithMulti(() -> nonStreamingFallback(request, route));
        });
    }

    private Multi<Chunk> nonStreamingFallback(ChatRequest request, ApiRouter.Route route) {
        return Multi.createFrom().context(context -> {
            LOG.debugf("%s rejects tool use in streaming mode: answering with non-streaming Converse", request.modelId());
            FallbackListener.in(context).onFallback(FallbackListener.STREAMING_TOOLS);
            return converseChat(request, route).onItem()
                    .transformToMulti(r -> Multi.createFrom().iterable(ResponseChunks.of(r, "converse")));
        });
    }

    @Override
    public Uni<ObjectResponse<JsonNode>> generateObject(ChatRequest request, JsonNode schema) {
        return Uni.createFrom().deferred(() -> {
            StructuredOutput.Plan plan = StructuredOutput.plan(request, schema, router, ModelCatalog.standard());
            return chat(plan.request())
                    .map(r -> new ObjectResponse<>(StructuredOutput.value(r, schema, plan.nativeFormat()), r));
        });
    }

    @Override
    public <T> Uni<ObjectResponse<T>> generateObject(ChatRequest request, Class<T> type) {
        return Uni.createFrom().deferred(() -> generateObject(request, StructuredOutput.schema(type))
                .map(r -> new ObjectResponse<>(StructuredOutput.map(r.object(), type, objects), r.response())));
    }

    @Override
    public Multi<ObjectChunk<JsonNode>> streamObject(ChatRequest request, JsonNode schema) {
        return streamObject(request, schema, v -> v);
    }

    @Override
    public <T> Multi<ObjectChunk<T>> streamObject(ChatRequest request, Class<T> type) {
        return Multi.createFrom().deferred(() -> streamObject(request, StructuredOutput.schema(type),
                v -> StructuredOutput.map(v, type, objects)));
    }

    private <T> Multi<ObjectChunk<T>> streamObject(ChatRequest request, JsonNode schema, Function<JsonNode, T> mapping) {
        return Multi.createFrom().deferred(() -> {
            StructuredOutput.Plan plan = StructuredOutput.plan(request, schema, router, ModelCatalog.standard());
            StructuredOutput.Stream<T> state = new StructuredOutput.Stream<>(schema, plan.nativeFormat(), mapping,
                    request.modelId().value());
            return stream(plan.request()).onItem().transformToIterable(state::accept)
                    .onCompletion().switchTo(() -> Multi.createFrom().item(state::complete));
        });
    }

    @Override
    public Uni<EmbedResponse> embed(EmbedRequest request) {
        return Uni.createFrom().deferred(() -> embeddings.embed(request));
    }

    @Override
    public Uni<Integer> countTokens(ChatRequest request) {
        return Uni.createFrom().deferred(() -> {
            tools.check(request);
            ApiRouter.Route route = router.route(request);
            byte[] body = json.bytes(CountTokensBody.of(request, route, converse, json));
            return calls.post(request.modelId(), request.options(), "count-tokens", body)
                    .map(answer -> CountTokensBody.inputTokens(json.read(answer), answer.requestId()));
        });
    }

    @Override
    public SpeechSession speech(SpeechSessionRequest request) {
        return speech.open(request);
    }

    @Override
    public Guardrails guardrails() {
        return operations.get().guardrails();
    }

    @Override
    public AsyncInvokes asyncInvokes() {
        return operations.get().asyncInvokes();
    }

    /** Closes what this client holds: its REST clients, its streaming HTTP clients and its speech HTTP/2 client. */
    public void close() {
        calls.close();
        speech.close();
        operations.ifMade(OtherOperations::close);
    }
}
