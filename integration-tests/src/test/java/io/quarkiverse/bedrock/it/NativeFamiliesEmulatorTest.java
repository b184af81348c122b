package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ChatResponseAssembler;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** gpt-oss and Llama on their native APIs with scripted emulator answers: reasoning, streaming, stop reasons. */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class NativeFamiliesEmulatorTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    @Bedrock
    BedrockClient bedrock;

    @Test
    void gptOssReasoningIsSeparatedFromTheAnswerInChatAndStream() {
        Reply reply = Reply.text("Hello there, friend.").withThinking("The user greets me. Greet back.");
        emulator.enqueue(reply, reply);
        ChatRequest request = ChatRequest.builder().model("openai.gpt-oss-120b-1:0").system("Be kind.").user("Hello")
                .maxTokens(200).build();
        ChatResponse chat = bedrock.chat(request).await().atMost(WAIT);
        assertThat(chat.text()).isEqualTo("Hello there, friend.");
        assertThat(chat.reasoning()).singleElement().satisfies(r -> assertThat(r.text())
                .isEqualTo("The user greets me. Greet back."));

        List<Chunk> chunks = bedrock.stream(request).collect().asList().await().atMost(WAIT);
        String thinking = chunks.stream().filter(Chunk.ThinkingDelta.class::isInstance)
                .map(c -> ((Chunk.ThinkingDelta) c).text()).collect(Collectors.joining());
        String text = chunks.stream().filter(Chunk.TextDelta.class::isInstance).map(c -> ((Chunk.TextDelta) c).text())
                .collect(Collectors.joining());
        assertThat(thinking).isEqualTo("The user greets me. Greet back.");
        assertThat(text).isEqualTo("Hello there, friend.");
        ChatResponseAssembler assembler = new ChatResponseAssembler("m");
        chunks.forEach(assembler::accept);
        assertThat(assembler.response().usage()).isEqualTo(chat.usage());
        assertThat(emulator.lastRequest().operation()).isEqualTo("invoke-with-response-stream");
        JsonNode body = readTree(emulator.lastRequest().bodyAsString());
        assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(200);
    }

    @Test
    void llamaStreamsGenerationsNativelyWithStopAndUsage() {
        emulator.enqueue(Reply.text("The sky is blue because of Rayleigh scattering."));
        List<Chunk> chunks = bedrock.stream(ChatRequest.builder().model("us.meta.llama3-3-70b-instruct-v1:0")
                .system("Answer in one sentence.").user("Why is the sky blue?").maxTokens(100).build())
                .collect().asList().await().atMost(WAIT);
        assertThat(chunks.stream().filter(Chunk.TextDelta.class::isInstance).map(c -> ((Chunk.TextDelta) c).text())
                .collect(Collectors.joining())).isEqualTo("The sky is blue because of Rayleigh scattering.");
        assertThat(chunks).filteredOn(Chunk.Stop.class::isInstance).singleElement()
                .isEqualTo(new Chunk.Stop(StopReason.END_TURN));
        Chunk.UsageChunk usage = (Chunk.UsageChunk) chunks.stream().filter(Chunk.UsageChunk.class::isInstance).findFirst()
                .orElseThrow();
        assertThat(usage.usage().outputTokens()).isPositive();
        assertThat(usage.usage().inputTokens()).isPositive();
        String prompt = readTree(emulator.lastRequest().bodyAsString()).path("prompt").asText();
        assertThat(prompt).startsWith("<|begin_of_text|><|start_header_id|>system<|end_header_id|>\n\nAnswer in one sentence.")
                .endsWith("<|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    void llamaMaxTokensIsReported() {
        emulator.configure(o -> o.withTokens(50));
        ChatResponse answer = bedrock.chat(ChatRequest.builder().model("meta.llama3-1-8b-instruct-v1:0").user("Tell a story")
                .maxTokens(5).build()).await().atMost(WAIT);
        assertThat(answer.stopReason()).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(answer.usage().outputTokens()).isEqualTo(5);
        assertThat(readTree(emulator.lastRequest().bodyAsString()).path("max_gen_len").asInt()).isEqualTo(5);
    }

    private static JsonNode readTree(String s) {
        try {
            return JSON.readTree(s);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
