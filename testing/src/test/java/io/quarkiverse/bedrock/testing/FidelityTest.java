package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;

/**
 * Fidelity of the emulator's answers: the Date header, the embeddings shapes, faults in their real shapes (and every
 * one documented), and the resilience helpers (throttle the next requests, Retry-After, trickle, close after answer).
 */
class FidelityTest extends EmulatorPerClass {

    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    @Test
    void everyAnswerHasADateHeader() {
        Instant at = Instant.parse("2026-03-07T08:09:10Z");
        try (BedrockEmulator pinned = BedrockEmulator.create(EmulatorOptions.defaults(), Clock.fixed(at, ZoneOffset.UTC))
                .start()) {
            SignedClient signed = new SignedClient(pinned).clock(Clock.fixed(at, ZoneOffset.UTC));
            String expected = "Sat, 07 Mar 2026 08:09:10 GMT";
            assertThat(signed.send(MODEL, "converse", SignedClient.converseBody("hi")).headers().firstValue("Date"))
                    .contains(expected);
            assertThat(signed.send(MODEL, "converse-stream", SignedClient.converseBody("hi")).headers()
                    .firstValue("Date")).contains(expected);
            assertThat(signed.send("acme.unknown", "converse", SignedClient.converseBody("hi")).headers()
                    .firstValue("Date")).contains(expected);
            assertThat(new SignedClient(pinned).send(MODEL, "converse", SignedClient.converseBody("hi")).statusCode())
                    .as("signed now, an hour away from the pinned clock").isEqualTo(403);
        }
    }

    @Test
    void titanTextEmbeddingsV2AnswerEmbeddingsByType() {
        JsonNode plain = SignedClient.json(client.send("amazon.titan-embed-text-v2:0", "invoke",
                "{\"inputText\":\"hello\",\"dimensions\":256}"));
        assertThat(plain.get("embedding")).hasSize(256);
        assertThat(plain.path("embeddingsByType").path("float")).isEqualTo(plain.get("embedding"));
        assertThat(plain.path("inputTextTokenCount").asInt()).isPositive();

        JsonNode both = SignedClient.json(client.send("amazon.titan-embed-text-v2:0", "invoke",
                "{\"inputText\":\"hello\",\"embeddingTypes\":[\"binary\",\"float\"]}"));
        assertThat(both.path("embeddingsByType").path("float")).hasSize(1024);
        assertThat(both.path("embeddingsByType").path("binary")).hasSize(1024)
                .allMatch(v -> v.asInt() == 0 || v.asInt() == 1);

        JsonNode v1 = SignedClient.json(client.send("amazon.titan-embed-text-v1", "invoke", "{\"inputText\":\"hello\"}"));
        assertThat(v1.get("embedding")).hasSize(1536);
        assertThat(v1.has("embeddingsByType")).isFalse();

        HttpResponse<byte[]> badSize = client.send("amazon.titan-embed-text-v2:0", "invoke",
                "{\"inputText\":\"hello\",\"dimensions\":300}");
        assertThat(badSize.statusCode()).isEqualTo(400);
        assertThat(SignedClient.json(badSize).path("message").asText()).isEqualTo(
                "Malformed input request: #/dimensions: 300 is not a valid enum value, please reformat your input and"
                        + " try again.");
    }

    @Test
    void novaMultimodalEmbeddingsAreServed() {
        String model = "amazon.nova-2-multimodal-embeddings-v1:0";
        JsonNode text = SignedClient.json(client.send(model, "invoke", "{\"schemaVersion\":\"nova-multimodal-embed-v1\","
                + "\"taskType\":\"SINGLE_EMBEDDING\",\"singleEmbeddingParams\":{\"embeddingPurpose\":\"GENERIC_INDEX\","
                + "\"embeddingDimension\":256,\"text\":{\"truncationMode\":\"END\",\"value\":\"hello\"}}}"));
        assertThat(text.path("embeddings")).hasSize(1);
        assertThat(text.path("embeddings").get(0).path("embeddingType").asText()).isEqualTo("TEXT");
        assertThat(text.path("embeddings").get(0).path("embedding")).hasSize(256);
        JsonNode image = SignedClient.json(client.send(model, "invoke", "{\"taskType\":\"SINGLE_EMBEDDING\","
                + "\"singleEmbeddingParams\":{\"embeddingPurpose\":\"GENERIC_INDEX\",\"image\":{\"format\":\"png\","
                + "\"source\":{\"bytes\":\"iVBORw0KGgo=\"}}}}"));
        assertThat(image.path("embeddings").get(0).path("embeddingType").asText()).isEqualTo("IMAGE");
        assertThat(image.path("embeddings").get(0).path("embedding")).hasSize(3072);
        assertThat(client.send(model, "invoke", "{\"taskType\":\"SINGLE_EMBEDDING\",\"singleEmbeddingParams\":"
                + "{\"embeddingDimension\":100,\"text\":{\"value\":\"x\"}}}").statusCode()).isEqualTo(400);
        assertThat(client.send(model, "converse", SignedClient.converseBody("hi")).statusCode()).isEqualTo(400);
    }

