package io.quarkiverse.bedrock.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.Fault;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Streams that end right after their first event (failing, or simply short) leave no error in the server's log: the
 * event sink is closed only once Quarkus REST has taken the first event's go-ahead, not before (it then found the
 * response ended and logged "Response has already been written" for a request that had been answered well).
 */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class SseEdgeLogsTest extends EmulatorTest {

    private static final String BODY = "{\"model\":\"bedrock:cohere.command-r-v1:0\",\"messages\":[{\"role\":\"user\",\"content\":\"Count\"}]}";

    private final LogCapture errors = new LogCapture("io.quarkus.vertx.http.runtime.QuarkusErrorHandler", Level.SEVERE);

    @BeforeEach
    void listen() {
        errors.start();
    }

    @AfterEach
    void stopListening() {
        errors.stop();
    }

    @Test
    void streamsEndingRightAfterTheirFirstEventLogNoError() {
        for (int i = 0; i < 10; i++) {
            emulator.enqueue(Reply.text("one two").withFault(Fault.STREAM_SERVICE_UNAVAILABLE));
            String failed = post();
            assertThat(failed).contains("\"type\":\"text\"").contains("\"type\":\"error\"");

            emulator.enqueue(Reply.text("one"));
            String whole = post();
            assertThat(whole).contains("\"type\":\"text\"").contains("\"type\":\"stop\"");
        }
        assertThat(errors.lines()).isEmpty();
    }

    private static String post() {
        return given().contentType(ContentType.JSON).body(BODY).when().post("/bedrock/stream").then().statusCode(200)
                .extract().asString();
    }
}
