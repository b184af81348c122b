package io.quarkiverse.bedrock.runtime.client;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import jakarta.ws.rs.client.ClientRequestFilter;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.EmbedRequest;
import io.quarkiverse.bedrock.api.EmbedResponse;
import io.quarkiverse.bedrock.api.ModelId;
import io.quarkiverse.bedrock.api.ObjectChunk;
import io.quarkiverse.bedrock.api.ObjectResponse;
import io.quarkiverse.bedrock.api.error.BedrockException;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.BedrockTransportException;
import io.quarkiverse.bedrock.api.error.StreamInterruptedException;
import io.quarkiverse.bedrock.runtime.auth.AwsAuth;
import io.quarkiverse.bedrock.runtime.auth.CredentialsResolver;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.auth.RequestSigner;
import io.quarkiverse.bedrock.runtime.config.ClientConfig;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.runtime.embed.EmbeddingFormat;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.family.ApiRouter;
import io.quarkiverse.bedrock.runtime.family.ConverseFormatter;
import io.quarkiverse.bedrock.runtime.family.ConverseStreamEvents;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.runtime.family.NativeStreamEvents;
import io.quarkiverse.bedrock.runtime.family.ResponseChunks;
import io.quarkiverse.bedrock.runtime.family.StreamEvents;
import io.quarkiverse.bedrock.runtime.family.ToolSupport;
import io.quarkiverse.bedrock.runtime.structured.SchemaGenerator;
import io.quarkiverse.bedrock.runtime.structured.StructuredOutput;
import io.quarkiverse.bedrock.runtime.transport.BedrockEndpoint;
import io.quarkiverse.bedrock.runtime.transport.BedrockRestApi;
import io.quarkiverse.bedrock.runtime.transport.ModelPath;
import io.quarkiverse.bedrock.runtime.transport.ServiceErrors;
import io.quarkiverse.bedrock.runtime.transport.StreamingHttpClient;
import io.quarkiverse.bedrock.runtime.transport.StreamingHttpClient.StreamingAnswer;
import io.quarkiverse.bedrock.runtime.transport.UserAgent;
import io.quarkiverse.bedrock.spi.NativeFormatter;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The {@link BedrockClient} of this extension: resolves credentials and region, signs, sends, maps errors. */
public class DefaultBedrockClient implements BedrockClient {

    private static final Logger LOG = Logger.getLogger(DefaultBedrockClient.class);

    private final ClientSettings settings;
    private final ClientConfig config;
    private final String userAgent;
    private final ObjectMapper json;
    private final ConverseFormatter converse;
    private final CredentialsResolver credentials;
    private final RegionResolver regions;
    private final RequestSigner signer;
    private final StreamingHttpClient streaming;
    private final ApiRouter router;
    private final ToolSupport tools;
    private final Map<URI, BedrockRestApi> apis = new ConcurrentHashMap<>();
    /** Maps structured answers to application types: JDK types (Optional, java.time) included. */
    private final ObjectMapper objects = new ObjectMapper().findAndRegisterModules()
            .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /**
     * @param settings the client's name and configuration
     * @param json the mapper for request and response bodies
     * @param credentials chooses the credentials of each request
     * @param regions chooses the region of each request
     * @param signer signs each request
     * @param streaming sends streaming requests
     * @param families the native formatters
     */
    public DefaultBedrockClient(ClientSettings settings, ObjectMapper json, CredentialsResolver credentials,
            RegionResolver regions, RequestSigner signer, StreamingHttpClient streaming, FamilyRegistry families) {
        this.settings = settings;
        this.config = settings.config();
        this.userAgent = UserAgent.of(config.userAgentSuffix());
        this.json = json;
        this.converse = new ConverseFormatter(json);
        this.credentials = credentials;
        this.regions = regions;
        this.signer = signer;
        this.streaming = streaming;
        this.router = new ApiRouter(families);
        this.tools = new ToolSupport(config.streamingToolsFallback()
                .orElse(List.of("amazon.nova", "mistral.", "meta.llama3-3-70b", "openai.gpt-oss")));
    }

    @Override
    public Uni<ChatResponse> chat(ChatRequest request) {
        return Uni.createFrom().deferred(() -> {
            tools.check(request);
            ApiRouter.Route route = router.route(request);
            if (route.converse()) {
                return converseChat(request);
            }
            NativeFormatter formatter = route.formatter().get();
            byte[] body = toBytes(formatter.requestBody(request, json));
            return post(target(request, "invoke"), body, request)
                    .map(answer -> formatter.response(readTree(answer.body()), request.modelId().value(), answer.requestId()));
        });
    }

