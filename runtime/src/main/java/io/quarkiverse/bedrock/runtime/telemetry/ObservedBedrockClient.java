package io.quarkiverse.bedrock.runtime.telemetry;

import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockOptions;
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
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * A client that reports every operation of the client it wraps to the {@link OperationObserver}s (spans, metrics,
 * recent requests): chat, stream, generateObject and streamObject (as chat), embeddings, count tokens, guardrails, asynchronous
 * invocations and speech sessions. Each subscription is one operation: it starts when subscribed and ends on the
 * answer, the failure or the cancellation.
 */
public final class ObservedBedrockClient implements BedrockClient {

    /** The {@code requestMetadata} entry holding the trace id. */
    public static final String TRACE_ID = "trace_id";

    private final BedrockClient delegate;
    private final String client;
    private final OperationObserver[] observers;
    private final ServerAddress server;
    private final Function<ChatRequest, Boolean> usesConverse;
    private final boolean traceIdInRequestMetadata;

    /**
     * @param delegate the client doing the work
     * @param client the client's name
     * @param observers the observers, at least one
     * @param server where the client sends
     * @param usesConverse whether a request goes to the Converse API (null when it cannot tell)
     */
    public ObservedBedrockClient(BedrockClient delegate, String client, OperationObserver[] observers,
            ServerAddress server, Function<ChatRequest, Boolean> usesConverse) {
        this(delegate, client, observers, server, usesConverse, false);
    }

    /**
     * @param delegate the client doing the work
     * @param client the client's name
     * @param observers the observers, at least one
     * @param server where the client sends
     * @param usesConverse whether a request goes to the Converse API (null when it cannot tell)
     * @param traceIdInRequestMetadata whether chat requests carry the span's trace id in {@code requestMetadata}
     */
    public ObservedBedrockClient(BedrockClient delegate, String client, OperationObserver[] observers,
            ServerAddress server, Function<ChatRequest, Boolean> usesConverse, boolean traceIdInRequestMetadata) {
        this.traceIdInRequestMetadata = traceIdInRequestMetadata;
        this.delegate = delegate;
        this.client = client;
        this.observers = observers.clone();
        this.server = server;
        this.usesConverse = usesConverse;
    }

    /** @return the wrapped client */
    public BedrockClient delegate() {
        return delegate;
    }

    @Override
    public Uni<ChatResponse> chat(ChatRequest request) {
        return Uni.createFrom().deferred(() -> {
            Operation op = chatOperation(request, false);
            Observation o = start(op);
            return WithContext.uni(delegate.chat(correlated(request, o)), CallListeners.of(o))
                    .onItem().invoke(r -> o.succeeded(new Outcome(r.requestId(), r.modelId(), r.stopReason(), r.usage(),
                            op.api(), -1, r.text())))
                    .onFailure().invoke(o::failed)
                    .onCancellation().invoke(o::cancelled);
        });
    }

    @Override
    public Multi<Chunk> stream(ChatRequest request) {
        return Multi.createFrom().deferred(() -> {
            Operation op = chatOperation(request, true);
            long start = System.nanoTime();
            Observation o = start(op, start);
            StreamWatch watch = new StreamWatch(o, op.model(), start, op.api());
            return WatchedStream.of(delegate.stream(correlated(request, o)), CallListeners.of(o), watch, watch::onChunk);
        });
    }

    @Override
    public Uni<EmbedResponse> embed(EmbedRequest request) {
        return Uni.createFrom().deferred(() -> {
            String model = request.modelId().value();
            Operation op = new Operation(client, Operation.EMBEDDINGS, model, false, "invoke", null,
                    guardrail(request.options()), server);
            Observation o = start(op);
            return WithContext.uni(delegate.embed(request), CallListeners.of(o))
                    .onItem().invoke(r -> o.succeeded(new Outcome(
                            r.requestIds().isEmpty() ? null : r.requestIds().get(0), r.modelId(), null, null, "invoke",
                            r.inputTokens(), null)))
                    .onFailure().invoke(o::failed)
                    .onCancellation().invoke(o::cancelled);
        });
    }

    @Override
    public Uni<Integer> countTokens(ChatRequest request) {
        return Uni.createFrom().deferred(() -> {
            Operation op = new Operation(client, Operation.COUNT_TOKENS, request.modelId().value(), false,
                    "count-tokens", request, guardrail(request.options()), server);
            Observation o = start(op);
            return WithContext.uni(delegate.countTokens(request), CallListeners.of(o))
                    .onItem().invoke(n -> o.succeeded(new Outcome(null, op.model(), null, null, op.api(), n, null)))
                    .onFailure().invoke(o::failed)
                    .onCancellation().invoke(o::cancelled);
        });
    }

