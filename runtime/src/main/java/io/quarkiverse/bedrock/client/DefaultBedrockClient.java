package io.quarkiverse.bedrock.client;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.error.BedrockException;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.BedrockTransportException;
import io.quarkiverse.bedrock.api.error.StreamInterruptedException;
import io.quarkiverse.bedrock.auth.AwsAuth;
import io.quarkiverse.bedrock.auth.CredentialsResolver;
import io.quarkiverse.bedrock.auth.RegionResolver;
import io.quarkiverse.bedrock.auth.RequestSigner;
import io.quarkiverse.bedrock.config.BedrockConfig;
import io.quarkiverse.bedrock.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.family.ApiRouter;
import io.quarkiverse.bedrock.family.ConverseFormatter;
import io.quarkiverse.bedrock.family.ConverseStreamEvents;
import io.quarkiverse.bedrock.family.FamilyRegistry;
import io.quarkiverse.bedrock.family.NativeFormatter;
import io.quarkiverse.bedrock.family.NativeStreamEvents;
import io.quarkiverse.bedrock.family.ResponseChunks;
import io.quarkiverse.bedrock.family.StreamEvents;
import io.quarkiverse.bedrock.family.ToolSupport;
import io.quarkiverse.bedrock.transport.BedrockEndpoint;
import io.quarkiverse.bedrock.transport.BedrockRestApi;
import io.quarkiverse.bedrock.transport.ModelPath;
import io.quarkiverse.bedrock.transport.ServiceErrors;
import io.quarkiverse.bedrock.transport.StreamingHttpClient;
import io.quarkiverse.bedrock.transport.StreamingHttpClient.StreamingAnswer;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** The {@link BedrockClient} of this extension: resolves credentials and region, signs, sends, maps errors. */
public class DefaultBedrockClient implements BedrockClient {

    private static final Logger LOG = Logger.getLogger(DefaultBedrockClient.class);

    private final BedrockConfig config;
    private final ObjectMapper json;
    private final ConverseFormatter converse;
    private final CredentialsResolver credentials;
    private final RegionResolver regions;
    private final RequestSigner signer;
    private final StreamingHttpClient streaming;
    private final ApiRouter router;
    private final ToolSupport tools;
    private final Map<URI, BedrockRestApi> apis = new ConcurrentHashMap<>();

    /**
     * @param config the configuration
     * @param json the mapper for request and response bodies
     * @param credentials chooses the credentials of each request
     * @param regions chooses the region of each request
     * @param signer signs each request
     * @param streaming sends streaming requests
     * @param families the native formatters
     */
    public DefaultBedrockClient(BedrockConfig config, ObjectMapper json, CredentialsResolver credentials,
            RegionResolver regions, RequestSigner signer, StreamingHttpClient streaming, FamilyRegistry families) {
        this.config = config;
        this.json = json;
        this.converse = new ConverseFormatter(json);
        this.credentials = credentials;
        this.regions = regions;
        this.signer = signer;
        this.streaming = streaming;
        this.router = new ApiRouter(families);
        this.tools = new ToolSupport(config.streamingToolsFallback());
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
        byte[] body = toBytes(converse.requestBody(request));
        return post(target(request, "converse"), body, request)
                .map(answer -> converse.response(readTree(answer.body()), request.modelId().value(), answer.requestId()));
    }

    private Uni<Answer> post(Target target, byte[] body, ChatRequest request) {
        return signed(target, body, request, (uri, headers) -> api(target.base()).call(target.encodedModelId(),
                target.operation(), headers.get("Authorization"), headers.get("X-Amz-Date"),
                headers.get("x-amz-content-sha256"), headers.get("X-Amz-Security-Token"), body))
                .map(DefaultBedrockClient::checkStatus)
                .ifNoItem().after(config.timeout()).failWith(() -> new BedrockServiceException(408, "ClientTimeout",
                        "No answer within quarkus.bedrock.timeout = " + config.timeout(), null));
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
        return IdleTimeout.after(body, config.streamIdleTimeout(),
                () -> new StreamInterruptedException("No bytes received for quarkus.bedrock.stream-idle-timeout = "
                        + config.streamIdleTimeout()
                        + (answer.requestId() == null ? "" : " (request id " + answer.requestId() + ")")))
                .onItem().transformToIterable(buffer -> new LazyChunks(decoder.feed(buffer), events))
                .onCompletion().call(() -> Uni.createFrom().item(() -> {
                    decoder.complete();
                    events.finish();
                    return true;
                }));
    }

    /** Where a request goes. */
    private record Target(String region, URI base, String encodedModelId, String operation) {
        URI uri() {
            return URI.create(base.toString().replaceAll("/+$", "") + "/model/" + encodedModelId + "/" + operation);
        }
    }

    private Target target(ChatRequest request, String operation) {
        String region = regions.resolve(request.options());
        return new Target(region, BedrockEndpoint.baseUri(region, config.endpointOverride()),
                ModelPath.encode(request.modelId()), operation);
    }

    /** Sends one attempt, signed just before it goes out. */
    private <T> Uni<T> signed(Target target, byte[] body, ChatRequest request,
            java.util.function.BiFunction<URI, Map<String, String>, Uni<T>> send) {
        return credentials.resolve(request.options()).chain(auth -> {
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
        return new Answer(entity, response.getHeaderString("x-amzn-RequestId"));
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

    /** A successful answer's body and AWS request id. */
    private record Answer(byte[] body, String requestId) {
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
                .build(BedrockRestApi.class));
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
