package io.quarkiverse.bedrock.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.runtime.family.ApiRouter;
import io.quarkiverse.bedrock.runtime.family.ConverseFormatter;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.runtime.family.anthropic.AnthropicFamily;

class CountTokensBodyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonBodies BODIES = new JsonBodies(JSON);
    private static final ConverseFormatter CONVERSE = new ConverseFormatter(JSON);
    private static final ApiRouter ROUTER = new ApiRouter(new FamilyRegistry(List.of(new AnthropicFamily())));
    private static final String CLAUDE = "us.anthropic.claude-sonnet-4-20250514-v1:0";

    private static ObjectNode body(ChatRequest request) {
        return CountTokensBody.of(request, ROUTER.route(request), CONVERSE, BODIES);
    }

    @Test
    void converseRequestsKeepOnlyTheMembersCountTokensTakesWithTheFamilysFields() {
        Tool tool = new Tool("get_time", "Current time", JSON.createObjectNode().put("type", "object"));
        ChatRequest request = ChatRequest.builder().model(CLAUDE).system("Be brief").user("Time?").tool(tool)
                .maxTokens(2000).options(BedrockOptions.builder().reasoningEffort("low").build()).build();
        JsonNode converse = body(request).path("input").path("converse");
        assertThat(converse.fieldNames()).toIterable().containsExactlyInAnyOrder("messages", "system", "toolConfig",
                "additionalModelRequestFields");
        assertThat(converse.at("/additionalModelRequestFields/thinking/type").asText())
                .as("Claude's thinking, added by its family").isEqualTo("enabled");
    }

    @Test
    void nativeRequestsCarryTheFamilysBodyInBase64() throws Exception {
        ChatRequest request = ChatRequest.builder().model(CLAUDE).user("Hi").maxTokens(10).build();
        String encoded = body(request).path("input").path("invokeModel").path("body").asText();
        assertThat(JSON.readTree(Base64.getDecoder().decode(encoded)))
                .isEqualTo(new AnthropicFamily().requestBody(request, JSON));
    }

    @Test
    void anAnswerWithoutInputTokensIsAMalformedResponse() throws Exception {
        assertThat(CountTokensBody.inputTokens(JSON.readTree("{\"inputTokens\":42}"), "r1")).isEqualTo(42);
        assertThatThrownBy(() -> CountTokensBody.inputTokens(JSON.readTree("{}"), "r2"))
                .isInstanceOf(BedrockServiceException.class).hasMessageContaining("inputTokens");
    }
}
