package io.quarkiverse.bedrock.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.bedrock.testing.EmulatorCredentials;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.path.json.JsonPath;

/** The opt-in readiness check, with the endpoint check on: one client reachable, one not. */
class BedrockReadinessCheckTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = GenAiTelemetryTest.devServices(TestExporters.app(GenAiTelemetryTest.class)
            .overrideConfigKey("quarkus.aws-bedrock.health.enabled", "true")
            .overrideConfigKey("quarkus.aws-bedrock.health.check-endpoint", "true")
            .overrideConfigKey("quarkus.aws-bedrock.health.endpoint-timeout", "2s")
            // nothing listens on port 1
            .overrideConfigKey("quarkus.aws-bedrock.unreachable.endpoint-override", "http://127.0.0.1:1")
            .overrideConfigKey("quarkus.aws-bedrock.unreachable.credentials.access-key-id", "AKIDUNREACHABLE00001")
            .overrideConfigKey("quarkus.aws-bedrock.unreachable.credentials.secret-access-key", "unreachable-secret-0001"));

    @Test
    void reportsEachClientAndIsDownWhenAnEndpointDoesNotAnswer() {
        String body = given().when().get("/q/health/ready").then().statusCode(503).extract().asString();
        JsonPath json = JsonPath.from(body);
        Map<String, Object> check = json.getMap("checks.find { it.name == 'Amazon Bedrock' }");
        assertThat(check).containsEntry("status", "DOWN");
        @SuppressWarnings("unchecked")
        Map<String, String> data = (Map<String, String>) check.get("data");
        assertThat(data).containsEntry("<default>.region", "us-east-1")
                .containsEntry("<default>.credentials", "quarkus.aws-bedrock.credentials")
                .containsKey("<default>.endpoint-status")
                .containsEntry("unreachable.credentials", "quarkus.aws-bedrock.unreachable.credentials")
                .containsEntry("unreachable.endpoint", "http://127.0.0.1:1");
        assertThat(data.get("<default>.endpoint")).startsWith("http://127.0.0.1:");
        assertThat(data.get("unreachable.error")).isEqualTo("http://127.0.0.1:1 did not answer: ConnectException");
        assertThat(body).doesNotContain("unreachable-secret-0001").doesNotContain(EmulatorCredentials.SECRET_ACCESS_KEY);
    }
}
