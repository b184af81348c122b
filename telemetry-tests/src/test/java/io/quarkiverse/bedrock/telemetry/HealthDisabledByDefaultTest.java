package io.quarkiverse.bedrock.telemetry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** Without quarkus.aws-bedrock.health.enabled, smallrye-health lists no Bedrock check. */
class HealthDisabledByDefaultTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = GenAiTelemetryTest.devServices(TestExporters.app(GenAiTelemetryTest.class));

    @Test
    void noBedrockCheck() {
        List<String> names = given().when().get("/q/health/ready").then().statusCode(200).extract().jsonPath()
                .getList("checks.name");
        assertThat(names).doesNotContain("Amazon Bedrock");
    }
}
