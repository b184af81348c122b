package io.quarkiverse.bedrock.runtime.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ModelId;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.spi.ModelFamily;

class ApiRouterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A native formatter for the anthropic family that records nothing: only routing is under test. */
    static final class AnthropicLike implements ModelFamily {
        @Override
        public String name() {
            return "anthropic";
        }

        @Override
        public boolean supports(ModelId modelId) {
            return !modelId.value().contains("claude-v2");
        }

        @Override
        public ObjectNode requestBody(ChatRequest request, ObjectMapper json) {
            return json.createObjectNode();
        }

        @Override
        public void adjustConverseRequest(ChatRequest request, ObjectNode body, ObjectMapper json) {
            body.putObject("additionalModelRequestFields").put("adjusted_by", name());
        }

        @Override
        public ChatResponse response(JsonNode body, String modelId, String requestId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public StreamParser streamParser(ObjectMapper json) {
            return new StreamParser() {
                @Override
                public void accept(JsonNode chunk, Consumer<Chunk> out) {
                }

                @Override
                public boolean stopped() {
                    return true;
                }
            };
        }
    }

    private final ApiRouter router = new ApiRouter(new FamilyRegistry(List.of(new AnthropicLike())));

    private static ChatRequest.Builder request(String model) {
        return ChatRequest.builder().model(model).user("hi");
    }

    private static Tool tool() {
        return new Tool("weather", "Weather of a city", JSON.createObjectNode().put("type", "object"));
    }

    @Test
    void nativeFamilyWithoutToolsUsesNativeApi() {
        ApiRouter.Route route = router.route(request("bedrock:anthropic.claude-3-haiku-20240307-v1:0").build());
        assertThat(route.converse()).isFalse();
        assertThat(route.model().family()).contains("anthropic");
    }

    @Test
    void inferenceProfilePrefixIsSkippedToFindTheFamily() {
        for (String prefix : ModelId.INFERENCE_PROFILE_PREFIXES) {
            ApiRouter.Route route = router.route(request(prefix + ".anthropic.claude-sonnet-4-5-20250929-v1:0").build());
            assertThat(route.model().family()).as(prefix).contains("anthropic");
            assertThat(route.model().baseModel()).as(prefix).contains("anthropic.claude-sonnet-4-5-20250929-v1:0");
            assertThat(route.converse()).as(prefix).isFalse();
        }
    }

    @Test
    void theFamilyAdjustsItsConverseRequestsEvenWhereItHasNoNativeFormat() {
        ConverseFormatter converse = new ConverseFormatter(JSON);
        for (ChatRequest request : List.of(request("anthropic.claude-3-haiku-20240307-v1:0").tool(tool()).build(),
                request("anthropic.claude-v2:1").build())) {
            ApiRouter.Route route = router.route(request);
            assertThat(route.converse()).as(request.modelId().value()).isTrue();
            assertThat(route.nativeFamily()).isEmpty();
            assertThat(converse.requestBody(request, route).at("/additionalModelRequestFields/adjusted_by").asText())
                    .as(request.modelId().value()).isEqualTo("anthropic");
        }
        ChatRequest nova = request("amazon.nova-micro-v1:0").build();
        assertThat(converse.requestBody(nova, router.route(nova)).has("additionalModelRequestFields")).isFalse();
    }

    @Test
    void toolsGoToConverse() {
        assertThat(router.route(request("anthropic.claude-3-haiku-20240307-v1:0").tool(tool()).build()).converse()).isTrue();
    }

    @Test
    void familiesWithoutFormatterGoToConverse() {
        assertThat(router.route(request("cohere.command-r-plus-v1:0").build()).converse()).isTrue();
        assertThat(router.route(request("amazon.nova-micro-v1:0").build()).converse()).isTrue();
    }

    @Test
    void useConverseWinsBothWays() {
        BedrockOptions converse = BedrockOptions.builder().useConverse(true).build();
        assertThat(router.route(request("anthropic.claude-3-haiku-20240307-v1:0").options(converse).build()).converse())
                .isTrue();
        BedrockOptions nativeApi = BedrockOptions.builder().useConverse(false).build();
        assertThat(router.route(request("anthropic.claude-3-haiku-20240307-v1:0").tool(tool()).options(nativeApi).build())
                .converse()).isFalse();
    }

    @Test
    void useConverseFalseWithoutFormatterIsAClearError() {
        BedrockOptions nativeApi = BedrockOptions.builder().useConverse(false).build();
        assertThatThrownBy(() -> router.route(request("cohere.command-r-v1:0").options(nativeApi).build()))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("use_converse=false").hasMessageContaining("cohere");
    }

    @Test
    void arnsHidingTheModelUseConverseUnlessAFamilyIsGiven() {
        String arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123";
        assertThat(router.route(request(arn).build()).converse()).isTrue();
        BedrockOptions family = BedrockOptions.builder().family("anthropic").build();
        assertThat(router.route(request(arn).options(family).build()).converse()).isFalse();
        String profileArn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-5-sonnet-20240620-v1:0";
        assertThat(router.route(request(profileArn).build()).model().family()).contains("anthropic");
    }

    @Test
    void toolSupportRejectsLlamaWithoutToolsAndFlagsStreamingFallback() {
        ToolSupport support = new ToolSupport(List.of("amazon.nova", "mistral.", "meta.llama3-3-70b"));
        assertThatThrownBy(() -> support.check(request("us.meta.llama3-2-3b-instruct-v1:0").tool(tool()).build()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("does not support tool use");
        support.check(request("us.meta.llama3-3-70b-instruct-v1:0").tool(tool()).build());
        assertThat(support.needsNonStreamingFallback(request("us.meta.llama3-3-70b-instruct-v1:0").tool(tool()).build()))
                .isTrue();
        assertThat(support.needsNonStreamingFallback(request("us.amazon.nova-lite-v1:0").tool(tool()).build())).isTrue();
        assertThat(support.needsNonStreamingFallback(request("mistral.mistral-large-2402-v1:0").tool(tool()).build())).isTrue();
        assertThat(support.needsNonStreamingFallback(request("us.amazon.nova-lite-v1:0").build())).isFalse();
        assertThat(support.needsNonStreamingFallback(request("anthropic.claude-3-haiku-20240307-v1:0").tool(tool()).build()))
                .isFalse();
    }
}
