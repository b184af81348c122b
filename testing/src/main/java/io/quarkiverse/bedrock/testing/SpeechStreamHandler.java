package io.quarkiverse.bedrock.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.runtime.auth.PercentEncoding;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamEncoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;

/**
 * Serves {@code POST /model/{modelId}/invoke-with-bidirectional-stream} over HTTP/2 (h2c): checks the request's
 * streaming signature and every envelope's chained signature, decodes the input events as they arrive and answers
 * with the {@link SonicConversation}'s output events as they are produced, full duplex.
 */
final class SpeechStreamHandler {

    /** The operation's path suffix. */
    static final String SUFFIX = "/invoke-with-bidirectional-stream";

    private static final ObjectMapper JSON = new ObjectMapper();

    private SpeechStreamHandler() {
    }

    /** @return whether the request is a bidirectional stream, which this class serves instead of the usual handler */
    static boolean serves(HttpServerRequest request) {
        return request.path().startsWith("/model/") && request.path().endsWith(SUFFIX);
    }

    /** Serves one bidirectional stream; records it (without body) in the emulator. */
    static void handle(Vertx vertx, HttpServerRequest request, BedrockEmulator emulator) {
        String rawPath = request.path();
        String modelId = PercentEncoding.decode(rawPath.substring("/model/".length(), rawPath.length() - SUFFIX.length()));
        Map<String, String> headers = new LinkedHashMap<>();
        request.headers().forEach(e -> headers.putIfAbsent(e.getKey().toLowerCase(Locale.ROOT), e.getValue()));
        if (request.authority() != null) {
            headers.putIfAbsent("host", request.authority().toString());
        }
        emulator.record(new RecordedRequest(request.method().name(), rawPath, modelId, "invoke-with-bidirectional-stream",
                headers, new byte[0], request.version() == HttpVersion.HTTP_2 ? "HTTP/2" : "HTTP/1.1"));
        if (request.method() != HttpMethod.POST) {
            new AwsError(404, "UnknownOperationException", "Use POST for invoke-with-bidirectional-stream")
                    .write(request.response());
            return;
        }
        if (request.version() != HttpVersion.HTTP_2) {
            new AwsError(400, "ValidationException",
                    "InvokeModelWithBidirectionalStream needs HTTP/2").write(request.response());
            return;
        }
        SpeechSignatureVerifier verifier = new SpeechSignatureVerifier();
        if (emulator.options().verifySignatures()) {
            Optional<AwsError> denied = verifier.verifyRequest(request.uri(), name -> header(request, headers, name));
            if (denied.isPresent()) {
                denied.get().write(request.response());
                return;
            }
        }
        new Stream(vertx, request, emulator.options().verifySignatures() ? verifier : null, emulator.streamStats())
                .start();
    }

    private static String header(HttpServerRequest request, Map<String, String> headers, String name) {
        String value = request.getHeader(name);
        return value != null ? value : headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** One stream's state. */
    private static final class Stream {
        private final Vertx vertx;
        private final HttpServerRequest request;
        private final HttpServerResponse response;
        private final SpeechSignatureVerifier verifier;
        private final EventStreamDecoder decoder = new EventStreamDecoder();
        private final SonicConversation conversation = new SonicConversation();
        private final StreamStats stats;
        /** Frames waiting for the client to read: written as the HTTP/2 window allows. */
        private final java.util.ArrayDeque<Buffer> pending = new java.util.ArrayDeque<>();
        private boolean paused;
        private boolean ending;
        private boolean over;
        private long capTimer = -1;

        Stream(Vertx vertx, HttpServerRequest request, SpeechSignatureVerifier verifier, StreamStats stats) {
            this.vertx = vertx;
            this.request = request;
            this.response = request.response();
            this.verifier = verifier;
            this.stats = stats;
        }

        void start() {
            response.setStatusCode(200).putHeader("Content-Type", "application/vnd.amazon.eventstream")
                    .putHeader("x-amzn-RequestId", UUID.randomUUID().toString()).setChunked(true);
            response.writeHead();
            stats.onStart();
            request.handler(this::received);
            request.endHandler(ignored -> {
                if (!over) {
                    finish();
                }
            });
            request.exceptionHandler(ignored -> stop());
            response.closeHandler(ignored -> stop());
        }

        private void received(Buffer chunk) {
            if (over) {
                return;
            }
            try {
                for (EventStreamMessage envelope : decoder.feed(chunk)) {
                    if (verifier != null) {
                        Optional<String> refused = verifier.verifyEnvelope(envelope);
                        if (refused.isPresent()) {
                            exception("validationException", "InvalidSignatureException: " + refused.get());
                            return;
                        }
                    }
                    if (envelope.payload().length() == 0) {
                        continue; // the closing envelope
                    }
                    EventStreamMessage event = new EventStreamDecoder().feed(envelope.payload()).get(0);
                    JsonNode chunkJson = JSON.readTree(event.payloadAsString());
                    byte[] input = Base64.getDecoder().decode(chunkJson.path("bytes").asText());
                    act(conversation.accept(JSON.readTree(new String(input, StandardCharsets.UTF_8))));
                    if (over) {
                        return;
                    }
                }
            } catch (java.io.IOException | RuntimeException e) {
                exception("validationException", "Malformed input event: " + e.getMessage());
            }
        }

        private void act(SonicConversation.Step step) {
            step.events().forEach(this::send);
            if (conversation.capMillis() >= 0 && capTimer < 0) {
                capTimer = vertx.setTimer(Math.max(1, conversation.capMillis()), id -> {
                    if (!over) {
                        exception("modelTimeoutException", "Session timed out: the bidirectional stream reached its limit");
                    }
                });
            }
            switch (step.action()) {
                case EXCEPTION -> exception("modelStreamErrorException", "The model stream failed (scripted fault)");
                case STALL -> {
                    request.pause();
                    vertx.setTimer(Math.max(1, conversation.stallMillis()), id -> request.resume());
                }
                case DROP -> {
                    over = true;
                    request.connection().close();
                }
                default -> {
                }
            }
        }

        private void send(String json) {
            String bytes = Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
            pending.add(EventStreamEncoder.encode(EventStreamMessage.jsonEvent("chunk",
                    JSON.createObjectNode().put("bytes", bytes).toString())));
            flush();
        }

        /** Writes what waits while the client reads; ends the answer once everything is written, if asked. */
        private void flush() {
            while (!pending.isEmpty()) {
                if (response.writeQueueFull()) {
                    if (!paused) {
                        paused = true;
                        stats.onPause();
                        response.drainHandler(ignored -> {
                            paused = false;
                            stats.onResume();
                            flush();
                        });
                    }
                    return;
                }
                response.write(pending.poll());
                stats.onFrame();
            }
            if (ending && !response.ended()) {
                response.end();
                stats.onComplete();
            }
        }

        private void exception(String type, String message) {
            if (over) {
                return;
            }
            pending.add(EventStreamEncoder.encode(EventStreamMessage.jsonException(type,
                    JSON.createObjectNode().put("message", message).toString())));
            finish();
        }

        private void finish() {
            over = true;
            if (capTimer >= 0) {
                vertx.cancelTimer(capTimer);
            }
            ending = true;
            flush();
        }

        private void stop() {
            if (!ending && !over) {
                stats.onClosedEarly();
            }
            if (paused) {
                paused = false;
                stats.onResume();
            }
            over = true;
            pending.clear();
            if (capTimer >= 0) {
                vertx.cancelTimer(capTimer);
            }
        }
    }
}