    /** A {@code chat} operation, like the chat call it makes. */
    @Override
    public Uni<ObjectResponse<JsonNode>> generateObject(ChatRequest request, JsonNode schema) {
        return observedObject(request, () -> delegate.generateObject(request, schema));
    }

    /** A {@code chat} operation, like the chat call it makes. */
    @Override
    public <T> Uni<ObjectResponse<T>> generateObject(ChatRequest request, Class<T> type) {
        return observedObject(request, () -> delegate.generateObject(request, type));
    }

    private <T> Uni<ObjectResponse<T>> observedObject(ChatRequest request, Supplier<Uni<ObjectResponse<T>>> call) {
        return observe(() -> chatOperation(request, false), call, o -> {
            ChatResponse r = o.response();
            return new Outcome(r.requestId(), r.modelId(), r.stopReason(), r.usage(), null, -1, r.text());
        });
    }

    /** A streamed {@code chat} operation, like the stream it makes. */
    @Override
    public Multi<ObjectChunk<JsonNode>> streamObject(ChatRequest request, JsonNode schema) {
        return observedObjects(request, () -> delegate.streamObject(request, schema));
    }

    /** A streamed {@code chat} operation, like the stream it makes. */
    @Override
    public <T> Multi<ObjectChunk<T>> streamObject(ChatRequest request, Class<T> type) {
        return observedObjects(request, () -> delegate.streamObject(request, type));
    }

    private <T> Multi<ObjectChunk<T>> observedObjects(ChatRequest request, Supplier<Multi<ObjectChunk<T>>> call) {
        return Multi.createFrom().deferred(() -> {
            Operation op = chatOperation(request, true);
            long start = System.nanoTime();
            Observation o = start(op, start);
            StreamWatch watch = new StreamWatch(o, op.model(), start, op.api());
            return WatchedStream.of(call.get(), CallListeners.of(o), watch, watch::onObjectChunk);
        });
    }

    private Operation chatOperation(ChatRequest request, boolean stream) {
        Boolean converse = usesConverse.apply(request);
        String api = converse == null ? null
                : converse ? (stream ? "converse-stream" : "converse")
                        : (stream ? "invoke-with-response-stream" : "invoke");
        return new Operation(client, Operation.CHAT, request.modelId().value(), stream, api, request,
                guardrail(request.options()), server);
    }

    /** The request with the span's trace id in its {@code requestMetadata}, when asked for. */
    private ChatRequest correlated(ChatRequest request, Observation o) {
        String traceId = traceIdInRequestMetadata ? o.traceId() : null;
        if (traceId == null) {
            return request;
        }
        return request.toBuilder()
                .options(request.options().toBuilder().requestMetadata(Map.of(TRACE_ID, traceId)).build()).build();
    }

    private static String guardrail(BedrockOptions options) {
        Map<String, Object> config = options.guardrailConfig();
        Object id = config.get("guardrailIdentifier");
        return id == null ? null : id.toString();
    }

    Observation start(Operation op) {
        return start(op, System.nanoTime());
    }

    /** @return an operation of this client that has no chat request */
    Operation operation(String name, String model, String api, String guardrailId) {
        return new Operation(client, name, model, false, api, null, guardrailId, server);
    }

    /**
     * Observes one call of the operations beside chat (guardrails, async invocations): started at subscription, ended by
     * its answer, failure or cancellation.
     */
    <T> Uni<T> observe(Supplier<Operation> op, Supplier<Uni<T>> call, Function<T, Outcome> outcome) {
        return Uni.createFrom().deferred(() -> {
            Observation o = start(op.get());
            return WithContext.uni(call.get(), CallListeners.of(o))
                    .onItem().invoke(r -> o.succeeded(outcome.apply(r)))
                    .onFailure().invoke(o::failed)
                    .onCancellation().invoke(o::cancelled);
        });
    }

    Observation start(Operation op, long startNanos) {
        if (observers.length == 1) {
            return observers[0].start(op, startNanos);
        }
        Observation[] all = new Observation[observers.length];
        for (int i = 0; i < observers.length; i++) {
            all[i] = observers[i].start(op, startNanos);
        }
        return new CompositeObservation(all);
    }

    /** One {@code chat} span per session, from the subscription to its events to their end. */
    @Override
    public SpeechSession speech(SpeechSessionRequest request) {
        return new ObservedSpeechSession(delegate.speech(request), this,
                new Operation(client, Operation.CHAT, request.modelId().value(), true, ObservedSpeechSession.API, null,
                        null, server));
    }

    /** {@code apply_guardrail} and {@code invoke_guardrail_checks} operations (the conventions define none). */
    @Override
    public Guardrails guardrails() {
        return new ObservedGuardrails(delegate.guardrails(), this);
    }

    /** One operation per call: start, get, one list page, and await (its polls included). */
    @Override
    public AsyncInvokes asyncInvokes() {
        return new ObservedAsyncInvokes(delegate.asyncInvokes(), this);
    }
}
