package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ChatResponseAssembler;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.runtime.family.ConverseFormatter;
import io.quarkiverse.bedrock.runtime.family.fixtures.ReqllmScenarios;
import io.quarkiverse.bedrock.runtime.family.openai.OpenAiFamily;
import io.quarkiverse.bedrock.runtime.testsupport.TestData;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.RecordedRequest;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Every ReqLLM gpt-oss, Llama and Cohere chat fixture, end to end: the injected client sends the scenario's logical
 * input, the emulator checks where it went and replays the recorded answer byte for byte, and the client's answer holds
 * the recorded text, reasoning, tool calls, usage and stop reason.
 * <p>
 * Deliberate differences, as in the runtime fidelity tests: ReqLLM's own gpt-oss extras ({@code seed}, {@code stream},
 * {@code stream_options}) are passed as additional model request fields; our tool results carry
 * {@code status: success}; the Llama and gpt-oss tool fixtures that ReqLLM sent natively or to Converse set
 * {@code useConverse} to take the same route as the recording.
 */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class NativeFamiliesReplayTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    @Bedrock
    BedrockClient bedrock;

    static Stream<ReqllmScenarios.Fixture> chatFixtures() {
        List<ReqllmScenarios.Fixture> all = new ArrayList<>();
        for (String slug : List.of("openai_gpt_oss_20b_1_0", "openai_gpt_oss_120b_1_0", "meta_llama3_3_70b_instruct_v1_0",
                "cohere_command_r_v1_0", "cohere_command_r_plus_v1_0")) {
            all.addAll(ReqllmScenarios.all(TestData.dir("reqllm/" + slug)));
        }
        assertThat(all).hasSize(20 + 9 + 20);
        return all.stream();
    }

    private static ChatRequest logicalInput(ReqllmScenarios.Fixture f) {
        ReqllmScenarios.Fixture first = f.scenario().equals("tool_round_trip_2")
                ? ReqllmScenarios.load(f.file().resolveSibling("tool_round_trip_1.json"))
                : null;
        boolean gptOss = f.slug().startsWith("openai");
        ChatRequest.Builder b = ReqllmScenarios.request(f.modelId(), f.scenario(), gptOss, first);
        if (gptOss && f.operation().startsWith("invoke")) {
            b.options(ReqllmScenarios.gptOssExtras(f.canonicalJson()));
            if (f.scenario().startsWith("object_")) {
                ReqllmScenarios.forced(b);
            }
        } else if (f.slug().startsWith("meta")) {
            b.options(BedrockOptions.builder().useConverse(true).build());
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chatFixtures")
    void replaysThroughTheClient(ReqllmScenarios.Fixture f) {
        ChatRequest request = logicalInput(f);
        emulator.enqueue(Reply.replay(f.file()));
        boolean streaming = f.operation().endsWith("-stream");
        ChatResponse ours;
        List<Chunk> chunks = List.of();
        if (streaming) {
            chunks = bedrock.stream(request).collect().asList().await().atMost(WAIT);
            ChatResponseAssembler assembler = new ChatResponseAssembler(f.modelId());
            chunks.forEach(assembler::accept);
            ours = assembler.response();
        } else {
            ours = bedrock.chat(request).await().atMost(WAIT);
        }

        RecordedRequest sent = emulator.lastRequest();
        assertThat(sent.operation()).isEqualTo(f.operation());
        assertThat(sent.modelId()).isEqualTo(f.modelId());
        ObjectNode body = (ObjectNode) readTree(sent.bodyAsString());
        body.findParents("toolResult").forEach(p -> ((ObjectNode) p.get("toolResult")).remove("status"));
        assertThat(body).isEqualTo(f.canonicalJson());

        ChatResponse expected = expected(f, chunks);
        assertThat(ours.text()).isEqualTo(expected.text());
        assertThat(ours.reasoning()).extracting(ContentBlock.Reasoning::text)
                .containsExactlyElementsOf(expected.reasoning().stream().map(ContentBlock.Reasoning::text).toList());
        assertThat(ours.toolCalls()).extracting(ContentBlock.ToolUse::name, ContentBlock.ToolUse::input)
                .containsExactlyElementsOf(expected.toolCalls().stream()
                        .map(t -> org.assertj.core.groups.Tuple.tuple(t.name(), t.input())).toList());
        assertThat(ours.stopReason()).isEqualTo(expected.stopReason());
        assertThat(ours.usage().inputTokens()).isEqualTo(expected.usage().inputTokens());
        assertThat(ours.usage().outputTokens()).isEqualTo(expected.usage().outputTokens());
        if (streaming) {
            assertThat(chunks).last().isInstanceOfSatisfying(Chunk.Metadata.class,
                    m -> assertThat(m.api()).isEqualTo(f.operation()));
        }
    }

    /**
     * What the recording says: non-streaming bodies read by the formatter unit-tested against the raw JSON
     * (GptOssFixturesTest, ConverseFixturesTest); streams by reading the recorded bytes without the network.
     */
    private ChatResponse expected(ReqllmScenarios.Fixture f, List<Chunk> ignored) {
        if (f.operation().equals("invoke")) {
            return new OpenAiFamily().response(f.responseBody(), f.modelId(), null);
        }
        if (f.operation().equals("converse")) {
            return new ConverseFormatter(JSON).response(f.responseBody(), f.modelId(), null);
        }
        return StreamedFixtures.assemble(f);
    }

    private static JsonNode readTree(String s) {
        try {
            return JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
