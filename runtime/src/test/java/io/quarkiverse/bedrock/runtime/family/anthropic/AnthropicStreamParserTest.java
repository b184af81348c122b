package io.quarkiverse.bedrock.runtime.family.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ChatResponseAssembler;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Usage;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.StreamInterruptedException;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamEncoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.family.NativeStreamEvents;
import io.vertx.core.buffer.Buffer;

/** The Anthropic events of InvokeModelWithResponseStream, framed as Bedrock sends them, through our decoder and parser. */
class AnthropicStreamParserTest {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Frames each event as a {@code chunk} event with base64 {@code bytes}, as Bedrock does. */
    static Buffer frames(String... events) {
        Buffer out = Buffer.buffer();
        for (String event : events) {
            String payload = "{\"bytes\":\"" + Base64.getEncoder().encodeToString(event.getBytes(StandardCharsets.UTF_8))
                    + "\",\"p\":\"abcd\"}";
            out.appendBuffer(EventStreamEncoder.encode(EventStreamMessage.jsonEvent("chunk", payload)));
        }
        return out;
    }

    static List<Chunk> parse(Buffer stream) {
        EventStreamDecoder decoder = new EventStreamDecoder();
        NativeStreamEvents events = new NativeStreamEvents(JSON, new AnthropicFamily().streamParser(JSON), "req-9");
        List<Chunk> out = new ArrayList<>();
        // one byte at a time: frames split across reads must still decode
        for (int i = 0; i < stream.length(); i++) {
            for (EventStreamMessage m : decoder.feed(stream.slice(i, i + 1))) {
                events.accept(m, out::add);
            }
        }
        decoder.complete();
        events.finish();
        return out;
    }

    static ChatResponse assemble(List<Chunk> chunks) {
        ChatResponseAssembler a = new ChatResponseAssembler("m");
        chunks.forEach(a::accept);
        return a.response();
    }

    static final String START = """
            {"type":"message_start","message":{"id":"msg_1","type":"message","role":"assistant","content":[],
             "usage":{"input_tokens":21,"cache_read_input_tokens":7,"cache_creation_input_tokens":3,"output_tokens":1}}}""";

    @Test
    void thinkingTextAndToolCallWithSplitArguments() {
        List<Chunk> chunks = parse(frames(START,
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Need \"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"weather\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"SIG==\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"redacted_thinking\",\"data\":\"RED==\"}}",
                "{\"type\":\"content_block_stop\",\"index\":1}",
                "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"text_delta\",\"text\":\"Let me \"}}",
                "{\"type\":\"ping\"}",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"text_delta\",\"text\":\"check.\"}}",
                "{\"type\":\"content_block_stop\",\"index\":2}",
                "{\"type\":\"content_block_start\",\"index\":3,\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_1\",\"name\":\"get_weather\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"city\\\": \\\"Pa\"}}",
                "{\"type\":\"content_block_delta\",\"index\":3,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"ris\\\"}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":3}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\",\"stop_sequence\":null},\"usage\":{\"output_tokens\":57}}",
                "{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":21,\"outputTokenCount\":57,\"invocationLatency\":812,\"firstByteLatency\":300}}"));

        assertThat(chunks).contains(new Chunk.ThinkingDelta("Need ", null, null), new Chunk.ThinkingDelta(null, "SIG==", null),
                new Chunk.ThinkingDelta(null, null, "RED=="), new Chunk.ToolCallStart(3, "toolu_1", "get_weather"),
                new Chunk.ToolCallDelta(3, "{\"city\": \"Pa"));
        assertThat(chunks.subList(chunks.size() - 3, chunks.size())).containsExactly(new Chunk.Stop(StopReason.TOOL_USE),
                new Chunk.UsageChunk(new Usage(21, 57, 88, 7, 3)),
                new Chunk.Metadata(812, "req-9", "invoke-with-response-stream"));

        ChatResponse response = assemble(chunks);
        assertThat(response.message().content()).containsExactly(new ContentBlock.Reasoning("Need weather", "SIG==", null),
                new ContentBlock.Reasoning(null, null, "RED=="), new ContentBlock.Text("Let me check."),
                new ContentBlock.ToolUse("toolu_1", "get_weather", JSON.createObjectNode().put("city", "Paris")));
        assertThat(response.stopReason()).isEqualTo(StopReason.TOOL_USE);
    }

    @Test
    void toolCallWithoutArgumentsGetsAnEmptyObject() {
        List<Chunk> chunks = parse(frames(START,
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"now\",\"input\":{}}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":5}}",
                "{\"type\":\"message_stop\"}"));
        assertThat(chunks).contains(new Chunk.ToolCall(0, "t", "now", JSON.createObjectNode()));
    }

    @Test
    void streamWithoutStopFailsInsteadOfEndingQuietly() {
        assertThatThrownBy(() -> parse(frames(START,
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hi\"}}")))
                .isInstanceOf(StreamInterruptedException.class).hasMessageContaining("req-9");
    }

    @Test
    void errorEventAndBrokenArgumentsAreTypedErrors() {
        assertThatThrownBy(() -> parse(frames(START,
                "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}")))
                .isInstanceOf(BedrockServiceException.class).hasMessageContaining("Overloaded");
        assertThatThrownBy(() -> parse(frames(START,
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t\",\"name\":\"x\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"a\\\":\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}")))
                .isInstanceOf(BedrockServiceException.class).hasMessageContaining("not valid JSON");
    }

    @Test
    void nonStreamingAnswerWithThinkingToolsAndCacheUsage() throws Exception {
        JsonNode body = JSON.readTree(
                """
                        {"id":"msg_1","type":"message","role":"assistant","content":[
                          {"type":"thinking","thinking":"Hmm","signature":"S1"},
                          {"type":"redacted_thinking","data":"R1"},
                          {"type":"text","text":"Calling."},
                          {"type":"tool_use","id":"toolu_2","name":"add","input":{"a":2,"b":3}}],
                         "stop_reason":"tool_use","stop_sequence":null,
                         "usage":{"input_tokens":4,"cache_creation_input_tokens":18131,"cache_read_input_tokens":0,"output_tokens":50}}""");
        ChatResponse r = new AnthropicFamily().response(body, "anthropic.claude-x", "rid");
        assertThat(r.message().content()).containsExactly(new ContentBlock.Reasoning("Hmm", "S1", null),
                new ContentBlock.Reasoning(null, null, "R1"), new ContentBlock.Text("Calling."),
                new ContentBlock.ToolUse("toolu_2", "add", JSON.readTree("{\"a\":2,\"b\":3}")));
        assertThat(r.usage()).isEqualTo(new Usage(4, 50, 18185, 0, 18131));
        assertThat(r.stopReason()).isEqualTo(StopReason.TOOL_USE);
        assertThat(r.requestId()).isEqualTo("rid");
    }
}
