package io.quarkiverse.bedrock.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.runtime.auth.AwsAuth;
import io.quarkiverse.bedrock.runtime.auth.RequestSigner;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.vertx.core.buffer.Buffer;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** Test client: signs like the extension does (runtime RequestSigner) and sends with the JDK HTTP client. */
final class SignedClient {

    static final ObjectMapper JSON = new ObjectMapper();

    private final BedrockEmulator emulator;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private AwsAuth auth = new AwsAuth.SigV4(
            AwsCredentialsIdentity.create(EmulatorCredentials.ACCESS_KEY_ID, EmulatorCredentials.SECRET_ACCESS_KEY),
            "test");
    private Clock clock = Clock.systemUTC();

    SignedClient(BedrockEmulator emulator) {
        this.emulator = emulator;
    }

    SignedClient auth(AwsAuth newAuth) {
        this.auth = newAuth;
        return this;
    }

    SignedClient clock(Clock newClock) {
        this.clock = newClock;
        return this;
    }

    URI uri(String modelId, String operation) {
        return URI.create(emulator.endpoint() + "/model/" + SdkHttpUtils.urlEncode(modelId) + "/" + operation);
    }

    HttpRequest.Builder request(String modelId, String operation, String body) {
        URI uri = uri(modelId, operation);
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new RequestSigner(clock).sign("POST", uri, bytes, auth, "us-east-1");
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).header("Content-Type", "application/json");
        headers.forEach(b::header);
        return b;
    }

    HttpResponse<byte[]> send(String modelId, String operation, String body, String... extraHeaders) {
        HttpRequest.Builder b = request(modelId, operation, body);
        for (int i = 0; i < extraHeaders.length; i += 2) {
            b.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<InputStream> open(String modelId, String operation, String body, String... extraHeaders)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = request(modelId, operation, body);
        for (int i = 0; i < extraHeaders.length; i += 2) {
            b.header(extraHeaders[i], extraHeaders[i + 1]);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    static List<EventStreamMessage> frames(byte[] body) {
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<EventStreamMessage> out = new ArrayList<>(decoder.feed(Buffer.buffer(body)));
        decoder.complete();
        return out;
    }

    static JsonNode payload(EventStreamMessage m) {
        try {
            return JSON.readTree(m.payloadAsString());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static String converseBody(String prompt) {
        return "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"" + prompt + "\"}]}]}";
    }
}
