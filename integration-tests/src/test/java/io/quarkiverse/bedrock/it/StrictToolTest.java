package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Tool {@code strict}: sent in the Converse tool spec; a strict tool routes Claude to Converse. */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class StrictToolTest extends EmulatorTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";

    @Inject
    @Bedrock
    BedrockClient bedrock;

    private static Tool weather() {
        ObjectNode schema = JSON.createObjectNode().put("type", "object");
        schema.putObject("properties").putObject("city").put("type", "string");
        schema.putArray("required").add("city");
        return new Tool("weather", "The weather of a city", schema);
    }

    @Test
    void aStrictToolIsSentWithStrictTrue() throws Exception {
        ChatResponse response = bedrock.chat(ChatRequest.builder().model(CLAUDE).user("Weather in Paris?")
                .tool(weather().strictly()).maxTokens(200).build()).await().atMost(WAIT);
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse");
        JsonNode spec = JSON.readTree(emulator.lastRequest().bodyAsString()).at("/toolConfig/tools/0/toolSpec");
        assertThat(spec.path("strict").asBoolean()).isTrue();
        assertThat(response.message()).isNotNull();
    }

    @Test
    void aPlainToolHasNoStrictMember() throws Exception {
        bedrock.chat(ChatRequest.builder().model("amazon.nova-lite-v1:0").user("Weather in Paris?").tool(weather())
                .maxTokens(200).build()).await().atMost(WAIT);
        JsonNode spec = JSON.readTree(emulator.lastRequest().bodyAsString()).at("/toolConfig/tools/0/toolSpec");
        assertThat(spec.has("strict")).isFalse();
    }

    @Test
    void aStrictToolRefusesTheNativeApi() {
        ChatRequest request = ChatRequest.builder().model(CLAUDE).user("Weather?").tool(weather().strictly())
                .options(BedrockOptions.builder().useConverse(false).build()).build();
        assertThatThrownBy(() -> bedrock.chat(request).await().atMost(WAIT))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("strict tool");
    }
}