    @ParameterizedTest
    @EnumSource(value = Fault.class, names = { "THROTTLING", "INTERNAL_ERROR", "SERVICE_UNAVAILABLE", "MODEL_NOT_READY",
            "MODEL_TIMEOUT", "MODEL_ERROR", "SERVICE_QUOTA_EXCEEDED", "ACCESS_DENIED" })
    void httpErrorFaultsAreModelledExceptions(Fault fault) {
        HttpResponse<byte[]> r = client.send(MODEL, "converse-stream", SignedClient.converseBody("hi"), Fault.HEADER,
                fault.wireName());
        AwsError expected = AwsError.forFault(fault);
        assertThat(r.statusCode()).isEqualTo(expected.status());
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).get().asString()
                .startsWith(expected.type() + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
        assertThat(fault.description()).startsWith("HTTP " + expected.status() + " " + expected.type());
        assertThat(SignedClient.json(r).path("message").asText()).isEqualTo(expected.message());
    }

    @Test
    void modelTimeoutIsAnEventOnlyWhereTheUnionHasOne() throws IOException {
        HttpResponse<byte[]> converse = client.send(MODEL, "converse-stream", SignedClient.converseBody("hi"),
                Fault.HEADER, "stream-model-timeout");
        assertThat(converse.statusCode()).isEqualTo(408);
        assertThat(converse.headers().firstValue("x-amzn-ErrorType")).get().asString().startsWith("ModelTimeoutException");
        HttpResponse<byte[]> invoke = client.send(MODEL, "invoke-with-response-stream",
                "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":50,\"messages\":[{\"role\":\"user\","
                        + "\"content\":\"hi\"}]}",
                Fault.HEADER, "stream-model-timeout");
        assertThat(invoke.statusCode()).isEqualTo(200);
        List<EventStreamMessage> frames = SignedClient.frames(invoke.body());
        assertThat(frames.get(frames.size() - 1).exceptionType()).isEqualTo("modelTimeoutException");
    }

    @Test
    void throttleTheNextRequestsWithRetryAfterThenSucceed() {
        emulator.configure(o -> o.withRetryAfter(Duration.ofMillis(1500))).throttleNext(2);
        for (int i = 0; i < 2; i++) {
            HttpResponse<byte[]> r = client.send(MODEL, "converse", SignedClient.converseBody("hi"));
            assertThat(r.statusCode()).isEqualTo(429);
            assertThat(r.headers().firstValue("Retry-After")).contains("2");
        }
        assertThat(client.send(MODEL, "converse", SignedClient.converseBody("hi")).statusCode()).isEqualTo(200);
        // the throttling fault carries it too; without the option there is none, as on Bedrock
        assertThat(client.send(MODEL, "converse", SignedClient.converseBody("hi"), Fault.HEADER, "throttling")
                .headers().firstValue("Retry-After")).contains("2");
        emulator.configure(o -> o.withRetryAfter(null));
        assertThat(client.send(MODEL, "converse", SignedClient.converseBody("hi"), Fault.HEADER, "throttling")
                .headers().firstValue("Retry-After")).isEmpty();
        assertThat(EmulatorArguments.parse("--throttle-first", "3", "--retry-after", "2s").throttleFirst()).isEqualTo(3);
    }

    @Test
    void trickleSendsTheSameAnswerAFewBytesAtATime() throws IOException {
        HttpResponse<byte[]> normal = client.send(MODEL, "converse-stream", SignedClient.converseBody("Tell me a story"));
        emulator.streamStats().reset();
        HttpResponse<byte[]> trickled = client.send(MODEL, "converse-stream", SignedClient.converseBody("Tell me a story"),
                Fault.HEADER, "trickle");
        List<EventStreamMessage> a = SignedClient.frames(normal.body());
        List<EventStreamMessage> b = SignedClient.frames(trickled.body());
        assertThat(b).hasSameSizeAs(a);
        for (int i = 0; i < a.size(); i++) {
            assertThat(b.get(i).eventType()).isEqualTo(a.get(i).eventType());
        }
        assertThat(emulator.streamStats().framesWritten())
                .isGreaterThanOrEqualTo(trickled.body().length / ResponsePlayer.TRICKLE_BYTES);

        String body = new String(client.send(MODEL, "converse", SignedClient.converseBody("hi"), Fault.HEADER, "trickle")
                .body(), StandardCharsets.UTF_8);
        assertThat(SignedClient.JSON.readTree(body.getBytes(StandardCharsets.UTF_8)) != null).isTrue();
        assertThat(body).contains("\"stopReason\"");
    }

    @Test
    void closeAfterAnswerClosesAKeptAliveConnection() throws IOException {
        emulator.configure(o -> o.withVerifySignatures(false));
        byte[] body = SignedClient.converseBody("hi").getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        try (Socket socket = new Socket("127.0.0.1", emulator.port())) {
            socket.setSoTimeout(10_000);
            String head = "POST /model/" + MODEL.replace(":", "%3A") + "/converse HTTP/1.1\r\nHost: 127.0.0.1:"
                    + emulator.port() + "\r\nConnection: keep-alive\r\nContent-Type: application/json\r\n" + Fault.HEADER
                    + ": close-after-answer\r\nContent-Length: " + body.length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            socket.getInputStream().transferTo(raw); // returns only because the emulator closes the connection
        }
        String text = raw.toString(StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("HTTP/1.1 200").contains("\"stopReason\"");
    }

    @Test
    void everyFaultIsListedInHelpAndInTheDocs() throws IOException {
        Path doc = Path.of("../docs/modules/ROOT/pages/testing.adoc");
        String adoc = Files.readString(doc);
        for (Fault f : Fault.values()) {
            assertThat(EmulatorArguments.USAGE).contains(f.wireName() + " ");
            assertThat(adoc).as("testing.adoc lists " + f.wireName()).contains("|`" + f.wireName() + "`");
        }
    }
}
