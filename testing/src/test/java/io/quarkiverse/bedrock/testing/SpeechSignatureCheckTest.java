package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.runtime.auth.AwsAuth;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamEncoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.speech.EventSigner;
import io.quarkiverse.bedrock.runtime.speech.SpeechRequestSigner;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/** The emulator refuses what Bedrock refuses: a broken signature chain, a request not signed for streaming. */
class SpeechSignatureCheckTest {

    private static Vertx vertx;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        vertx = Vertx.vertx();
        http = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2)
                .setHttp2ClearTextUpgrade(false));
    }

    @AfterAll
    static void stop() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    private static Buffer event(String json) {
        String b64 = java.util.Base64.getEncoder().encodeToString(json.getBytes());
        return EventStreamEncoder.encode(EventStreamMessage.jsonEvent("chunk", "{\"bytes\":\"" + b64 + "\"}"));
    }

    private static HttpClientRequest open(URI uri, Map<String, String> headers) throws Exception {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString());
        headers.forEach((k, v) -> {
            if (!k.equals("Host")) {
                options.putHeader(k, v);
            }
        });
        HttpClientRequest request = http.request(options).toCompletionStage().toCompletableFuture().get(10,
                TimeUnit.SECONDS);
        request.setChunked(true).sendHead();
        return request;
    }

    @Test
    void anEnvelopeSignedOutOfChainIsRefused() throws Exception {
        try (BedrockEmulator emulator = BedrockEmulator.create().start()) {
            URI uri = URI.create(emulator.endpoint() + "/model/amazon.nova-sonic-v1%3A0/invoke-with-bidirectional-stream");
            AwsAuth auth = new AwsAuth.SigV4(AwsCredentialsIdentity.create(EmulatorCredentials.ACCESS_KEY_ID,
                    EmulatorCredentials.SECRET_ACCESS_KEY), "test");
            SpeechRequestSigner.Signed signed = new SpeechRequestSigner(Clock.systemUTC()).sign(uri, auth, "us-east-1");
            HttpClientRequest request = open(uri, signed.headers());
            request.write(signed.events().sign(event("{\"event\":{\"sessionStart\":{}}}")));
            // the second event signed by a chain that does not start from this request's signature
            EventSigner stranger = new EventSigner(AwsCredentialsIdentity.create(EmulatorCredentials.ACCESS_KEY_ID,
                    EmulatorCredentials.SECRET_ACCESS_KEY), "us-east-1", "bedrock", "0".repeat(64), Clock.systemUTC());
            request.write(stranger.sign(event("{\"event\":{\"promptStart\":{\"promptName\":\"p\"}}}")));
            // read the body as soon as the head arrives: a late body() can miss the end of a short answer
            java.util.concurrent.atomic.AtomicInteger status = new java.util.concurrent.atomic.AtomicInteger();
            Buffer body = request.response().compose(r -> {
                status.set(r.statusCode());
                return r.body();
            }).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(status.get()).isEqualTo(200);
            List<EventStreamMessage> messages = new EventStreamDecoder().feed(body);
            assertThat(messages).hasSize(1);
            assertThat(messages.get(0).messageType()).isEqualTo("exception");
            assertThat(messages.get(0).exceptionType()).isEqualTo("validationException");
            assertThat(messages.get(0).payloadAsString()).contains("signature of envelope 2 does not match");
            request.reset();
        }
    }

    @Test
    void aRequestSignedForItsBodyHashIsRefused() throws Exception {
        try (BedrockEmulator emulator = BedrockEmulator.create().start()) {
            URI uri = URI.create(emulator.endpoint() + "/model/amazon.nova-sonic-v1%3A0/invoke-with-bidirectional-stream");
            AwsAuth auth = new AwsAuth.SigV4(AwsCredentialsIdentity.create(EmulatorCredentials.ACCESS_KEY_ID,
                    EmulatorCredentials.SECRET_ACCESS_KEY), "test");
            Map<String, String> headers = new java.util.LinkedHashMap<>(
                    new io.quarkiverse.bedrock.runtime.auth.RequestSigner(Clock.systemUTC()).sign("POST", uri, new byte[0],
                            auth, "us-east-1"));
            headers.put("Content-Type", "application/vnd.amazon.eventstream");
            HttpClientRequest request = open(uri, headers);
            HttpClientResponse response = request.response().toCompletionStage().toCompletableFuture().get(10,
                    TimeUnit.SECONDS);
            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(response.getHeader("x-amzn-ErrorType")).startsWith("InvalidSignatureException");
            request.reset();
        }
    }
}
