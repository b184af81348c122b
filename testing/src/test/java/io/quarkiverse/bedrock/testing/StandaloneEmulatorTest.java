package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;

/** The standalone emulator: started as its main method does, on a free port, answering over HTTP/1.1 and h2c. */
class StandaloneEmulatorTest {

    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    @Test
    void startsOnAFreePortPrintsItsEndpointAndAnswers() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        EmulatorArguments args = EmulatorArguments.parse("--port", "0", "--tokens", "3", "--no-auth");
        try (BedrockEmulator emulator = StandaloneEmulator.start(args,
                new PrintStream(printed, true, StandardCharsets.UTF_8))) {
            String line = printed.toString(StandardCharsets.UTF_8).strip();
            assertThat(emulator.port()).isPositive();
            assertThat(line).startsWith("Bedrock emulator listening on http://127.0.0.1:" + emulator.port() + " ")
                    .contains("accessKeyId=" + EmulatorCredentials.ACCESS_KEY_ID,
                            "secretAccessKey=" + EmulatorCredentials.SECRET_ACCESS_KEY, "auth=off", "tokens=3")
                    .doesNotContain("\n");

            // --no-auth: an unsigned request is served
            HttpResponse<byte[]> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                    HttpRequest.newBuilder(URI.create(emulator.endpoint() + "/model/" + MODEL + "/converse-stream"))
                            .POST(HttpRequest.BodyPublishers.ofString(SignedClient.converseBody("Hello")))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(r.statusCode()).isEqualTo(200);
            List<EventStreamMessage> frames = SignedClient.frames(r.body());
            long textDeltas = frames.stream().filter(m -> "contentBlockDelta".equals(m.eventType())).count();
            assertThat(textDeltas).isEqualTo(3);
        }
    }

    @Test
    void streamTimingsRecordTheFirstWritesPerRequestIdAndAreServedAsJson() throws Exception {
        try (BedrockEmulator emulator = BedrockEmulator.create(EmulatorOptions.defaults().withTokens(4)
                .withInterTokenDelay(Duration.ofMillis(20))).start()) {
            long before = System.nanoTime();
            HttpResponse<byte[]> r = new SignedClient(emulator).send(MODEL, "converse-stream",
                    SignedClient.converseBody("Hi"));
            long after = System.nanoTime();
            String requestId = r.headers().firstValue("x-amzn-RequestId").orElseThrow();

            StreamTimings.Timing t = awaitTiming(emulator);
            assertThat(emulator.streamTimings().all()).hasSize(1);
            assertThat(t.requestId()).isEqualTo(requestId);
            assertThat(t.firstEventNanos()).isBetween(before, after);
            // messageStart goes first, the first text delta one inter-token delay later
            assertThat(t.firstTextNanos() - t.firstEventNanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(15));

            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> json = http.send(HttpRequest.newBuilder(URI.create(emulator.endpoint() + StreamTimings.PATH))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            JsonNode stream = SignedClient.JSON.readTree(json.body()).path("streams").path(0);
            assertThat(stream.path("requestId").asText()).isEqualTo(requestId);
            assertThat(stream.path("firstEventNanos").asLong()).isEqualTo(t.firstEventNanos());
            assertThat(stream.path("firstTextNanos").asLong()).isEqualTo(t.firstTextNanos());

            HttpResponse<String> deleted = http
                    .send(HttpRequest.newBuilder(URI.create(emulator.endpoint() + StreamTimings.PATH))
                            .DELETE().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(deleted.statusCode()).isEqualTo(204);
            assertThat(emulator.streamTimings().all()).isEmpty();
            assertThat(emulator.requests()).hasSize(1);
        }
    }

    /**
     * The times are stamped when the writes complete, which may be just after the client has read the bytes.
     *
     * @return the one stream's timing, once its first text delta write has been stamped
     */
    static StreamTimings.Timing awaitTiming(BedrockEmulator emulator) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            List<StreamTimings.Timing> all = emulator.streamTimings().all();
            if (!all.isEmpty() && all.get(0).firstTextNanos() > 0) {
                return all.get(0);
            }
            Thread.sleep(5);
        }
        throw new AssertionError("No stream timing recorded: " + emulator.streamTimings().all());
    }

    @Test
    void http2CleartextByUpgrade() throws Exception {
        try (BedrockEmulator emulator = BedrockEmulator.create().start()) {
            HttpResponse<String> r = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build().send(
                    HttpRequest.newBuilder(URI.create(emulator.endpoint() + StreamTimings.PATH)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.version()).isEqualTo(HttpClient.Version.HTTP_2);
        }
    }

    @Test
    void http2CleartextWithPriorKnowledgeStreamsConverse() throws Exception {
        Vertx vertx = Vertx.vertx();
        try (BedrockEmulator emulator = BedrockEmulator.create(EmulatorOptions.defaults().withTokens(5)
                .withVerifySignatures(false)).start()) {
            HttpVersion[] version = new HttpVersion[1];
            int[] status = new int[1];
            Buffer body = vertx.createHttpClient(new HttpClientOptions()
                    .setProtocolVersion(HttpVersion.HTTP_2).setHttp2ClearTextUpgrade(false))
                    .request(new RequestOptions().setMethod(HttpMethod.POST)
                            .setAbsoluteURI(emulator.endpoint() + "/model/" + MODEL + "/converse-stream"))
                    .compose(req -> req.send(Buffer.buffer(SignedClient.converseBody("Hello"))))
                    .compose(response -> {
                        version[0] = response.version();
                        status[0] = response.statusCode();
                        return response.body();
                    })
                    .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            assertThat(version[0]).isEqualTo(HttpVersion.HTTP_2);
            assertThat(status[0]).isEqualTo(200);
            assertThat(SignedClient.frames(body.getBytes()).stream()
                    .filter(m -> "contentBlockDelta".equals(m.eventType())).count()).isEqualTo(5);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }
}