    private Uni<ChatResponse> converseChat(ChatRequest request) {
        byte[] body = toBytes(io.quarkiverse.bedrock.runtime.guardrail.TraceReader
                .withoutStreamOnlyMembers(converse.requestBody(request)));
        return post(target(request, "converse"), body, request)
                .map(answer -> converse.response(readTree(answer.body()), request.modelId().value(), answer.requestId()));
    }

    private Uni<Answer> post(Target target, byte[] body, ChatRequest request) {
        return post(target, body, request.options());
    }

    private Uni<Answer> post(Target target, byte[] body, BedrockOptions options) {
        return signed(target, body, options, (uri, headers) -> api(target.base()).call(target.encodedModelId(),
                target.operation(), headers.get("Authorization"), headers.get("X-Amz-Date"),
                headers.get("x-amz-content-sha256"), headers.get("X-Amz-Security-Token"), body))
                .map(DefaultBedrockClient::checkStatus)
                .ifNoItem().after(config.timeout()).failWith(() -> new BedrockServiceException(408, "ClientTimeout",
                        "No answer within " + settings.prefix() + "timeout = " + config.timeout(), null));
    }

    @Override
    public Multi<Chunk> stream(ChatRequest request) {
        return Multi.createFrom().deferred(() -> {
            tools.check(request);
            ApiRouter.Route route = router.route(request);
            if (!route.converse()) {
                NativeFormatter formatter = route.formatter().get();
                byte[] body = toBytes(formatter.requestBody(request, json));
                return streamed(target(request, "invoke-with-response-stream"), body, request,
                        answer -> new NativeStreamEvents(json, formatter.streamParser(json), answer.requestId()));
            }
            if (tools.needsNonStreamingFallback(request)) {
                return nonStreamingFallback(request);
            }
            byte[] body = toBytes(converse.requestBody(request));
            return streamed(target(request, "converse-stream"), body, request,
                    answer -> new ConverseStreamEvents(json, answer.requestId(), "converse-stream"))
                    .onFailure(ToolSupport::isStreamingToolsRejection).recoverWithMulti(() -> nonStreamingFallback(request));
        });
    }

    @Override
    public Uni<ObjectResponse<JsonNode>> generateObject(ChatRequest request, JsonNode schema) {
        return Uni.createFrom().deferred(() -> {
            ChatRequest forced = StructuredOutput.forcedRequest(request, schema, router);
            return chat(forced).map(r -> new ObjectResponse<>(StructuredOutput.value(r, schema), r));
        });
    }

    @Override
    public <T> Uni<ObjectResponse<T>> generateObject(ChatRequest request, Class<T> type) {
        return Uni.createFrom().deferred(() -> {
            JsonNode schema = SchemaGenerator.of(type);
            return generateObject(request, schema)
                    .map(r -> new ObjectResponse<>(StructuredOutput.map(r.object(), type, objects), r.response()));
        });
    }

    @Override
    public Multi<ObjectChunk<JsonNode>> streamObject(ChatRequest request, JsonNode schema) {
        return streamObject(request, schema, v -> v);
    }

    @Override
    public <T> Multi<ObjectChunk<T>> streamObject(ChatRequest request, Class<T> type) {
        return Multi.createFrom().deferred(() -> streamObject(request, SchemaGenerator.of(type),
                v -> StructuredOutput.map(v, type, objects)));
    }

    private <T> Multi<ObjectChunk<T>> streamObject(ChatRequest request, JsonNode schema, Function<JsonNode, T> mapping) {
        return Multi.createFrom().deferred(() -> {
            ChatRequest forced = StructuredOutput.forcedRequest(request, schema, router);
            StructuredOutput.Stream<T> state = new StructuredOutput.Stream<>(schema, mapping, request.modelId().value());
            return stream(forced).onItem().transformToIterable(state::accept)
                    .onCompletion().switchTo(() -> Multi.createFrom().item(state::complete));
        });
    }

    @Override
    public Uni<EmbedResponse> embed(EmbedRequest request) {
        return Uni.createFrom().deferred(() -> {
            EmbeddingFormat format = EmbeddingFormat.of(request);
            List<String> texts = request.texts();
            List<Uni<EmbedBatch>> calls = new ArrayList<>();
            for (int from = 0; from < texts.size(); from += format.batchSize()) {
                List<String> batch = texts.subList(from, Math.min(texts.size(), from + format.batchSize()));
                byte[] body = toBytes(format.body(request, batch, json));
                calls.add(post(target(request.modelId(), request.options(), "invoke"), body, request.options())
                        .map(answer -> new EmbedBatch(format.vectors(readTree(answer.body()), batch),
                                answer.inputTokenCount(), answer.requestId())));
            }
            return Uni.join().all(calls).andFailFast().map(batches -> embedResponse(request, batches));
        });
    }

