package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * {@code quarkus.aws-bedrock.streaming-tools-fallback} chooses the families that go straight to non-streaming Converse;
 * a family left out still gets its answer: the client tries streaming, Bedrock refuses, the client falls back.
 */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
@TestProfile(StreamingToolsFallbackConfigTest.OnlyNova.class)
class StreamingToolsFallbackConfigTest extends EmulatorTest {

    /** Only Nova is known to refuse streaming tools. */
    public static class OnlyNova implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.aws-bedrock.streaming-tools-fallback", "amazon.nova");
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    @Bedrock
    BedrockClient bedrock;

    private List<Chunk> streamWithTool(String model, int attempts) {
        // each request the emulator receives takes a scripted reply, the refused streaming attempt too
        for (int i = 0; i < attempts; i++) {
            emulator.enqueue(Reply.toolCall("get_weather", "{\"city\":\"Lyon\"}"));
        }
        return bedrock.stream(ChatRequest.builder().model("bedrock:" + model).user("Weather?")
                .tool(StreamingToolsFallbackTest.tool("get_weather")).build()).collect().asList().await().atMost(WAIT);
    }

    @Test
    void aConfiguredFamilyGoesStraightToConverse() {
        List<Chunk> chunks = streamWithTool("amazon.nova-micro-v1:0", 1);
        assertThat(emulator.requests()).extracting(r -> r.operation()).containsExactly("converse");
        assertThat(chunks).anySatisfy(c -> assertThat(c).isInstanceOf(Chunk.ToolCall.class));
    }

    @Test
    void aFamilyLeftOutIsRefusedWhileStreamingThenServedByConverse() {
        List<Chunk> chunks = streamWithTool("mistral.mistral-large-2407-v1:0", 2);
        assertThat(emulator.requests()).extracting(r -> r.operation()).containsExactly("converse-stream", "converse");
        assertThat(chunks).anySatisfy(c -> assertThat(c).isInstanceOfSatisfying(Chunk.ToolCall.class,
                call -> assertThat(call.arguments().path("city").asText()).isEqualTo("Lyon")));
        assertThat(chunks.get(chunks.size() - 1)).isInstanceOfSatisfying(Chunk.Metadata.class,
                m -> assertThat(m.api()).isEqualTo("converse"));
    }
}
