package io.quarkiverse.bedrock.test.families;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.runtime.family.meta.LlamaFamily;
import io.quarkiverse.bedrock.runtime.family.openai.OpenAiFamily;
import io.quarkiverse.bedrock.spi.ModelFamily;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The build steps register the gpt-oss and Llama families through {@code ModelFamilyBuildItem}, and the client
 * routes plain requests to them natively (answered by the Dev Services emulator).
 */
class BuiltInFamiliesRegistrationTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.aws-bedrock.devservices.ignore-ambient-credentials", "true")
            .overrideConfigKey("quarkus.aws-bedrock.devservices.inter-token-delay", "0s");

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    FamilyRegistry registry;

    @Inject
    @Bedrock
    BedrockClient client;

    @Test
    void theGptOssAndLlamaFamiliesAreRegistered() {
        assertThat(registry.families()).extracting(ModelFamily::getClass).map(Class::getName)
                .contains(OpenAiFamily.class.getName(), LlamaFamily.class.getName());
        assertThat(registry.families()).extracting(ModelFamily::name).contains("openai", "meta");
    }

    @Test
    void llamaAndGptOssStreamOnTheNativeApi() {
        for (String model : List.of("us.meta.llama3-3-70b-instruct-v1:0", "openai.gpt-oss-120b-1:0")) {
            List<Chunk> chunks = client.stream(ChatRequest.builder().model(model).user("Hello").build()).collect()
                    .asList().await().atMost(WAIT);
            assertThat(chunks).filteredOn(Chunk.TextDelta.class::isInstance).isNotEmpty();
            assertThat(chunks).last().isInstanceOfSatisfying(Chunk.Metadata.class,
                    m -> assertThat(m.api()).isEqualTo("invoke-with-response-stream"));
        }
        ChatResponse answer = client.chat(ChatRequest.builder().model("openai.gpt-oss-20b-1:0").user("Hi").build())
                .await().atMost(WAIT);
        assertThat(answer.text()).isNotBlank();
        assertThat(answer.usage().outputTokens()).isPositive();
    }

    @Test
    void gptOssWithToolsStreamsThroughNonStreamingConverse() {
        Tool tool = new Tool("get_time", "Current time", new ObjectMapper().createObjectNode().put("type", "object"));
        List<Chunk> chunks = client.stream(ChatRequest.builder().model("openai.gpt-oss-20b-1:0").user("Time?").tool(tool)
                .build()).collect().asList().await().atMost(WAIT);
        assertThat(chunks).last().isInstanceOfSatisfying(Chunk.Metadata.class,
                m -> assertThat(m.api()).isEqualTo("converse"));
    }
}
