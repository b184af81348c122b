package io.quarkiverse.bedrock.runtime.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.error.BedrockConfigurationException;
import io.quarkiverse.bedrock.runtime.testsupport.TestData;

/** Endpoint per partition, checked against the official Bedrock Runtime endpoint tests (botocore), and the override. */
class BedrockEndpointTest {

    @Test
    void officialEndpointTests() throws IOException {
        JsonNode tests = new ObjectMapper().readTree(
                TestData.dir("bedrock-model/botocore/endpoint-tests-1.json").toFile()).get("testCases");
        int checked = 0;
        for (JsonNode test : tests) {
            JsonNode params = test.get("params");
            JsonNode url = test.path("expect").path("endpoint").path("url");
            if (url.isMissingNode() || params.path("UseFIPS").asBoolean() || params.path("UseDualStack").asBoolean()) {
                continue; // FIPS and dual-stack endpoints are reached through endpoint-override
            }
            Optional<URI> override = params.has("Endpoint") ? Optional.of(URI.create(params.get("Endpoint").asText()))
                    : Optional.empty();
            String region = params.path("Region").asText("us-east-1");
            assertThat(BedrockEndpoint.baseUri(region, override)).as(test.path("documentation").asText())
                    .isEqualTo(URI.create(url.asText()));
            checked++;
        }
        assertThat(checked).isGreaterThanOrEqualTo(7);
    }

    @Test
    void partitions() {
        assertThat(BedrockEndpoint.baseUri("eu-west-3", Optional.empty()))
                .isEqualTo(URI.create("https://bedrock-runtime.eu-west-3.amazonaws.com"));
        assertThat(BedrockEndpoint.baseUri("cn-northwest-1", Optional.empty()))
                .isEqualTo(URI.create("https://bedrock-runtime.cn-northwest-1.amazonaws.com.cn"));
        assertThat(BedrockEndpoint.baseUri("us-gov-west-1", Optional.empty()))
                .isEqualTo(URI.create("https://bedrock-runtime.us-gov-west-1.amazonaws.com"));
    }

    @Test
    void overrideWins() {
        assertThat(BedrockEndpoint.baseUri("eu-west-3", Optional.of(URI.create("http://127.0.0.1:8089"))))
                .isEqualTo(URI.create("http://127.0.0.1:8089"));
    }

    @Test
    void badOverrideOrRegionIsAConfigurationError() {
        assertThatThrownBy(() -> BedrockEndpoint.baseUri("us-east-1", Optional.of(URI.create("ftp://example.com"))))
                .isInstanceOf(BedrockConfigurationException.class).hasMessageContaining("endpoint-override");
        assertThatThrownBy(() -> BedrockEndpoint.baseUri("us-east-1", Optional.of(URI.create("/relative"))))
                .isInstanceOf(BedrockConfigurationException.class);
        assertThatThrownBy(() -> BedrockEndpoint.baseUri("us-east-1", Optional.of(URI.create("https://h/?a=b"))))
                .isInstanceOf(BedrockConfigurationException.class);
        assertThatThrownBy(() -> BedrockEndpoint.baseUri("us-east-1.evil.example", Optional.empty()))
                .isInstanceOf(BedrockConfigurationException.class).hasMessageContaining("not an AWS region");
    }

    @Test
    void anOverrideWithUserInfoIsRejectedWithoutPrintingThePassword() {
        assertThatThrownBy(() -> BedrockEndpoint.baseUri("us-east-1",
                Optional.of(URI.create("http://proxy-user:s3cr3t-Pa55@127.0.0.1:8089/bedrock"))))
                .isInstanceOf(BedrockConfigurationException.class)
                .hasMessageContaining("quarkus.aws-bedrock.endpoint-override")
                .hasMessageContaining("http://127.0.0.1:8089/bedrock")
                .hasMessageNotContaining("s3cr3t").hasMessageNotContaining("proxy-user");
    }
}
