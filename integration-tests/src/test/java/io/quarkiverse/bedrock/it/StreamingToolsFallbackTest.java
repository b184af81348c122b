package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ChatResponseAssembler;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkiverse.bedrock.testing.ToolCall;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;

/**
 * Streaming with tools for the models Bedrock refuses it for (Mistral, Llama 3.3 70B: the model catalogue says so): the
 * client asks non-streaming Converse and emits the answer as chunks, marked {@code api=converse} in the metadata chunk.
 * Amazon Nova streams tool use (AWS documents it), so it is not degraded.
 */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class StreamingToolsFallbackTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    @Bedrock
    BedrockClient bedrock;

    static Tool tool(String name) {
        return new Tool(name, "A tool", JSON.createObjectNode().put("type", "object"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "mistral.mistral-large-2407-v1:0", "us.meta.llama3-3-70b-instruct-v1:0" })
    void streamingWithToolsIsServedByNonStreamingConverse(String model) {
        emulator.enqueue(Reply.toolCalls(ToolCall.of("get_weather", "{\"city\":\"Paris\"}"),
                ToolCall.of("get_time", "{\"zone\":\"CET\"}")).withText("Let me check."));
        ChatRequest request = ChatRequest.builder().model("bedrock:" + model).user("Weather and time in Paris?")
                .tool(tool("get_weather")).tool(tool("get_time")).build();
        List<Chunk> chunks = bedrock.stream(request).collect().asList().await().atMost(WAIT);

        assertThat(emulator.requests()).hasSize(1);
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse");
        List<Chunk.ToolCall> calls = chunks.stream().filter(Chunk.ToolCall.class::isInstance)
                .map(Chunk.ToolCall.class::cast).toList();
        assertThat(calls).extracting(Chunk.ToolCall::name).containsExactly("get_weather", "get_time");
        assertThat(calls.get(0).arguments().path("city").asText()).isEqualTo("Paris");
        assertThat(chunks).contains(new Chunk.Stop(StopReason.TOOL_USE));
        assertThat(chunks.get(chunks.size() - 1)).isInstanceOfSatisfying(Chunk.Metadata.class,
                m -> assertThat(m.api()).isEqualTo("converse"));

        ChatResponse streamed = ChatResponseAssembler.assemble(Multi.createFrom().iterable(chunks), model).await()
                .atMost(WAIT);
        assertThat(streamed.text()).isEqualTo("Let me check.");
        assertThat(streamed.toolCalls()).hasSize(2);
        assertThat(streamed.usage().outputTokens()).isPositive();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "us.amazon.nova-lite-v1:0", "amazon.nova-pro-v1:0" })
    void novaStreamsToolUseWithoutTheFallback(String model) {
        emulator.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Paris\"}"));
        ChatRequest request = ChatRequest.builder().model("bedrock:" + model).user("Weather in Paris?")
                .tool(tool("get_weather")).build();
        List<Chunk> chunks = bedrock.stream(request).collect().asList().await().atMost(WAIT);

        assertThat(emulator.requests()).hasSize(1);
        assertThat(emulator.lastRequest().operation()).isEqualTo("converse-stream");
        assertThat(chunks).filteredOn(Chunk.ToolCall.class::isInstance).extracting(c -> ((Chunk.ToolCall) c).name())
                .containsExactly("get_weather");
        assertThat(chunks.get(chunks.size() - 1)).isInstanceOfSatisfying(Chunk.Metadata.class,
                m -> assertThat(m.api()).isEqualTo("converse-stream"));
    }

    @Test
    void withoutToolsTheSameModelsStream() {
        List<Chunk> chunks = bedrock.stream(ChatRequest.builder().model("bedrock:mistral.mistral-large-2407-v1:0")
                .user("Hi").build()).collect().asList().await().atMost(WAIT);
        assertThat(chunks.get(chunks.size() - 1)).isInstanceOfSatisfying(Chunk.Metadata.class,
                m -> assertThat(m.api()).isNotEqualTo("converse"));
        assertThat(emulator.lastRequest().operation()).isNotEqualTo("converse");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "meta.llama3-8b-instruct-v1:0", "meta.llama3-2-1b-instruct-v1:0", "meta.llama2-13b-chat-v1" })
    void llamaModelsWithoutToolSupportFailBeforeSendingAnything(String model) {
        ChatRequest request = ChatRequest.builder().model("bedrock:" + model).user("Hi").tool(tool("get_weather"))
                .build();
        Throwable streamed = catchThrowable(() -> bedrock.stream(request).collect().asList().await().atMost(WAIT));
        Throwable chatted = catchThrowable(() -> bedrock.chat(request).await().atMost(WAIT));
        assertThat(streamed).isInstanceOf(InvalidRequestException.class).hasMessageContaining("does not support tool use")
                .hasMessageContaining("remove the tools");
        assertThat(chatted).isInstanceOf(InvalidRequestException.class);
        assertThat(emulator.requests()).isEmpty();
    }
}
