package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
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
import io.quarkiverse.bedrock.api.EmbedRequest;
import io.quarkiverse.bedrock.api.EmbedResponse;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.ToolChoice;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.runtime.testsupport.TestData;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The {@code bedrock-recorded} InvokeModel and CountTokens exchanges of the Llama, Cohere Embed and Titan Embed
 * families, replayed byte for byte by the emulator through the injected client.
 */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class RecordedExchangesReplayTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    @Bedrock
    BedrockClient bedrock;

    private static Path exchange(String caseDir) {
        return TestData.dir("bedrock-recorded/" + caseDir).resolve("01.request.json");
    }

    private static JsonNode json(Path p) throws Exception {
        return JSON.readTree(p.toFile());
    }

    private JsonNode sentBody() throws Exception {
        return JSON.readTree(emulator.lastRequest().bodyAsString());
    }

    @Test
    void llamaNativeInvoke() throws Exception {
        Path request = exchange("openllmetry/invoke_llama3-70b-instruct");
        emulator.enqueue(Reply.replay(request));
        ChatResponse answer = bedrock.chat(ChatRequest.builder().model("meta.llama3-70b-instruct-v1:0")
                .user("Tell me a joke about opentelemetry").maxTokens(128).temperature(0.1).topP(0.9).build())
                .await().atMost(WAIT);
        JsonNode recorded = json(request.resolveSibling("01.response.body.json"));
        assertThat(emulator.lastRequest().operation()).isEqualTo("invoke");
        assertThat(answer.text()).isEqualTo(recorded.path("generation").asText());
        assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(answer.usage().inputTokens()).isEqualTo(8);
        assertThat(answer.usage().outputTokens()).isEqualTo(35);
        assertThat(answer.requestId()).isEqualTo("49f48fb6-28ab-4471-95e3-57e5579f3a52");
    }

    private void assertVector(EmbedResponse answer, JsonNode recorded) {
        assertThat(answer.embeddings()).hasSize(1);
        float[] v = answer.embeddings().get(0).vector();
        assertThat(v).hasSize(recorded.size());
        for (int i = 0; i < v.length; i++) {
            assertThat(v[i]).isEqualTo((float) recorded.get(i).asDouble());
        }
    }

    @Test
    void cohereEmbedV3() throws Exception {
        Path request = exchange("pydantic-ai/invoke_cohere-embed-english-v3");
        emulator.enqueue(Reply.replay(request));
        EmbedResponse answer = bedrock.embed(EmbedRequest.builder().model("cohere.embed-english-v3").text("Hello, world!")
                .inputType("search_query").truncate("NONE").build()).await().atMost(WAIT);
        assertThat(sentBody()).isEqualTo(json(request).path("body_json"));
        assertVector(answer, json(request.resolveSibling("01.response.body.json")).at("/embeddings/0"));
        assertThat(answer.inputTokens()).isEqualTo(4);
    }

    @Test
    void cohereEmbedV4WithDimensions() throws Exception {
        Path request = exchange("pydantic-ai/invoke_cohere-embed-v4_dimensions");
        emulator.enqueue(Reply.replay(request));
        EmbedResponse answer = bedrock.embed(EmbedRequest.builder().model("cohere.embed-v4:0")
                .text("Test dimensions setting").inputType("search_query").dimensions(512).truncate("NONE").build())
                .await().atMost(WAIT);
        assertThat(sentBody()).isEqualTo(json(request).path("body_json"));
        assertVector(answer, json(request.resolveSibling("01.response.body.json")).at("/embeddings/float/0"));
        assertThat(answer.embeddings().get(0).vector()).hasSize(512);
        assertThat(answer.inputTokens()).isEqualTo(3);
    }

    @Test
    void titanEmbedV2() throws Exception {
        Path request = exchange("pydantic-ai/invoke_titan-embed-text-v2_dimensions");
        emulator.enqueue(Reply.replay(request));
        EmbedResponse answer = bedrock.embed(EmbedRequest.builder().model("amazon.titan-embed-text-v2:0")
                .text("Test embedding dimensions").dimensions(256).normalize(true).build()).await().atMost(WAIT);
        assertThat(sentBody()).isEqualTo(json(request).path("body_json"));
        assertVector(answer, json(request.resolveSibling("01.response.body.json")).path("embedding"));
        assertThat(answer.inputTokens()).isEqualTo(4);
    }

    /** pydantic-ai sent {@code system: []}; we leave an empty system out. */
    @Test
    void countTokensWithToolConfig() throws Exception {
        Path request = exchange("pydantic-ai/count-tokens_claude-sonnet-4_tool-config");
        emulator.enqueue(Reply.replay(request));
        Tool weather = new Tool("get_weather", "Get the weather for a location", JSON.readTree(
                "{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}"));
        int tokens = bedrock.countTokens(ChatRequest.builder().model("anthropic.claude-sonnet-4-20250514-v1:0")
                .user("What is the weather in Paris?").tool(weather).toolChoice(ToolChoice.auto())
                .options(BedrockOptions.builder().useConverse(true).build()).build()).await().atMost(WAIT);
        assertThat(tokens).isEqualTo(375);
        ObjectNode expected = json(request).path("body_json").deepCopy();
        ((ObjectNode) expected.at("/input/converse")).remove("system");
        assertThat(sentBody()).isEqualTo(expected);
    }

    @Test
    void countTokensForAnUnknownModelFailsWithBedrocksMessage() {
        emulator.enqueue(Reply.replay(exchange("pydantic-ai/count-tokens_error-400")));
        assertThatThrownBy(() -> bedrock.countTokens(ChatRequest.builder().model("does-not-exist-model-v1:0").user("hello")
                .build()).await().atMost(WAIT))
                .isInstanceOfSatisfying(BedrockServiceException.class, e -> assertThat(e.getMessage())
                        .contains("The provided model identifier is invalid."));
    }
}
