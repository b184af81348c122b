package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ChatResponseAssembler;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.ToolChoice;
import io.quarkiverse.bedrock.api.error.ValidationException;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.RecordedRequest;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** Claude through the native InvokeModel APIs and Converse, end to end against the emulator. */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class ClaudeNativeClientTest extends EmulatorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = Duration.ofSeconds(20);
    static final String SONNET = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";

    @Inject
    @Bedrock
    BedrockClient bedrock;

    static Tool weather() throws Exception {
        return new Tool("get_weather", "Weather of a city",
                JSON.readTree("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},\"required\":[\"city\"]}"));
    }

    static JsonNode body(RecordedRequest r) throws Exception {
        return JSON.readTree(r.body());
    }

    @ParameterizedTest
    @ValueSource(strings = { "anthropic.claude-3-haiku-20240307-v1:0", SONNET, "us.anthropic.claude-opus-4-1-20250805-v1:0",
            "eu.anthropic.claude-haiku-4-5-20251001-v1:0", "apac.anthropic.claude-3-5-sonnet-20240620-v1:0",
            "jp.anthropic.claude-sonnet-4-5-20250929-v1:0" })
    void plainRequestsUseTheNativeApisWithTheIdAsGiven(String model) throws Exception {
        emulator.enqueue(Reply.text("Hello from Claude"));
        ChatResponse answer = bedrock.chat(ChatRequest.builder().model("bedrock:" + model).system("Be brief").user("Hi")
                .build()).await().atMost(WAIT);
        assertThat(answer.text()).isEqualTo("Hello from Claude");
        assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
        RecordedRequest sent = emulator.lastRequest();
        assertThat(sent.operation()).isEqualTo("invoke");
        assertThat(sent.modelId()).isEqualTo(model);
        assertThat(body(sent).get("anthropic_version").asText()).isEqualTo("bedrock-2023-05-31");

        emulator.enqueue(Reply.text("Streamed hello from Claude"));
        List<Chunk> chunks = bedrock.stream(ChatRequest.builder().model(model).user("Hi").build()).collect().asList()
                .await().atMost(WAIT);
        assertThat(emulator.lastRequest().operation()).isEqualTo("invoke-with-response-stream");
        assertThat(emulator.lastRequest().modelId()).isEqualTo(model);
        assertThat(chunks.stream().filter(Chunk.TextDelta.class::isInstance).count()).isGreaterThan(1);
        ChatResponseAssembler assembler = new ChatResponseAssembler(model);
        chunks.forEach(assembler::accept);
        assertThat(assembler.response().text()).isEqualTo("Streamed hello from Claude");
        assertThat(chunks.get(chunks.size() - 1)).isInstanceOfSatisfying(Chunk.Metadata.class,
                m -> assertThat(m.api()).isEqualTo("invoke-with-response-stream"));
        assertThat(chunks).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(Chunk.UsageChunk.class,
                u -> assertThat(u.usage().outputTokens()).isPositive()));
    }

    @Test
    void anApplicationInferenceProfileArnUsesTheNativeApiWithTheFamilyOption() {
        String arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3";
        emulator.enqueue(Reply.text("Via profile"));
        ChatResponse answer = bedrock.chat(ChatRequest.builder().model(arn).user("Hi")
                .options(BedrockOptions.builder().family("anthropic").build()).build()).await().atMost(WAIT);
        assertThat(answer.text()).isEqualTo("Via profile");
        assertThat(emulator.lastRequest().operation()).isEqualTo("invoke");
        assertThat(emulator.lastRequest().modelId()).isEqualTo(arn);
    }

    @Test
    void toolsGoToConverseUnlessTheNativeApiIsAskedFor() throws Exception {
        emulator.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        ChatResponse viaConverse = bedrock.chat(ChatRequest.builder().model(SONNET).user("Weather in Paris?")
                .tool(weather()).build()).await().atMost(WAIT);
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse");
        assertThat(viaConverse.toolCalls()).extracting(ContentBlock.ToolUse::name).containsExactly("get_weather");

        emulator.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        ChatRequest nativeTools = ChatRequest.builder().model(SONNET).user("Weather in Paris?").tool(weather())
                .toolChoice(ToolChoice.tool("get_weather")).options(BedrockOptions.builder().useConverse(false).build())
                .build();
        ChatResponse streamed = ChatResponseAssembler.assemble(bedrock.stream(nativeTools), SONNET).await().atMost(WAIT);
        RecordedRequest sent = emulator.lastRequest();
        assertThat(sent.operation()).isEqualTo("invoke-with-response-stream");
        assertThat(body(sent).at("/tools/0/input_schema/required/0").asText()).isEqualTo("city");
        assertThat(body(sent).get("tool_choice")).isEqualTo(JSON.readTree("{\"type\":\"tool\",\"name\":\"get_weather\"}"));
        assertThat(streamed.toolCalls()).containsExactly(new ContentBlock.ToolUse(streamed.toolCalls().get(0).id(),
                "get_weather", JSON.readTree("{\"city\":\"Paris\"}")));
        assertThat(streamed.stopReason()).isEqualTo(StopReason.TOOL_USE);
    }

    @Test
    void thinkingWithToolsKeepsSignaturesAcrossTurnsNatively() throws Exception {
        thinkingToolRoundTrip(BedrockOptions.builder().useConverse(false).reasoningEffort("low").build(),
                "invoke-with-response-stream", "invoke");
    }

    @Test
    void thinkingWithToolsKeepsSignaturesAcrossTurnsOnConverse() throws Exception {
        thinkingToolRoundTrip(BedrockOptions.builder().reasoningEffort("low").build(), "converse-stream", "converse");
    }

    private void thinkingToolRoundTrip(BedrockOptions options, String streamOp, String chatOp) throws Exception {
        ChatRequest first = ChatRequest.builder().model(SONNET).user("Weather in Paris?").tool(weather())
                .options(options).build();
        emulator.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        ChatResponse turn1 = ChatResponseAssembler.assemble(bedrock.stream(first), SONNET).await().atMost(WAIT);
        assertThat(emulator.lastRequest().operation()).isEqualTo(streamOp);
        assertThat(turn1.reasoning()).hasSize(1);
        ContentBlock.Reasoning thinking = turn1.reasoning().get(0);
        assertThat(thinking.text()).isNotBlank();
        assertThat(thinking.signature()).isNotBlank();
        ContentBlock.ToolUse call = turn1.toolCalls().get(0);

        ChatRequest second = first.toBuilder().message(turn1.message())
                .message(new Message(Role.USER, List.of(new ContentBlock.ToolResult(call.id(),
                        JSON.getNodeFactory().textNode("18 degrees, sunny"), false))))
                .build();
        emulator.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Lyon\"}"));
        ChatResponse turn2 = bedrock.chat(second).await().atMost(WAIT);
        assertThat(emulator.lastRequest().operation()).isEqualTo(chatOp);
        String sent = emulator.lastRequest().bodyAsString();
        assertThat(sent).contains(thinking.signature());
        assertThat(turn2.reasoning()).hasSize(1).first().satisfies(r -> assertThat(r.signature()).isNotBlank());

        // turn 3 replays both earlier thinking blocks, unchanged, in their own turns
        ChatRequest third = second.toBuilder().message(turn2.message())
                .message(new Message(Role.USER, List.of(new ContentBlock.ToolResult(turn2.toolCalls().get(0).id(),
                        JSON.getNodeFactory().textNode("20 degrees"), false))))
                .build();
        emulator.enqueue(Reply.text("Paris 18, Lyon 20."));
        ChatResponse turn3 = bedrock.chat(third).await().atMost(WAIT);
        assertThat(turn3.text()).isEqualTo("Paris 18, Lyon 20.");
        assertThat(emulator.lastRequest().bodyAsString()).contains(thinking.signature())
                .contains(turn2.reasoning().get(0).signature());

        // the emulator checks signatures like Bedrock: a changed thinking text is refused
        List<ContentBlock> tampered = new ArrayList<>(turn1.message().content());
        tampered.set(0, new ContentBlock.Reasoning(thinking.text() + " (edited)", thinking.signature(), null));
        ChatRequest bad = first.toBuilder().message(new Message(Role.ASSISTANT, tampered))
                .message(new Message(Role.USER, List.of(new ContentBlock.ToolResult(call.id(),
                        JSON.getNodeFactory().textNode("18"), false))))
                .build();
        assertThatThrownBy(() -> bedrock.chat(bad).await().atMost(WAIT)).isInstanceOf(ValidationException.class)
                .hasMessageContaining("signature");
    }

    @Test
    void forcedToolChoiceTurnsThinkingOffSoBedrockAcceptsTheRequest() throws Exception {
        for (Boolean useConverse : new Boolean[] { null, false }) {
            emulator.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Rome\"}"));
            ChatResponse r = bedrock.chat(ChatRequest.builder().model(SONNET).user("Weather?").tool(weather())
                    .toolChoice(ToolChoice.any())
                    .options(BedrockOptions.builder().useConverse(useConverse).reasoningEffort("high").build()).build())
                    .await().atMost(WAIT);
            assertThat(r.toolCalls()).hasSize(1);
            assertThat(r.reasoning()).isEmpty();
            assertThat(emulator.lastRequest().bodyAsString()).doesNotContain("budget_tokens");
        }
    }

    @Test
    void promptCacheCheckpointsReachBedrockOnBothRoutes() throws Exception {
        BedrockOptions cache = BedrockOptions.builder().anthropicPromptCache(true).anthropicPromptCacheTtl("1h").build();
        bedrock.chat(ChatRequest.builder().model(SONNET).system("Long manual").user("Q").options(cache).build())
                .await().atMost(WAIT);
        JsonNode nativeBody = body(emulator.lastRequest());
        assertThat(nativeBody.at("/system/0/cache_control/ttl").asText()).isEqualTo("1h");
        assertThat(nativeBody.at("/messages/0/content/0/cache_control/type").asText()).isEqualTo("ephemeral");

        bedrock.chat(ChatRequest.builder().model(SONNET).system("Long manual").user("Q").tool(weather()).options(cache)
                .build()).await().atMost(WAIT);
        JsonNode converseBody = body(emulator.lastRequest());
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse");
        assertThat(converseBody.at("/system/1/cachePoint/ttl").asText()).isEqualTo("1h");
        assertThat(converseBody.at("/toolConfig/tools/1/cachePoint/type").asText()).isEqualTo("default");
        assertThat(converseBody.at("/messages/0/content/1/cachePoint/type").asText()).isEqualTo("default");
    }

    @Test
    void attachmentsGoNativelyOrThroughConverseByFormat() throws Exception {
        byte[] png = { (byte) 0x89, 'P', 'N', 'G', 13, 10 };
        byte[] pdf = "%PDF-1.4 test".getBytes(StandardCharsets.UTF_8);
        bedrock.chat(ChatRequest.builder().model(SONNET).message(new Message(Role.USER, List.of(
                ContentBlock.image("image/png", png), ContentBlock.document("Report", "application/pdf", pdf),
                new ContentBlock.Text("Describe both")))).build()).await().atMost(WAIT);
        assertThat(emulator.lastRequest().operation()).isEqualTo("invoke");
        JsonNode content = body(emulator.lastRequest()).at("/messages/0/content");
        assertThat(content.at("/0/source/media_type").asText()).isEqualTo("image/png");
        assertThat(content.at("/1/source/media_type").asText()).isEqualTo("application/pdf");

        bedrock.chat(ChatRequest.builder().model(SONNET).message(new Message(Role.USER, List.of(
                ContentBlock.document("Plan", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        new byte[] { 80, 75, 3, 4 }),
                new ContentBlock.Text("Summarise")))).build()).await().atMost(WAIT);
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse");
        assertThat(body(emulator.lastRequest()).at("/messages/0/content/0/document/format").asText()).isEqualTo("docx");
    }
}
