package io.quarkiverse.bedrock.runtime.family.meta;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ModelId;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.runtime.testsupport.TestData;
import io.quarkiverse.bedrock.spi.ModelFamily;

class LlamaFamilyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final LlamaFamily formatter = new LlamaFamily();

    @Test
    void promptFollowsTheLlama3TemplateWithSystemAndTurns() {
        ChatRequest request = ChatRequest.builder().model("us.meta.llama3-3-70b-instruct-v1:0").system("Be brief.")
                .system("Answer in French.").user("Hi").assistant("Bonjour").user("How are you?").build();
        assertThat(LlamaPrompt.of(request)).isEqualTo("<|begin_of_text|>"
                + "<|start_header_id|>system<|end_header_id|>\n\nBe brief.\n\nAnswer in French.<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\nBonjour<|eot_id|>"
                + "<|start_header_id|>user<|end_header_id|>\n\nHow are you?<|eot_id|>"
                + "<|start_header_id|>assistant<|end_header_id|>\n\n");
    }

    @Test
    void aFinalAssistantMessageIsLeftOpenForTheModelToContinue() {
        ChatRequest request = ChatRequest.builder().model("meta.llama3-1-8b-instruct-v1:0").user("Count")
                .assistant("1, 2,").build();
        assertThat(LlamaPrompt.of(request)).endsWith("<|start_header_id|>assistant<|end_header_id|>\n\n1, 2,");
    }

    /** openllmetry's recorded InvokeModel call sent a bare prompt; ours wraps the same text in the template. */
    @Test
    void recordedInvokeBodyAndAnswer() throws Exception {
        Path dir = TestData.dir("bedrock-recorded/openllmetry/invoke_llama3-70b-instruct");
        JsonNode recorded = JSON.readTree(dir.resolve("01.request.json").toFile()).path("body_json");
        ChatRequest request = ChatRequest.builder().model("meta.llama3-70b-instruct-v1:0")
                .user(recorded.path("prompt").asText()).maxTokens(recorded.path("max_gen_len").asInt())
                .temperature(recorded.path("temperature").asDouble()).topP(recorded.path("top_p").asDouble()).build();
        ObjectNode ours = formatter.requestBody(request, JSON);
        assertThat(ours.path("prompt").asText()).isEqualTo("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n"
                + recorded.path("prompt").asText() + "<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n");
        ours.remove("prompt");
        ObjectNode expected = recorded.deepCopy();
        expected.remove("prompt");
        assertThat(ours).isEqualTo(expected);

        JsonNode body = JSON.readTree(Files.readAllBytes(dir.resolve("01.response.body.json")));
        ChatResponse answer = formatter.response(body, "meta.llama3-70b-instruct-v1:0", "req-1");
        assertThat(answer.text()).isEqualTo(body.path("generation").asText()).startsWith("\nWhy did the opentelemetry");
        assertThat(answer.stopReason()).isEqualTo(StopReason.END_TURN);
        assertThat(answer.usage()).isEqualTo(new Usage(8, 35, 43, 0, 0));
        assertThat(answer.requestId()).isEqualTo("req-1");
    }

    @Test
    void streamedGenerationsStopAndUsageFromTheInvocationMetrics() throws Exception {
        ModelFamily.StreamParser parser = formatter.streamParser(JSON);
        List<Chunk> out = new ArrayList<>();
        parser.accept(JSON.readTree("{\"generation\":\"Hello\",\"prompt_token_count\":12,\"generation_token_count\":1,"
                + "\"stop_reason\":null}"), out::add);
        assertThat(parser.stopped()).isFalse();
        parser.accept(JSON.readTree("{\"generation\":\" there\",\"prompt_token_count\":null,\"generation_token_count\":2,"
                + "\"stop_reason\":null}"), out::add);
        parser.accept(JSON.readTree("{\"generation\":\"\",\"prompt_token_count\":null,\"generation_token_count\":3,"
                + "\"stop_reason\":\"length\",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":12,"
                + "\"outputTokenCount\":3,\"invocationLatency\":300,\"firstByteLatency\":100}}"), out::add);
        assertThat(out).containsExactly(new Chunk.TextDelta("Hello"), new Chunk.TextDelta(" there"),
                new Chunk.Stop(StopReason.MAX_TOKENS), new Chunk.UsageChunk(new Usage(12, 3, 15, 0, 0)));
        assertThat(parser.stopped()).isTrue();
    }

    @Test
    void withoutMetricsTheUsageComesFromTheTokenCounts() throws Exception {
        ModelFamily.StreamParser parser = formatter.streamParser(JSON);
        List<Chunk> out = new ArrayList<>();
        parser.accept(JSON.readTree("{\"generation\":\"Hi\",\"prompt_token_count\":5,\"generation_token_count\":1}"),
                out::add);
        parser.accept(JSON.readTree("{\"generation\":\"!\",\"generation_token_count\":2,\"stop_reason\":\"stop\"}"),
                out::add);
        assertThat(out).endsWith(new Chunk.Stop(StopReason.END_TURN), new Chunk.UsageChunk(new Usage(5, 2, 7, 0, 0)));
    }

    @Test
    void requestsTheNativeFormatCannotCarryGoToConverse() {
        assertThat(formatter.canServe(ChatRequest.builder().model("us.meta.llama3-3-70b-instruct-v1:0").user("Hi")
                .build())).isTrue();
        assertThat(formatter.canServe(ChatRequest.builder().model("us.meta.llama3-3-70b-instruct-v1:0").user("Hi")
                .stopSequences(List.of("END")).build())).isFalse();
        assertThat(formatter.canServe(ChatRequest.builder().model("us.meta.llama3-3-70b-instruct-v1:0").user("Hi")
                .tool(new Tool("t", "d", JSON.createObjectNode().put("type", "object"))).build())).isFalse();
        assertThat(formatter.supports(ModelId.parse("meta.llama2-13b-chat-v1"))).isFalse();
        assertThat(formatter.supports(ModelId.parse("us.meta.llama3-2-3b-instruct-v1:0"))).isTrue();
    }

    @Test
    void forcingTheNativeApiWithWhatItCannotCarryIsAnError() {
        ChatRequest request = ChatRequest.builder().model("us.meta.llama3-3-70b-instruct-v1:0").user("Hi")
                .stopSequences(List.of("END"))
                .options(BedrockOptions.builder().useConverse(false).build()).build();
        Assertions.assertThatThrownBy(() -> formatter.requestBody(request, JSON))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("remove use_converse=false");
    }
}
