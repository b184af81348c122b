package io.quarkiverse.bedrock.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;

/**
 * The speech demo in text mode, as {@code websocat} uses it, against the emulator that Dev Services starts: a typed line
 * goes to a Nova Sonic session over HTTP/2, the model calls the demo's tool, and the transcripts come back as JSON.
 */
@QuarkusTest
class SpeechSocketTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/speech")
    URI speech;

    @Inject
    Vertx vertx;

    @Test
    void aTypedLineGetsItsTranscriptAToolCallAndTheSpokenAnswersTranscript() throws Exception {
        WebSocketClient client = vertx.createWebSocketClient();
        List<JsonNode> messages = new CopyOnWriteArrayList<>();
        List<Integer> binaryFrames = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> answered = new CompletableFuture<>();
        WebSocket socket = client.connect(speech.getPort(), speech.getHost(), "/speech?mode=text")
                .toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        socket.textMessageHandler(text -> {
            JsonNode message = read(text);
            messages.add(message);
            if (message.path("type").asText().equals("usage")) {
                answered.complete(null);
            }
        });
        socket.binaryMessageHandler(b -> binaryFrames.add(b.length()));
        socket.writeTextMessage("What time is it?");
        answered.get(20, TimeUnit.SECONDS);
        socket.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client.close();

        assertThat(messages.get(0).path("type").asText()).isEqualTo("user");
        assertThat(messages.get(0).path("text").asText()).isEqualTo("What time is it?");
        assertThat(messages.get(1).path("type").asText()).isEqualTo("tool");
        assertThat(messages.get(1).path("name").asText()).isEqualTo("getTime");
        assertThat(messages).filteredOn(m -> m.path("type").asText().equals("assistant")).singleElement()
                .satisfies(m -> assertThat(m.path("text").asText()).startsWith("The tool answered {\"utc\":\""));
        assertThat(binaryFrames).as("text mode sends no audio").isEmpty();
    }

    @Test
    void thePageLoads() {
        given().when().get("/speech.html").then().statusCode(200)
                .body(containsString("new WebSocket(")).body(containsString("getUserMedia"));
    }

    private static JsonNode read(String text) {
        try {
            return JSON.readTree(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
