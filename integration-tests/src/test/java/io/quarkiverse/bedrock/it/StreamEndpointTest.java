package io.quarkiverse.bedrock.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The demo's POST /bedrock/stream: server-sent events, one JSON object per chunk with a type. */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class StreamEndpointTest extends EmulatorTest {

    private static List<String> dataLines(String sse) {
        return sse.lines().filter(l -> l.startsWith("data:")).map(l -> l.substring(5).trim()).collect(Collectors.toList());
    }

    @Test
    void streamsTextChunksThenStopUsageAndMetadata() {
        emulator.enqueue(Reply.text("One two three four five"));
        String sse = given().contentType(ContentType.JSON)
                .body("{\"model\":\"bedrock:cohere.command-r-v1:0\",\"messages\":[{\"role\":\"user\",\"content\":\"Count\"}]}")
                .when().post("/bedrock/stream")
                .then().statusCode(200).extract().asString();
        List<String> events = dataLines(sse);
        String text = events.stream().filter(e -> e.contains("\"type\":\"text\""))
                .map(e -> e.replaceAll(".*\"text\":\"(.*)\"}$", "$1")).collect(Collectors.joining());
        assertThat(text).isEqualTo("One two three four five");
        assertThat(events.stream().filter(e -> e.contains("\"type\":\"text\"")).count()).isGreaterThan(1);
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"type\":\"stop\"").contains("end_turn"));
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"type\":\"usage\""));
        assertThat(events.get(events.size() - 1)).contains("\"type\":\"metadata\"").contains("converse-stream");
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse-stream");
    }

    @Test
    void mistralWithToolsStreamsThroughTheNonStreamingFallback() {
        emulator.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        String sse = given().contentType(ContentType.JSON)
                .body("""
                        {"model":"bedrock:mistral.mistral-large-2407-v1:0",
                         "messages":[{"role":"user","content":"Weather in Paris?"}],
                         "tools":[{"name":"get_weather","description":"Weather of a city",
                                   "inputSchema":{"type":"object","properties":{"city":{"type":"string"}},"required":["city"]}}]}
                        """)
                .when().post("/bedrock/stream")
                .then().statusCode(200).extract().asString();
        List<String> events = dataLines(sse);
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"type\":\"tool_call\"").contains("get_weather")
                .contains("\"city\":\"Paris\""));
        assertThat(events).anySatisfy(e -> assertThat(e).contains("\"type\":\"stop\"").contains("tool_use"));
        assertThat(events.get(events.size() - 1)).contains("\"api\":\"converse\"");
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse");
    }
}
