package io.quarkiverse.bedrock.runtime.structured;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.runtime.catalog.ModelCatalog;
import io.quarkiverse.bedrock.runtime.family.ApiRouter;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.runtime.family.anthropic.AnthropicFamily;
import io.quarkiverse.bedrock.runtime.family.openai.OpenAiFamily;

/** Which method structured output takes: the catalogue's {@code structuredOutput} flag decides. */
class StructuredOutputPlanTest {

    record City(String name) {
    }

    private static final JsonNode SCHEMA = StructuredOutput.schema(City.class);
    private static final ApiRouter ROUTER = new ApiRouter(
            new FamilyRegistry(List.of(new AnthropicFamily(), new OpenAiFamily())));

    private static StructuredOutput.Plan plan(String model, BedrockOptions options) {
        return StructuredOutput.plan(ChatRequest.builder().model(model).user("A city").options(options).build(), SCHEMA,
                ROUTER, ModelCatalog.standard());
    }

    @Test
    void aModelMarkedInTheCatalogueGetsTheSchemaAsOutputFormat() {
        StructuredOutput.Plan plan = plan("us.anthropic.claude-sonnet-4-5-20250929-v1:0", BedrockOptions.NONE);
        assertThat(plan.nativeFormat()).isTrue();
        assertThat(plan.request().options().outputSchema()).contains(SCHEMA);
        assertThat(plan.request().tools()).isEmpty();
        assertThat(ROUTER.route(plan.request()).converse()).isTrue();
    }

    @Test
    void otherModelsAndTheNativeApiKeepTheForcedTool() {
        for (StructuredOutput.Plan plan : List.of(plan("anthropic.claude-3-haiku-20240307-v1:0", BedrockOptions.NONE),
                plan("openai.gpt-oss-20b-1:0", BedrockOptions.builder().useConverse(false).build()),
                plan("arn:aws:bedrock:us-east-1:123456789012:provisioned-model/abcdefghijkl",
                        BedrockOptions.builder().family("anthropic").build()))) {
            assertThat(plan.nativeFormat()).isFalse();
            assertThat(plan.request().options().outputSchema()).isEmpty();
            assertThat(plan.request().tools()).singleElement()
                    .satisfies(t -> assertThat(t.name()).isEqualTo(StructuredOutput.TOOL));
        }
    }
}
