package io.quarkiverse.bedrock.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.EmulatorCredentials;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The demo's POST /bedrock/chat against the emulator, which verifies every SigV4 signature. */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class ChatEndpointTest extends EmulatorTest {

    @Test
    void chatAnswersWithTheScriptedTextUsageAndRequestId() {
        emulator.enqueue(Reply.text("Paris is the capital of France."));
        given().contentType(ContentType.JSON)
                .body("""
                        {"model":"bedrock:cohere.command-r-plus-v1:0","system":"Be brief.",
                         "messages":[{"role":"user","content":"What is the capital of France?"}],
                         "maxTokens":50,"temperature":0.2}
                        """)
                .when().post("/bedrock/chat")
                .then().statusCode(200)
                .body("text", equalTo("Paris is the capital of France."))
                .body("stopReason", equalTo("end_turn"))
                .body("usage.inputTokens", greaterThan(0))
                .body("usage.outputTokens", greaterThan(0))
                .body("modelId", equalTo("cohere.command-r-plus-v1:0"))
                .body("requestId", notNullValue());

        assertThat(emulator.lastRequest().rawPath()).isEqualTo("/model/cohere.command-r-plus-v1%3A0/converse");
        String sent = emulator.lastRequest().bodyAsString();
        assertThat(sent).contains("\"maxTokens\":50").contains("\"temperature\":0.2").contains("Be brief.");
    }

    @Test
    void modelIdWithColonAndInferenceProfileReachTheRightPath() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"model":"bedrock:global.anthropic.claude-sonnet-4-5-20250929-v1:0",
                         "messages":[{"role":"user","content":"Hi"}],"options":{"use_converse":true}}
                        """)
                .when().post("/bedrock/chat")
                .then().statusCode(200);
        assertThat(emulator.lastRequest().rawPath())
                .isEqualTo("/model/global.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse");
        assertThat(emulator.lastRequest().modelId()).isEqualTo("global.anthropic.claude-sonnet-4-5-20250929-v1:0");
    }

    @Test
    void arnIsPercentEncodedOnceAndSignedAsAwsExpects() {
        String arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0";
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"" + arn + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                        + "\"options\":{\"use_converse\":true}}")
                .when().post("/bedrock/chat")
                .then().statusCode(200);
        assertThat(emulator.lastRequest().rawPath()).isEqualTo(
                "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse");
    }

    @Test
    void wrongSecretKeyIsRejectedByTheSignatureCheckWithATypedError() {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"bedrock:cohere.command-r-v1:0\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                        + "\"options\":{\"access_key_id\":\"" + EmulatorCredentials.ACCESS_KEY_ID
                        + "\",\"secret_access_key\":\"not-the-right-secret\"}}")
                .when().post("/bedrock/chat")
                // credentials Bedrock rejects are the server's problem for the demo's caller: 500, without details
                .then().statusCode(500)
                .body("error", equalTo("InvalidSignatureException"))
                .body("retryable", equalTo(false))
                .body("message", org.hamcrest.Matchers.not(containsString("not-the-right-secret")));
    }

    @Test
    void rightKeysInOptionsAreAccepted() {
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"bedrock:cohere.command-r-v1:0\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                        + "\"options\":{\"access_key_id\":\"" + EmulatorCredentials.ACCESS_KEY_ID
                        + "\",\"secret_access_key\":\"" + EmulatorCredentials.SECRET_ACCESS_KEY + "\"}}")
                .when().post("/bedrock/chat")
                .then().statusCode(200);
    }

    @Test
    void badInputIsA400BeforeAnyNetworkCall() {
        int before = emulator.requests().size();
        given().contentType(ContentType.JSON)
                .body("{\"model\":\"bedrock:bad model\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}]}")
                .when().post("/bedrock/chat")
                .then().statusCode(400)
                .body("error", equalTo("InvalidRequestException"));
        given().contentType(ContentType.JSON)
                .body("{\"messages\":[],\"options\":{\"region\":\"us-east-1.evil.example\"}}")
                .when().post("/bedrock/chat")
                .then().statusCode(400);
        assertThat(emulator.requests()).hasSize(before);
    }
}
