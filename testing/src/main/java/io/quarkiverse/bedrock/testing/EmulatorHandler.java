package io.quarkiverse.bedrock.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.runtime.auth.PercentEncoding;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

/** Answers one HTTP request: authentication, scripted reply or fault, then the operation. */
final class EmulatorHandler implements Handler<HttpServerRequest> {

    /** Request header choosing the replay fixture scenario (file name without .json) among those of the model. */
    static final String SCENARIO_HEADER = "X-Bedrock-Emulator-Scenario";

    private static final Pattern OPERATION = Pattern
            .compile("^/model/([^/]+)/(converse|converse-stream|invoke|invoke-with-response-stream|count-tokens)$");
    private static final String EVENT_STREAM = "application/vnd.amazon.eventstream";

    private final Vertx vertx;
    private final BedrockEmulator emulator;
    private final SigV4Verifier verifier;

    EmulatorHandler(Vertx vertx, BedrockEmulator emulator, SigV4Verifier verifier) {
        this.vertx = vertx;
        this.emulator = emulator;
        this.verifier = verifier;
    }

    @Override
    public void handle(HttpServerRequest request) {
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
        Matcher m = OPERATION.matcher(rawPath);
        String modelId = m.matches() ? PercentEncoding.decode(m.group(1)) : null;
        String operation = m.matches() ? m.group(2) : null;
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
                    name -> header(request, name), body);
            if (denied.isPresent()) {
                denied.get().write(request.response());
                return;
            }
        }
        if (operation == null || request.method() != HttpMethod.POST) {
            new AwsError(404, "UnknownOperationException", null == operation
                    ? "No Bedrock Runtime operation at " + request.method() + " " + rawPath
                            + " (the emulator serves POST /model/{modelId}/converse, converse-stream, invoke,"
                            + " invoke-with-response-stream and count-tokens)"
                    : "Use POST for " + operation)
                    .write(request.response());
            return;
        }
        Reply reply = emulator.nextReply();
        Fault fault = chooseFault(request, reply, options);
        if (fault != null && !fault.isStreamFault()) {
            httpFault(fault).write(request.response());
            return;
        }
        boolean streaming = operation.equals("converse-stream") || operation.equals("invoke-with-response-stream");
        if (fault != null && !streaming && fault.isExceptionEvent()) {
            StreamExceptions.httpError(fault).write(request.response());
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
                converse(player, body, reply, fault, options);
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

    private static AwsError httpFault(Fault fault) {
        switch (fault) {
            case THROTTLING:
                return AwsError.throttling();
            case SERVICE_UNAVAILABLE:
                return AwsError.unavailable();
            default:
                return AwsError.internal();
        }
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

    private void converse(ResponsePlayer player, byte[] body, Reply reply, Fault fault, EmulatorOptions options) {
        Prompt prompt = ConverseCodec.parse(Json.parseObject(body));
        Answer a = AnswerPlanner.plan(prompt, reply, options);
        Buffer out = Buffer.buffer(ConverseCodec.response(a, latency(a, options)).toString());
        player.body(200, jsonHeaders(), out, fault, totalDelay(a, options));
    }

    private void converseStream(ResponsePlayer player, String modelId, byte[] body, Reply reply, Fault fault,
            EmulatorOptions options) {
        Prompt prompt = ConverseCodec.parse(Json.parseObject(body));
        if (!prompt.tools().isEmpty() && ModelFamily.rejectsConverseStreamingTools(modelId)) {
            throw BadRequest.validation("This model doesn't support tool use in streaming mode.");
        }
        Answer a = AnswerPlanner.plan(prompt, reply, options);
        List<Buffer> frames = new ArrayList<>();
        List<StreamEvent> events = ConverseCodec.events(a, latency(a, options));
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

    private static void rejectStreamingTools(String modelId, Prompt prompt) {
        if (!prompt.tools().isEmpty() && ModelFamily.rejectsStreamingTools(modelId)) {
            throw BadRequest.validation("This model doesn't support tool use in streaming mode.");
        }
    }

    private void invoke(ResponsePlayer player, String modelId, byte[] body, Reply reply, Fault fault,
            EmulatorOptions options) {
        NativeCodec codec = ModelFamily.of(modelId).codec();
        JsonNode json = Json.parseObject(body);
        ObjectNode direct = codec.direct(json);
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
        if (codec.direct(json) != null) {
            throw BadRequest.validation("The model is unsupported for streaming.");
        }
        Prompt prompt = codec.parse(json);
        rejectStreamingTools(modelId, prompt);
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
            byte[] nativeBody;
            try {
                nativeBody = Base64.getDecoder().decode(raw.asText(""));
            } catch (IllegalArgumentException e) {
                nativeBody = raw.asText("").getBytes(StandardCharsets.UTF_8);
            }
            tokens = ModelFamily.of(modelId).codec().parse(Json.parseObject(nativeBody)).inputTokens();
        } else {
            throw BadRequest.validation("The input must contain either 'converse' or 'invokeModel'.");
        }
        player.body(200, jsonHeaders(), Buffer.buffer(Json.object().put("inputTokens", tokens).toString()), null,
                Duration.ZERO);
    }
}
