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
import io.quarkiverse.bedrock.deployment.ModelFamilyBuildItem;
import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A family contributed by another extension's build step (a {@link ModelFamilyBuildItem}) is served end to end by the
 * injected client against the Dev Services emulator: its native format for plain requests (the stream reports
 * {@code invoke-with-response-stream}, which an unregistered family never reaches), its Converse adjustments for
 * requests with tools.
 */
class ContributedFamilyTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClass(WriterFamily.class))
            .overrideConfigKey("quarkus.aws-bedrock.devservices.ignore-ambient-credentials", "true")
            .overrideConfigKey("quarkus.aws-bedrock.devservices.inter-token-delay", "0s")
            .addBuildChainCustomizer(chain -> chain.addBuildStep(new BuildStep() {
                @Override
                public void execute(BuildContext context) {
                    context.produce(new ModelFamilyBuildItem("io.quarkiverse.bedrock.test.families.WriterFamily"));
                }
            }).produces(ModelFamilyBuildItem.class).build());

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WRITER = "writer.palmyra-x5-v1:0";

    @Inject
    @Bedrock
    BedrockClient client;

    @Test
    void plainRequestsUseTheFamilyNativeFormat() {
        ChatResponse answer = client.chat(ChatRequest.builder().model(WRITER).user("Hello").build()).await().atMost(WAIT);
        assertThat(answer.text()).isNotBlank();
        assertThat(answer.usage().outputTokens()).isPositive();
        assertThat(answer.reasoning()).as("the native body asks for no thinking").isEmpty();

        List<Chunk> chunks = client.stream(ChatRequest.builder().model("us." + WRITER).user("Hello").build()).collect()
                .asList().await().atMost(WAIT);
        assertThat(chunks).filteredOn(Chunk.TextDelta.class::isInstance).isNotEmpty();
        assertThat(chunks).last().isInstanceOfSatisfying(Chunk.Metadata.class,
                m -> assertThat(m.api()).isEqualTo("invoke-with-response-stream"));
    }

    @Test
    void requestsWithToolsGoToConverseWithTheFamilyAdjustments() {
        Tool tool = new Tool("get_time", "Current time", new ObjectMapper().createObjectNode().put("type", "object"));
        ChatResponse writer = client.chat(ChatRequest.builder().model(WRITER).user("Time?").tool(tool).build()).await()
                .atMost(WAIT);
        assertThat(writer.reasoning()).as("the emulator thinks when additionalModelRequestFields.thinking is on")
                .isNotEmpty();
        ChatResponse other = client.chat(ChatRequest.builder().model("cohere.command-r-v1:0").user("Time?").tool(tool)
                .build()).await().atMost(WAIT);
        assertThat(other.reasoning()).as("another family's request is not adjusted").isEmpty();
    }
}
