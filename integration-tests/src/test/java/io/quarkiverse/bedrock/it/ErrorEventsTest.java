package io.quarkiverse.bedrock.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.Fault;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/**
 * The demo app's HTTP API, black-box: every failure reaches the HTTP caller, as a status before the stream starts and
 * as a typed {@code error} event after.
 */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class ErrorEventsTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = "{\"model\":\"bedrock:cohere.command-r-v1:0\",\"messages\":[{\"role\":\"user\",\"content\":\"Count\"}]}";

    private static Response post(String path) {
        return given().contentType(ContentType.JSON).body(BODY).when().post(path);
    }

    private static List<JsonNode> events(String sse) {
        return sse.lines().filter(l -> l.startsWith("data:")).map(l -> {
            try {
                return JSON.readTree(l.substring(5).trim());
            } catch (Exception e) {
                throw new AssertionError("Not JSON: " + l, e);
            }
        }).toList();
    }

    @Test
    void aStreamFailingAfterItsFirstChunkEndsWithATypedErrorEvent() {
        emulator.enqueue(Reply.text("one two three four five six seven eight nine ten")
                .withFault(Fault.STREAM_SERVICE_UNAVAILABLE));
        String sse = post("/bedrock/stream").then().statusCode(200).extract().asString();
        List<JsonNode> events = events(sse);
        assertThat(events).isNotEmpty().allSatisfy(e -> assertThat(e.path("type").isTextual()).isTrue());
        assertThat(events.get(0).path("type").asText()).isEqualTo("text");
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("error");
        assertThat(last.path("error").asText()).isEqualTo("ServiceUnavailableException");
        assertThat(last.path("retryable").asBoolean()).isTrue();
        assertThat(last.path("requestId").isTextual()).isTrue();
        assertThat(last.path("message").asText()).isNotBlank();
        assertThat(events).noneMatch(e -> e.path("type").asText().equals("stop"));
    }

    @Test
    void aStreamThrottledBeforeItsFirstByteIsA429WithRetryAfter() {
        emulator.enqueue(Reply.fault(Fault.THROTTLING), Reply.fault(Fault.THROTTLING), Reply.fault(Fault.THROTTLING));
        post("/bedrock/stream").then().statusCode(429)
                .contentType(ContentType.JSON)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("ThrottlingException"))
                .body("retryable", equalTo(true));
    }

    @Test
    void aStreamForAnUnknownModelIsA400FromTheMapper() {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"bedrock:acme.no-such-model-v9:0\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .when().post("/bedrock/stream").then().statusCode(400)
                .contentType(ContentType.JSON)
                .body("error", equalTo("ValidationException"))
                .body("retryable", equalTo(false))
                .body("message", containsString("model"));
    }

    @Test
    void aStreamDeniedByBedrockIsA500ThatNamesNoSecret() {
        emulator.enqueue(Reply.fault(Fault.ACCESS_DENIED));
        post("/bedrock/stream").then().statusCode(500)
                .contentType(ContentType.JSON)
                .body("error", equalTo("AccessDeniedException"))
                .body("retryable", equalTo(false))
                .body("message", not(containsString("Signature")));
    }

    @Test
    void aHealthyStreamIsA200WithTypedEventsEndingInStop() {
        emulator.enqueue(Reply.text("one two three"));
        Response response = post("/bedrock/stream");
        response.then().statusCode(200).contentType(containsString("text/event-stream"));
        String body = response.asString();
        assertThat(body).as("events carry only data lines").doesNotContain("content-type:");
        List<JsonNode> events = events(body);
        assertThat(events).extracting(e -> e.path("type").asText()).contains("text", "stop")
                .doesNotContain("error");
        assertThat(events.stream().filter(e -> e.path("type").asText().equals("text"))
                .map(e -> e.path("text").asText()).reduce("", String::concat)).isEqualTo("one two three");
    }

    @Test
    void aThrottledChatIsA429WithRetryAfter() {
        emulator.enqueue(Reply.fault(Fault.THROTTLING), Reply.fault(Fault.THROTTLING), Reply.fault(Fault.THROTTLING));
        post("/bedrock/chat").then().statusCode(429)
                .header("Retry-After", notNullValue())
                .body("error", equalTo("ThrottlingException"))
                .body("retryable", equalTo(true));
    }

    @Test
    void aServerErrorOnChatIsA502() {
        emulator.enqueue(Reply.fault(Fault.INTERNAL_ERROR), Reply.fault(Fault.INTERNAL_ERROR),
                Reply.fault(Fault.INTERNAL_ERROR));
        post("/bedrock/chat").then().statusCode(502).body("error", equalTo("InternalServerException"));
    }

    @Test
    void aPersistent503OnChatStaysA503() {
        emulator.enqueue(Reply.fault(Fault.SERVICE_UNAVAILABLE), Reply.fault(Fault.SERVICE_UNAVAILABLE),
                Reply.fault(Fault.SERVICE_UNAVAILABLE));
        post("/bedrock/chat").then().statusCode(503).body("error", equalTo("ServiceUnavailableException"))
                .body("requestId", notNullValue());
    }

    @Test
    void aStalledStreamEndsWithAnErrorEventNotACleanEnd() {
        emulator.enqueue(Reply.text("one two three four five six seven eight nine ten").withFault(Fault.STALL));
        String sse = post("/bedrock/stream").then().statusCode(200).extract().asString();
        List<JsonNode> events = events(sse);
        JsonNode last = events.get(events.size() - 1);
        assertThat(last.path("type").asText()).isEqualTo("error");
        assertThat(last.path("error").asText()).isEqualTo("StreamInterruptedException");
        assertThat(last.path("message").asText()).contains("stream-idle-timeout").doesNotContain("Signature");
    }

    @Test
    void aValidationErrorIsTheCallersProblem() {
        emulator.enqueue(Reply.fault(Fault.STREAM_VALIDATION));
        post("/bedrock/chat").then().statusCode(400).body("error", equalTo("ValidationException"))
                .body("retryable", equalTo(false)).body("message", not(equalTo("")));
    }
}