    /** The vectors of one call, its input token header and request id. */
    private record EmbedBatch(EmbeddingFormat.Vectors vectors, String inputTokenCount, String requestId) {
    }

    private EmbedResponse embedResponse(EmbedRequest request, List<EmbedBatch> batches) {
        List<EmbedResponse.Embedding> embeddings = new ArrayList<>();
        Map<String, com.fasterxml.jackson.databind.node.ArrayNode> byType = new java.util.LinkedHashMap<>();
        List<String> requestIds = new ArrayList<>();
        int tokens = 0;
        int index = 0;
        for (EmbedBatch b : batches) {
            for (float[] vector : b.vectors().floats()) {
                embeddings.add(new EmbedResponse.Embedding(index, request.texts().get(index), vector));
                index++;
            }
            b.vectors().byType().forEach((type, vectors) -> byType.computeIfAbsent(type, t -> json.createArrayNode())
                    .addAll((com.fasterxml.jackson.databind.node.ArrayNode) vectors));
            tokens += b.inputTokenCount() != null ? Integer.parseInt(b.inputTokenCount().trim())
                    : Math.max(0, b.vectors().bodyInputTokens());
            if (b.requestId() != null) {
                requestIds.add(b.requestId());
            }
        }
        return new EmbedResponse(request.modelId().value(), embeddings, Map.copyOf(byType), tokens, requestIds);
    }

    @Override
    public Uni<Integer> countTokens(ChatRequest request) {
        return Uni.createFrom().deferred(() -> {
            tools.check(request);
            ApiRouter.Route route = router.route(request);
            com.fasterxml.jackson.databind.node.ObjectNode body = json.createObjectNode();
            com.fasterxml.jackson.databind.node.ObjectNode input = body.putObject("input");
            if (route.converse()) {
                com.fasterxml.jackson.databind.node.ObjectNode converseBody = converse.requestBody(request);
                com.fasterxml.jackson.databind.node.ObjectNode counted = input.putObject("converse");
                // CountTokens takes only these members of a Converse request
                for (String member : List.of("messages", "system", "toolConfig", "additionalModelRequestFields")) {
                    if (converseBody.has(member)) {
                        counted.set(member, converseBody.get(member));
                    }
                }
            } else {
                byte[] nativeBody = toBytes(route.formatter().get().requestBody(request, json));
                input.putObject("invokeModel").put("body", java.util.Base64.getEncoder().encodeToString(nativeBody));
            }
            return post(target(request, "count-tokens"), toBytes(body), request).map(answer -> {
                JsonNode tokens = readTree(answer.body()).path("inputTokens");
                if (!tokens.isInt()) {
                    throw new BedrockServiceException(200, "MalformedResponse",
                            "The CountTokens answer has no inputTokens", answer.requestId());
                }
                return tokens.asInt();
            });
        });
    }

    private Multi<Chunk> nonStreamingFallback(ChatRequest request) {
        LOG.debugf("%s rejects tool use in streaming mode: answering with non-streaming Converse", request.modelId());
        return converseChat(request).onItem()
                .transformToMulti(r -> Multi.createFrom().iterable(ResponseChunks.of(r, "converse")));
    }

    private Multi<Chunk> streamed(Target target, byte[] body, ChatRequest request,
            Function<StreamingAnswer, StreamEvents> events) {
        return signed(target, body, request, (uri, headers) -> streaming.post(uri, headers, body))
                .onItem().transformToMulti(answer -> chunks(answer, events.apply(answer)));
    }

    private Multi<Chunk> chunks(StreamingAnswer answer, StreamEvents events) {
        EventStreamDecoder decoder = new EventStreamDecoder();
        Multi<io.vertx.core.buffer.Buffer> body = answer.body()
                .onFailure(t -> !(t instanceof BedrockException)).transform(t -> new StreamInterruptedException(
                        "The connection failed while the answer was streaming"
                                + (answer.requestId() == null ? "" : " (request id " + answer.requestId() + ")") + ": " + t,
                        t));
        return ChunkDecoding.of(IdleTimeout.after(body, config.streamIdleTimeout(),
                () -> new StreamInterruptedException("No bytes received for " + settings.prefix() + "stream-idle-timeout = "
                        + config.streamIdleTimeout()
                        + (answer.requestId() == null ? "" : " (request id " + answer.requestId() + ")"))),
                decoder, events);
    }

    /** Where a request goes. */
    private record Target(String region, URI base, String encodedModelId, String operation) {
        URI uri() {
            String b = base.toString();
            int end = b.length();
            while (end > 0 && b.charAt(end - 1) == '/') {
                end--;
            }
            return URI.create(b.substring(0, end) + "/model/" + encodedModelId + "/" + operation);
        }
    }

