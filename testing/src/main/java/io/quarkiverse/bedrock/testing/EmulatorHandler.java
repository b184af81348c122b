package io.quarkiverse.bedrock.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.runtime.catalog.ModelCapabilities;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;

/** Answers one HTTP request: authentication, scripted reply or fault, then the operation. */
final class EmulatorHandler implements Handler<HttpServerRequest> {

    /** Request header choosing the replay fixture scenario (file name without .json) among those of the model. */
    static final String SCENARIO_HEADER = "X-Bedrock-Emulator-Scenario";

    private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";
    /** IMF-fixdate (RFC 9110), as every AWS answer carries it. */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);

    private final Vertx vertx;
    private final BedrockEmulator emulator;
    private final SigV4Verifier verifier;
    private final Routes routes;

    EmulatorHandler(Vertx vertx, BedrockEmulator emulator, SigV4Verifier verifier) {
        this.vertx = vertx;
        this.emulator = emulator;
        this.verifier = verifier;
        this.routes = new Routes(routes(new GuardrailOperations(), new AsyncInvokes(emulator)));
    }

    /** @return the routes, for tests */
    Routes routes() {
        return routes;
    }

    @Override
    public void handle(HttpServerRequest request) {
        request.response().putHeader("Date", HTTP_DATE.format(emulator.clock().instant()));
        if (SpeechStreamHandler.serves(request)) { // full duplex: the body is read as it arrives, not whole
            SpeechStreamHandler.handle(vertx, request, emulator);
            return;
        }
        request.body().onSuccess(body -> {
            try {
                process(request, body.getBytes());
            } catch (BadRequest e) {
                e.error().write(request.response());
            } catch (RuntimeException e) {
                new AwsError(500, "InternalServerException", "Emulator failure: " + e).write(request.response());
            }
        }).onFailure(e -> request.connection().close());
    }

    private void process(HttpServerRequest request, byte[] body) {
        String rawPath = request.path();
        if (StreamTimings.PATH.equals(rawPath)) {
            streamTimings(request);
            return;
        }
        Routes.Matched matched = routes.find(request.method(), rawPath).orElse(null);
        String modelId = matched == null ? null : matched.labels().get("modelId");
        String operation = matched == null ? null : matched.route().recordedName();
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(e -> headers.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        String host = header(request, "host");
        if (host != null) {
            headers.putIfAbsent("host", host);
        }
        String version = switch (request.version()) {
            case HTTP_2 -> "HTTP/2";
            case HTTP_1_0 -> "HTTP/1.0";
            default -> "HTTP/1.1";
        };
        emulator.record(new RecordedRequest(request.method().name(), rawPath, modelId, operation, headers, body, version));

        EmulatorOptions options = emulator.options();
        if (options.verifySignatures()) {
            Optional<AwsError> denied = verifier.verify(request.method().name(), request.uri(),
                    name -> headerValues(request, name), body);
            if (denied.isPresent()) {
                denied.get().write(request.response());
                return;
            }
        }
        if (matched == null) {
            List<Route> samePath = routes.byPath(rawPath);
            new AwsError(404, "UnknownOperationException", samePath.isEmpty()
                    ? "No Bedrock Runtime operation at " + request.method() + " " + rawPath
                    : "Use " + samePath.get(0).method() + " for " + samePath.get(0).operation())
                    .write(request.response());
            return;
        }
        if (!matched.route().template().startsWith("/model/") && otherOperationFault(request, options)) {
            return;
        }
        matched.route().handler().serve(request, body, matched.labels());
    }

    /** Throttles and error faults for the operations without a model (guardrails, async invocations). */
    private boolean otherOperationFault(HttpServerRequest request, EmulatorOptions options) {
        if (emulator.takeThrottle()) {
            AwsError.throttling().write(request.response(), options.retryAfter());
            return true;
        }
        Fault fault = chooseFault(request, null, options);
        if (fault == Fault.GO_AWAY) {
            turnAway(request);
            return true;
        }
        if (fault != null && fault.kind() == Fault.Kind.HTTP_ERROR) {
            AwsError error = AwsError.forFault(fault);
            error.write(request.response(), error.status() == 429 ? options.retryAfter() : null);
            return true;
        }
        return false;
    }

    /**
     * THE place where a route is added: every operation of the Bedrock Runtime service model the emulator serves,
     * with the model's name, method and request URI ({@code OperationRoutesTest} checks them against the model).
     */
    private List<Route> routes(GuardrailOperations guardrails, AsyncInvokes async) {
        return List.of(
                Route.of("Converse", HttpMethod.POST, "/model/{modelId}/converse", this::modelOperation),
                Route.of("ConverseStream", HttpMethod.POST, "/model/{modelId}/converse-stream", this::modelOperation),
                Route.of("InvokeModel", HttpMethod.POST, "/model/{modelId}/invoke", this::modelOperation),
                Route.of("InvokeModelWithResponseStream", HttpMethod.POST, "/model/{modelId}/invoke-with-response-stream",
                        this::modelOperation),
                Route.of("CountTokens", HttpMethod.POST, "/model/{modelId}/count-tokens", this::modelOperation),
                Route.of("ApplyGuardrail", HttpMethod.POST,
                        "/guardrail/{guardrailIdentifier}/version/{guardrailVersion}/apply", guardrails::apply),
                Route.of("InvokeGuardrailChecks", HttpMethod.POST, "/guardrail-checks/invoke", guardrails::checks),
                Route.of("StartAsyncInvoke", HttpMethod.POST, "/async-invoke", async::start),
                Route.of("GetAsyncInvoke", HttpMethod.GET, "/async-invoke/{invocationArn}", async::get),
                Route.of("ListAsyncInvokes", HttpMethod.GET, "/async-invoke", async::list),
                // full duplex: handle() hands it to SpeechStreamHandler before any body is read, never through here
                Route.of("InvokeModelWithBidirectionalStream", HttpMethod.POST,
                        "/model/{modelId}/invoke-with-bidirectional-stream", (request, body, labels) -> {
                            throw new IllegalStateException("the bidirectional stream is served before its body is read");
                        }));
    }

    /**
     * {@link Fault#GO_AWAY}: over HTTP/2, a GOAWAY whose last stream is the one before this request's (client streams
     * are odd: this one and any later are refused unprocessed); over HTTP/1.1 the connection closes unanswered.
     */
    private static void turnAway(HttpServerRequest request) {
        if (request.version() == HttpVersion.HTTP_2) {
            request.connection().goAway(0, Math.max(0, request.streamId() - 2));
        } else {
            request.connection().close();
        }
    }

    /** Converse, ConverseStream, InvokeModel, InvokeModelWithResponseStream and CountTokens. */
    private void modelOperation(HttpServerRequest request, byte[] body, Map<String, String> labels) {
        String modelId = labels.get("modelId");
        String rawPath = request.path();
        String operation = rawPath.substring(rawPath.lastIndexOf('/') + 1);
        EmulatorOptions options = emulator.options();
        if (options.strict()) {
            checkLikeBedrock(modelId, operation, body);
        }
        if (emulator.takeThrottle()) {
            AwsError.throttling().write(request.response(), options.retryAfter());
            return;
        }
        Reply reply = emulator.nextReply();
        Fault fault = chooseFault(request, reply, options);
        if (fault == Fault.GO_AWAY) {
            turnAway(request);
            return;
        }
        boolean streaming = operation.equals("converse-stream") || operation.equals("invoke-with-response-stream");
        if (fault != null && (fault.kind() == Fault.Kind.HTTP_ERROR
                || (fault.isExceptionEvent() && (!streaming || !StreamExceptions.inUnion(fault, operation))))) {
            AwsError error = AwsError.forFault(fault);
            error.write(request.response(), error.status() == 429 ? options.retryAfter() : null);
            return;
        }
        ReplayFixture fixture = chooseFixture(request, reply, modelId, operation, options);
        ResponsePlayer player = new ResponsePlayer(vertx, request, emulator.streamStats(), emulator.streamTimings());
        if (fixture != null) {
            replay(player, fixture, fault, options);
            return;
        }
        switch (operation) {
            case "converse":
                converse(player, modelId, body, reply, fault, options);
                break;
            case "converse-stream":
                converseStream(player, modelId, body, reply, fault, options);
                break;
            case "invoke":
                invoke(player, modelId, body, reply, fault, options);
                break;
            case "invoke-with-response-stream":
                invokeStream(player, modelId, body, reply, fault, options);
                break;
            default:
                countTokens(player, modelId, body);
        }
    }

    /** The strictness rules, all behind {@link EmulatorOptions#strict()}: the model, the conversation, capabilities. */
    private void checkLikeBedrock(String modelId, String operation, byte[] body) {
        Optional<ModelCapabilities> model = ModelRules.check(emulator.catalog(), modelId, operation);
        boolean streaming = operation.equals("converse-stream") || operation.equals("invoke-with-response-stream");
        JsonNode json = Json.parseObject(body);
        switch (operation) {
            case "converse", "converse-stream" -> checkConverse(modelId, json, model, streaming);
            case "invoke", "invoke-with-response-stream" -> checkNative(modelId, json, model, streaming);
            default -> {
                JsonNode input = json.path("input");
                if (input.has("converse")) {
                    checkConverse(modelId, input.get("converse"), model, false);
                } else if (input.path("invokeModel").has("body")) {
                    checkNative(modelId, Json.parseObject(decodeCountTokensBody(input.get("invokeModel").get("body"))),
                            model, false);
                }
            }
        }
    }

    private static void checkConverse(String modelId, JsonNode json, Optional<ModelCapabilities> model,
            boolean streaming) {
        boolean prompt = isPrompt(modelId);
        if (prompt) {
            ModelRules.promptRequest(json);
        }
        if (!prompt || !json.path("messages").isEmpty()) {
            ConversationRules.check(json, model);
        }
        model.ifPresent(m -> ModelRules.capabilities(m, ConverseCodec.parse(json, prompt), streaming, false));
    }

    /** @return whether the (decoded) model id is the ARN of a Prompt management prompt */
    private static boolean isPrompt(String modelId) {
        return modelId.startsWith("arn:") && modelId.contains(":prompt/");
    }

    private static void checkNative(String modelId, JsonNode json, Optional<ModelCapabilities> model,
            boolean streaming) {
        ModelFamily family = ModelFamily.of(modelId);
        if (family.codec().direct(json, modelId) != null) {
            model.filter(ModelCapabilities::embeddings).ifPresent(m -> ModelRules.embeddingSize(m, json));
            return;
        }
        NativeRules.check(family, json, family.codec().parse(json), model, streaming);
    }

    private static byte[] decodeCountTokensBody(JsonNode raw) {
        try {
            return Base64.getDecoder().decode(raw.asText(""));
        } catch (IllegalArgumentException e) {
            return raw.asText("").getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The admin endpoint: GET reads the {@link StreamTimings}, DELETE clears them. Not signed, not recorded. */
    private void streamTimings(HttpServerRequest request) {
        StreamTimings timings = emulator.streamTimings();
        if (request.method() == HttpMethod.GET) {
            request.response().putHeader("Content-Type", "application/json").end(timings.toJson().toString());
        } else if (request.method() == HttpMethod.DELETE) {
            timings.clear();
            request.response().setStatusCode(204).end();
        } else {
            new AwsError(405, "UnknownOperationException", "Use GET or DELETE on " + StreamTimings.PATH)
                    .write(request.response());
        }
    }

    /** Every value of a header; for {@code host}, the HTTP/2 {@code :authority} that replaces it. */
    private static List<String> headerValues(HttpServerRequest request, String name) {
        List<String> values = request.headers().getAll(name);
        if (values.isEmpty() && (name.equalsIgnoreCase("host") || name.equals(":authority"))) {
            String host = header(request, "host");
            return host == null ? List.of() : List.of(host);
        }
        return values;
    }

    /** The Host header, or the HTTP/2 {@code :authority} that replaces it. */
    private static String header(HttpServerRequest request, String name) {
        String value = request.getHeader(name);
        if (value == null && name.equalsIgnoreCase("host") && request.authority() != null) {
            value = request.authority().toString();
        }
        return value;
    }

    private static Fault chooseFault(HttpServerRequest request, Reply reply, EmulatorOptions options) {
        String header = request.getHeader(Fault.HEADER);
        if (header != null && !header.isBlank()) {
            try {
                return Fault.parse(header);
            } catch (IllegalArgumentException e) {
                throw BadRequest.validation(e.getMessage());
            }
        }
        if (reply != null && reply.fault() != null) {
            return reply.fault();
        }
        return options.fault();
    }

    private ReplayFixture chooseFixture(HttpServerRequest request, Reply reply, String modelId, String operation,
            EmulatorOptions options) {
        if (reply != null && reply.replay() != null) {
            return ReplayFixture.load(reply.replay());
        }
        if (options.replayDirectory() == null) {
            return null;
        }
        String scenario = request.getHeader(SCENARIO_HEADER);
        ReplayFixture first = null;
        for (ReplayFixture f : emulator.fixtures(options.replayDirectory())) {
            if (f.modelId().equals(modelId) && f.operation().equals(operation)) {
                if (scenario == null || scenario.equals(f.scenario())) {
                    return f;
                }
                if (first == null) {
                    first = f;
                }
            }
        }
        return scenario == null ? first : null;
    }

    private static void replay(ResponsePlayer player, ReplayFixture fixture, Fault fault, EmulatorOptions options) {
        Map<String, String> headers = new LinkedHashMap<>(fixture.headers());
        if (fixture.isStream()) {
            player.stream(headers, fixture.reads(), fault, options.firstByteDelay(), options.interTokenDelay(), -1);
        } else {
            player.body(fixture.status(), headers, fixture.body(), fault, options.firstByteDelay());
        }
    }

    private static long latency(Answer a, EmulatorOptions options) {
        int events = a.thinking().size() + a.textTokens().size() + a.toolCalls().size() + 1;
        return Math.max(1, options.firstByteDelay().toMillis() + events * options.interTokenDelay().toMillis());
    }

    /** Non-streaming answers take as long as the stream would have: first byte, then one delay per token. */
    private static Duration totalDelay(Answer a, EmulatorOptions options) {
        int events = a.thinking().size() + a.textTokens().size() + a.toolCalls().size();
        return options.firstByteDelay().plus(options.interTokenDelay().multipliedBy(events));
    }

    private static Map<String, String> jsonHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", "application/json");
        h.put("x-amzn-RequestId", UUID.randomUUID().toString());
        return h;
    }

    private static Map<String, String> streamHeaders(boolean invoke) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Content-Type", EVENT_STREAM);
        h.put("x-amzn-RequestId", UUID.randomUUID().toString());
        if (invoke) {
            h.put("X-Amzn-Bedrock-Content-Type", "application/json");
        }
        return h;
    }

    private void converse(ResponsePlayer player, String modelId, byte[] body, Reply reply, Fault fault,
            EmulatorOptions options) {
        JsonNode request = Json.parseObject(body);
        RequestMetadataRule.check(request);
        ConverseGuardrails guardrails = ConverseGuardrails.of(request);
        Prompt prompt = ConverseCodec.parse(request, isPrompt(modelId));
        Answer a = AnswerPlanner.plan(prompt, reply, options);
        ObjectNode response = ConverseCodec.response(a, latency(a, options), emulator.promptCache().use(modelId, request));
        Buffer out = Buffer.buffer((guardrails == null ? response : guardrails.response(response)).toString());
        player.body(200, jsonHeaders(), out, fault, totalDelay(a, options));
    }

    private void converseStream(ResponsePlayer player, String modelId, byte[] body, Reply reply, Fault fault,
            EmulatorOptions options) {
        JsonNode request = Json.parseObject(body);
        RequestMetadataRule.check(request);
        ConverseGuardrails guardrails = ConverseGuardrails.of(request);
        Prompt prompt = ConverseCodec.parse(request, isPrompt(modelId));
        Answer a = AnswerPlanner.plan(prompt, reply, options);
        List<Buffer> frames = new ArrayList<>();
        List<StreamEvent> events = ConverseCodec.events(a, latency(a, options),
                emulator.promptCache().use(modelId, request));
        if (guardrails != null) {
            events = guardrails.events(events);
        }
        int firstText = -1;
        for (int i = 0; i < events.size(); i++) {
            StreamEvent e = events.get(i);
            frames.add(Frames.event(e, i));
            if (firstText < 0 && e.type().equals("contentBlockDelta") && e.payload().path("delta").has("text")) {
                firstText = i;
            }
        }
        player.stream(streamHeaders(false), frames, fault, options.firstByteDelay(), options.interTokenDelay(), firstText);
    }

    private void invoke(ResponsePlayer player, String modelId, byte[] body, Reply reply, Fault fault,
            EmulatorOptions options) {
        NativeCodec codec = ModelFamily.of(modelId).codec();
        JsonNode json = Json.parseObject(body);
        ObjectNode direct = codec.direct(json, modelId);
        Map<String, String> headers = jsonHeaders();
        if (direct != null) {
            int tokens = Tokens.count(PromptBuilder.asText(json.get("texts")) + PromptBuilder.asText(json.get("inputText")));
            headers.put("X-Amzn-Bedrock-Input-Token-Count", Integer.toString(tokens));
            headers.put("X-Amzn-Bedrock-Output-Token-Count", "0");
            headers.put("X-Amzn-Bedrock-Invocation-Latency", "1");
            player.body(200, headers, Buffer.buffer(direct.toString()), fault, options.firstByteDelay());
            return;
        }
        Answer a = AnswerPlanner.plan(codec.parse(json), reply, options);
        long latency = latency(a, options);
        headers.put("X-Amzn-Bedrock-Input-Token-Count", Integer.toString(a.inputTokens()));
        headers.put("X-Amzn-Bedrock-Output-Token-Count", Integer.toString(a.outputTokens()));
        headers.put("X-Amzn-Bedrock-Invocation-Latency", Long.toString(latency));
        player.body(200, headers, Buffer.buffer(codec.response(a, modelId, latency).toString()), fault,
                totalDelay(a, options));
    }

    private void invokeStream(ResponsePlayer player, String modelId, byte[] body, Reply reply, Fault fault,
            EmulatorOptions options) {
        NativeCodec codec = ModelFamily.of(modelId).codec();
        JsonNode json = Json.parseObject(body);
        if (codec.direct(json, modelId) != null) {
            throw BadRequest.validation("The model is unsupported for streaming.");
        }
        Prompt prompt = codec.parse(json);
        Answer a = AnswerPlanner.plan(prompt, reply, options);
        List<ObjectNode> chunks = codec.chunks(a, modelId, latency(a, options));
        List<Buffer> frames = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            frames.add(Frames.chunk(chunks.get(i), i));
        }
        player.stream(streamHeaders(true), frames, fault, options.firstByteDelay(), options.interTokenDelay(), -1);
    }

    private void countTokens(ResponsePlayer player, String modelId, byte[] body) {
        JsonNode input = Json.parseObject(body).path("input");
        int tokens;
        if (input.has("converse")) {
            tokens = ConverseCodec.parse(input.get("converse")).inputTokens();
        } else if (input.has("invokeModel")) {
            JsonNode raw = input.get("invokeModel").path("body");
            byte[] nativeBody = decodeCountTokensBody(raw);
            tokens = ModelFamily.of(modelId).codec().parse(Json.parseObject(nativeBody)).inputTokens();
        } else {
            throw BadRequest.validation("The input must contain either 'converse' or 'invokeModel'.");
        }
        player.body(200, jsonHeaders(), Buffer.buffer(Json.object().put("inputTokens", tokens).toString()), null,
                Duration.ZERO);
    }
}
