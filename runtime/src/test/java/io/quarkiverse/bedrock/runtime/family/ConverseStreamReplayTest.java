package io.quarkiverse.bedrock.runtime.family;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ChatResponseAssembler;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.testsupport.TestData;
import io.vertx.core.buffer.Buffer;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/**
 * Every recorded ConverseStream answer (reqllm fixtures fed chunk by chunk as received, bedrock-recorded bodies) goes
 * through our decoder and event mapping; the assembled text, tool calls, stop reason and usage must equal what the
 * recorded events contain, as read by AWS's own decoder.
 */
class ConverseStreamReplayTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    record Recording(String name, List<byte[]> chunks) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Recording> recordings() throws IOException {
        List<Recording> all = new ArrayList<>();
        Path reqllm = TestData.dir("reqllm");
        try (Stream<Path> files = Files.walk(reqllm)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode fixture = JSON.readTree(f.toFile());
                if (fixture.path("request").path("url").asText().endsWith("/converse-stream") && fixture.has("chunks")) {
                    List<byte[]> chunks = new ArrayList<>();
                    fixture.path("chunks").forEach(c -> chunks.add(Base64.getDecoder().decode(c.path("b64").asText())));
                    all.add(new Recording("reqllm/" + reqllm.relativize(f), chunks));
                }
            }
        }
        Path recorded = TestData.dir("bedrock-recorded");
        try (Stream<Path> files = Files.walk(recorded)) {
            for (Path bin : files.filter(p -> p.toString().endsWith(".response.body.bin")).sorted().toList()) {
                String prefix = bin.getFileName().toString().substring(0, 2);
                JsonNode request = JSON.readTree(bin.resolveSibling(prefix + ".request.json").toFile());
                if (request.path("uri").asText().contains("/converse-stream")) {
                    all.add(new Recording("bedrock-recorded/" + recorded.relativize(bin), List.of(Files.readAllBytes(bin))));
                }
            }
        }
        assertThat(all).hasSizeGreaterThanOrEqualTo(20);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void replaysToWhatTheRecordedEventsContain(Recording recording) throws IOException {
        ChatResponse ours = replay(recording.chunks());
        Expected expected = expected(recording.chunks());

        assertThat(ours.text()).isEqualTo(expected.text.toString());
        assertThat(ours.stopReason()).isEqualTo(StopReason.fromWire(expected.stopReason));
        assertThat(ours.toolCalls()).extracting(ContentBlock.ToolUse::name).containsExactlyElementsOf(expected.toolNames);
        assertThat(ours.toolCalls()).extracting(ContentBlock.ToolUse::input).containsExactlyElementsOf(expected.toolArguments);
        if (expected.usage != null) {
            assertThat(ours.usage().inputTokens()).isEqualTo(expected.usage.path("inputTokens").asInt());
            assertThat(ours.usage().outputTokens()).isEqualTo(expected.usage.path("outputTokens").asInt());
            assertThat(ours.usage().totalTokens()).isEqualTo(expected.usage.path("totalTokens").asInt());
        }
    }

    private static ChatResponse replay(List<byte[]> chunks) {
        EventStreamDecoder decoder = new EventStreamDecoder();
        ConverseStreamEvents events = new ConverseStreamEvents(JSON, "req-1", "converse-stream");
        ChatResponseAssembler assembler = new ChatResponseAssembler("model");
        for (byte[] chunk : chunks) {
            for (EventStreamMessage message : decoder.feed(Buffer.buffer(chunk))) {
                events.accept(message, assembler::accept);
            }
        }
        decoder.complete();
        events.finish();
        return assembler.response();
    }

    /** What the recorded events say, read with AWS's decoder and plain JSON traversal. */
    static final class Expected {
        final StringBuilder text = new StringBuilder();
        final List<String> toolNames = new ArrayList<>();
        final List<StringBuilder> toolInputs = new ArrayList<>();
        final List<JsonNode> toolArguments = new ArrayList<>();
        String stopReason;
        JsonNode usage;
    }

    private static Expected expected(List<byte[]> chunks) throws IOException {
        MessageDecoder decoder = new MessageDecoder();
        chunks.forEach(decoder::feed);
        Expected e = new Expected();
        for (Message m : decoder.getDecodedMessages()) {
            String type = m.getHeaders().get(":event-type").getString();
            JsonNode payload = JSON.readTree(new String(m.getPayload(), StandardCharsets.UTF_8));
            switch (type) {
                case "contentBlockStart" -> {
                    JsonNode toolUse = payload.path("start").path("toolUse");
                    if (toolUse.isObject()) {
                        e.toolNames.add(toolUse.path("name").asText());
                        e.toolInputs.add(new StringBuilder());
                    }
                }
                case "contentBlockDelta" -> {
                    JsonNode delta = payload.path("delta");
                    if (delta.path("text").isTextual()) {
                        e.text.append(delta.path("text").asText());
                    }
                    if (delta.path("toolUse").isObject()) {
                        e.toolInputs.get(e.toolInputs.size() - 1).append(delta.path("toolUse").path("input").asText());
                    }
                }
                case "messageStop" -> e.stopReason = payload.path("stopReason").asText();
                case "metadata" -> e.usage = payload.path("usage");
                default -> {
                }
            }
        }
        for (StringBuilder input : e.toolInputs) {
            e.toolArguments.add(input.length() == 0 ? JSON.createObjectNode() : JSON.readTree(input.toString()));
        }
        return e;
    }
}