    private Target target(ChatRequest request, String operation) {
        return target(request.modelId(), request.options(), operation);
    }

    private Target target(ModelId modelId, BedrockOptions options, String operation) {
        String region = regions.resolve(options);
        return new Target(region, BedrockEndpoint.baseUri(region, config.endpointOverride()), ModelPath.encode(modelId),
                operation);
    }

    /** Sends one attempt, signed just before it goes out. */
    private <T> Uni<T> signed(Target target, byte[] body, ChatRequest request,
            java.util.function.BiFunction<URI, Map<String, String>, Uni<T>> send) {
        return signed(target, body, request.options(), send);
    }

    private <T> Uni<T> signed(Target target, byte[] body, BedrockOptions options,
            java.util.function.BiFunction<URI, Map<String, String>, Uni<T>> send) {
        return credentials.resolve(options).chain(auth -> {
            URI uri = target.uri();
            Map<String, String> headers = signer.sign("POST", uri, body, auth, target.region());
            LOG.debugf("POST %s (%d bytes, %s)", uri, body.length, describe(auth));
            return send.apply(uri, headers)
                    .onFailure(t -> !(t instanceof BedrockException)).transform(t -> new BedrockTransportException(
                            "Cannot reach the Bedrock endpoint " + target.base() + ": " + t, t));
        });
    }

    private static Answer checkStatus(RestResponse<byte[]> response) {
        byte[] entity = entityBytes(response);
        if (response.getStatus() / 100 != 2) {
            throw ServiceErrors.fromResponse(response.getStatus(), response::getHeaderString, entity);
        }
        return new Answer(entity, response.getHeaderString("x-amzn-RequestId"),
                response.getHeaderString("X-Amzn-Bedrock-Input-Token-Count"));
    }

    /** The REST client hands error bodies out as an unread stream rather than the declared byte[]. */
    private static byte[] entityBytes(RestResponse<?> response) {
        Object entity = response.getEntity();
        if (entity instanceof byte[] bytes) {
            return bytes;
        }
        if (entity instanceof java.io.InputStream in) {
            try (in) {
                return in.readAllBytes();
            } catch (IOException e) {
                return new byte[0];
            }
        }
        return new byte[0];
    }

    /** A successful answer's body, AWS request id and input token count header (may be null). */
    private record Answer(byte[] body, String requestId, String inputTokenCount) {
    }

    private static String describe(AwsAuth auth) {
        return auth instanceof AwsAuth.SigV4 s ? "SigV4 " + s.identity().accessKeyId() + " from " + s.source()
                : "bearer key from " + ((AwsAuth.Bearer) auth).source();
    }

    private BedrockRestApi api(URI base) {
        return apis.computeIfAbsent(base, uri -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(uri)
                .connectTimeout(config.connectTimeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .property("microprofile.rest.client.disable.default.mapper", true)
                .register((ClientRequestFilter) request -> request.getHeaders().putSingle("User-Agent", userAgent))
                .build(BedrockRestApi.class));
    }

    @Override
    public io.quarkiverse.bedrock.api.guardrail.Guardrails guardrails() {
        return otherOperations().guardrails();
    }

    @Override
    public io.quarkiverse.bedrock.api.async.AsyncInvokes asyncInvokes() {
        return otherOperations().asyncInvokes();
    }

    private synchronized io.quarkiverse.bedrock.runtime.operations.OtherOperations otherOperations() {
        if (otherOperations == null) {
            otherOperations = new io.quarkiverse.bedrock.runtime.operations.OtherOperations(settings, json, credentials,
                    regions, signer);
        }
        return otherOperations;
    }

    /** Guardrails and async invocations, made on first use. */
    private io.quarkiverse.bedrock.runtime.operations.OtherOperations otherOperations;

    /** Closes what this client holds: its REST client instances and its streaming HTTP clients. */
    public void close() {
        synchronized (this) {
            if (otherOperations != null) {
                otherOperations.close();
            }
        }
        apis.values().forEach(api -> {
            if (api instanceof AutoCloseable closeable) {
                try {
                    closeable.close();
                } catch (Exception e) {
                    LOG.debugf(e, "Closing a Bedrock REST client failed");
                }
            }
        });
        apis.clear();
        streaming.close();
    }

    private byte[] toBytes(JsonNode node) {
        try {
            return json.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot serialise the request body", e);
        }
    }

    private JsonNode readTree(byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (IOException e) {
            throw new BedrockServiceException(200, "MalformedResponse", "The answer is not valid JSON: " + e.getMessage(),
                    null);
        }
    }

}
