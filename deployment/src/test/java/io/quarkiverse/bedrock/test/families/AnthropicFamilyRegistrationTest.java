package io.quarkiverse.bedrock.test.families;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.runtime.family.ApiRouter;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.runtime.family.anthropic.AnthropicFamily;
import io.quarkus.test.QuarkusUnitTest;

/** The deployment processor registers the Claude family in the runtime registry, and routing uses its native format. */
class AnthropicFamilyRegistrationTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.aws-bedrock.devservices.enabled", "false")
            .overrideConfigKey("quarkus.aws-bedrock.region", "us-east-1");

    @Inject
    FamilyRegistry registry;

    @Test
    void theAnthropicFamilyIsInTheRegistryAndServesClaudeNatively() {
        assertThat(registry.families()).hasAtLeastOneElementOfType(AnthropicFamily.class);
        ApiRouter router = new ApiRouter(registry);
        assertThat(router.route(ChatRequest.builder().model("us.anthropic.claude-3-haiku-20240307-v1:0").user("Hi").build())
                .nativeFamily()).containsInstanceOf(AnthropicFamily.class);
        assertThat(router.route(ChatRequest.builder().model("global.anthropic.claude-sonnet-4-5-20250929-v1:0").user("Hi")
                .build()).nativeFamily()).containsInstanceOf(AnthropicFamily.class);
        assertThat(router.route(ChatRequest.builder().model("cohere.command-r-v1:0").user("Hi").build()).converse())
                .isTrue();
    }
}
