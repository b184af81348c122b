package io.quarkiverse.bedrock.runtime.family.anthropic;

import static io.quarkiverse.bedrock.runtime.family.anthropic.AnthropicRequestBodyTest.json;
import static io.quarkiverse.bedrock.runtime.family.anthropic.AnthropicRequestBodyTest.weather;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.ToolChoice;
import io.quarkiverse.bedrock.runtime.family.ApiRouter;
import io.quarkiverse.bedrock.runtime.family.ConverseFormatter;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;

/** Claude's thinking and prompt caching on the Converse route. */
class ClaudeConverseFieldsTest {

    static final ConverseFormatter CONVERSE = new ConverseFormatter(new ObjectMapper());
    static final ApiRouter ROUTER = new ApiRouter(new FamilyRegistry(List.of(new AnthropicFamily())));

    /** @return the Converse body of the request with its family's adjustments, as the client builds it */
    static JsonNode converse(ChatRequest request) {
        return CONVERSE.requestBody(request, ROUTER.route(request));
    }

    static ChatRequest.Builder claude() {
        return ChatRequest.builder().model("us.anthropic.claude-sonnet-4-20250514-v1:0").user("Hi");
    }

    @Test
    void reasoningEffortBecomesAdditionalModelRequestFieldsThinking() {
        JsonNode body = converse(claude().options(BedrockOptions.builder().reasoningEffort("low").build()).build());
        assertThat(body.get("additionalModelRequestFields"))
                .isEqualTo(json("{\"thinking\":{\"type\":\"enabled\",\"budget_tokens\":1024}}"));
        assertThat(body.at("/inferenceConfig/maxTokens").asInt()).isEqualTo(1024 + ClaudeThinking.ANSWER_TOKENS);
    }

    @Test
    void theReferencesReasoningConfigIsPassedThrough() {
        Map<String, Object> config = Map.of("reasoning_config", Map.of("type", "enabled", "budget_tokens", 2000));
        JsonNode body = converse(claude().maxTokens(3000)
                .options(BedrockOptions.builder().additionalModelRequestFields(config).build()).build());
        assertThat(body.get("additionalModelRequestFields"))
                .isEqualTo(json("{\"reasoning_config\":{\"type\":\"enabled\",\"budget_tokens\":2000}}"));
    }

    @Test
    void forcedToolChoiceRemovesThinkingButKeepsOtherFields() {
        BedrockOptions options = BedrockOptions.builder().additionalModelRequestFields(Map.of("top_k", 5,
                "thinking", Map.of("type", "enabled", "budget_tokens", 1024))).build();
        JsonNode body = converse(claude().tool(weather()).toolChoice(ToolChoice.tool("get_weather"))
                .options(options).build());
        assertThat(body.get("additionalModelRequestFields")).isEqualTo(json("{\"top_k\":5}"));
        JsonNode only = converse(claude().tool(weather()).toolChoice(ToolChoice.any())
                .options(BedrockOptions.builder().reasoningEffort("high").build()).build());
        assertThat(only.has("additionalModelRequestFields")).isFalse();
    }

    @Test
    void reasoningBlocksAreReplayedAsReasoningContent() {
        JsonNode body = converse(claude().message(new Message(Role.ASSISTANT, List.of(
                new ContentBlock.Reasoning("Think", "SIG", null), new ContentBlock.Reasoning(null, null, "RED"),
                new ContentBlock.Text("Done")))).user("More").build());
        assertThat(body.at("/messages/1/content")).isEqualTo(json("""
                [{"reasoningContent":{"reasoningText":{"text":"Think","signature":"SIG"}}},
                 {"reasoningContent":{"redactedContent":"RED"}},{"text":"Done"}]"""));
    }

    @Test
    void promptCacheAddsCachePointsAfterToolsSystemAndTheChosenMessage() {
        JsonNode body = converse(claude().system("Context").tool(weather()).assistant("Yes").user("Go")
                .options(BedrockOptions.builder().anthropicPromptCache(true).anthropicPromptCacheTtl("1h")
                        .anthropicCacheMessage(-2).build())
                .build());
        JsonNode point = json("{\"cachePoint\":{\"type\":\"default\",\"ttl\":\"1h\"}}");
        assertThat(body.at("/toolConfig/tools/1")).isEqualTo(point);
        assertThat(body.at("/system/1")).isEqualTo(point);
        assertThat(body.at("/messages/1/content")).isEqualTo(json("[{\"text\":\"Yes\"}," + point + "]"));
        assertThat(body.at("/messages/2/content")).isEqualTo(json("[{\"text\":\"Go\"}]"));
    }

    @Test
    void otherFamiliesAreLeftAlone() {
        JsonNode body = converse(ChatRequest.builder().model("amazon.nova-lite-v1:0").user("Hi")
                .options(BedrockOptions.builder().anthropicPromptCache(true).reasoningEffort("low").build()).build());
        assertThat(body).isEqualTo(json("{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"Hi\"}]}]}"));
    }
}
