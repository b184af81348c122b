package io.quarkiverse.bedrock.test.families;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.deployment.NativeFormatterBuildItem;
import io.quarkiverse.bedrock.runtime.family.ApiRouter;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A formatter contributed by another extension's build step (a {@link NativeFormatterBuildItem}) joins the registry
 * beside the extension's own, and routing sends its family to it.
 */
class ContributedFormatterTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(ContributedFormatter.class))
            .overrideConfigKey("quarkus.aws-bedrock.devservices.enabled", "false")
            .addBuildChainCustomizer(chain -> chain.addBuildStep(new BuildStep() {
                @Override
                public void execute(BuildContext context) {
                    context.produce(new NativeFormatterBuildItem(
                            "io.quarkiverse.bedrock.test.families.ContributedFormatter"));
                }
            }).produces(NativeFormatterBuildItem.class).build());

    @Inject
    FamilyRegistry registry;

    @Test
    void theContributedFormatterServesItsFamily() {
        assertThat(registry.formatters()).extracting(f -> f.getClass().getName())
                .contains(ContributedFormatter.class.getName(),
                        "io.quarkiverse.bedrock.runtime.family.anthropic.AnthropicFormatter");
        ApiRouter router = new ApiRouter(registry);
        assertThat(router.route(ChatRequest.builder().model("acme.model-v1:0").user("Hi").build()).formatter())
                .hasValueSatisfying(f -> assertThat(f.family()).isEqualTo("acme"));
        assertThat(router.route(ChatRequest.builder().model("acme.model-v1:0").user("Hi")
                .tool(new Tool("t", "a tool", new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode()
                        .put("type", "object")))
                .build()).converse()).as("tools still go to Converse").isTrue();
    }
}
