package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Converse requestMetadata: sent as given, checked against Bedrock's limits before sending. */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class RequestMetadataTest extends EmulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Bedrock
    BedrockClient bedrock;

    @Test
    void metadataIsSentAndRoutesClaudeToConverse() throws Exception {
        ChatRequest request = ChatRequest.builder().model("anthropic.claude-3-haiku-20240307-v1:0").user("Hi")
                .maxTokens(20).options(BedrockOptions.builder().requestMetadata("team", "search")
                        .requestMetadata("run:id", "2026-12-05 #4").build())
                .build();
        bedrock.chat(request).await().atMost(WAIT);
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse");
        JsonNode metadata = JSON.readTree(emulator.lastRequest().bodyAsString()).path("requestMetadata");
        assertThat(metadata.path("team").asText()).isEqualTo("search");
        assertThat(metadata.path("run:id").asText()).isEqualTo("2026-12-05 #4");

        bedrock.stream(request).collect().asList().await().atMost(WAIT);
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse-stream");
    }

    @Test
    void limitsAreCheckedBeforeSending() {
        BedrockOptions.Builder tooMany = BedrockOptions.builder();
        for (int i = 0; i < 17; i++) {
            tooMany.requestMetadata("k" + i, "v");
        }
        assertThatThrownBy(tooMany::build).isInstanceOf(InvalidRequestException.class).hasMessageContaining("16");
        assertThatThrownBy(() -> BedrockOptions.builder().requestMetadata("", "v").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("key");
        assertThatThrownBy(() -> BedrockOptions.builder().requestMetadata("k", "x".repeat(257)).build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("256");
        assertThatThrownBy(() -> BedrockOptions.builder().requestMetadata("k", "semi;colon").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("value of key 'k'")
                .hasMessageNotContaining("semi;colon");
        assertThatThrownBy(() -> BedrockOptions.fromMap(Map.of("request_metadata", Map.of("a<b", "v"))))
                .isInstanceOf(InvalidRequestException.class);
    }
}
