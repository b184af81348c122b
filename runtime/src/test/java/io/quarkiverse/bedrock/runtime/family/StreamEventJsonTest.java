package io.quarkiverse.bedrock.runtime.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.guardrail.GuardrailTrace;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamEncoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.family.anthropic.AnthropicFamily;
import io.quarkiverse.bedrock.runtime.guardrail.TraceReader;
import io.vertx.core.buffer.Buffer;

/**
 * The streaming reading of event payloads: one parser per stream fed payload after payload, in place (slices of the
 * network read), text deltas as tokens, everything else as before, and malformed payloads as typed errors.
 */
class StreamEventJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The messages as the client gets them: encoded, then decoded from one buffer, so payloads are slices. */
    private static List<EventStreamMessage> decoded(EventStreamMessage... messages) {
        Buffer wire = Buffer.buffer();
        for (EventStreamMessage m : messages) {
            wire.appendBuffer(EventStreamEncoder.encode(m));
        }
        return new EventStreamDecoder().feed(wire);
    }

    private static EventStreamMessage event(String type, String json) {
        return EventStreamMessage.jsonEvent(type, json);
    }

    @Test
    void textDeltasInSlicesOfOneReadKeepTheirTextEscapesAndOrder() {
        ConverseStreamEvents events = new ConverseStreamEvents(JSON, "req-1", "converse-stream");
        List<Chunk> out = new ArrayList<>();
        for (EventStreamMessage m : decoded(
                event("messageStart", "{\"role\":\"assistant\",\"p\":\"abc\"}"),
                event("contentBlockDelta", "{\"p\":\"abcdefgh\",\"delta\":{\"text\":\"Caf\\u00e9 \\\"quoted\\\"\"},"
                        + "\"contentBlockIndex\":0}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":0,\"future\":{\"a\":[1,{\"b\":null}]},"
                        + "\"delta\":{\"text\":\" \uD83D\uDE00 line\\nbreak\"},\"p\":\"ab\"}  "),
                event("contentBlockStop", "{\"contentBlockIndex\":0}"),
                event("contentBlockStart", "{\"contentBlockIndex\":1,\"start\":{\"toolUse\":"
                        + "{\"toolUseId\":\"t-1\",\"name\":\"weather\"}}}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\"{\\\"city\\\"\"}}}"),
                event("contentBlockDelta", "{\"contentBlockIndex\":1,\"delta\":{\"toolUse\":{\"input\":\":\\\"Oslo\\\"}\"}}}"),
                event("contentBlockStop", "{\"contentBlockIndex\":1}"),
                event("messageStop", "{\"stopReason\":\"tool_use\"}"))) {
            events.accept(m, out::add);
        }
        events.finish();

        assertThat(out).filteredOn(Chunk.TextDelta.class::isInstance).map(c -> ((Chunk.TextDelta) c).text())
                .containsExactly("Café \"quoted\"", " \uD83D\uDE00 line\nbreak");
        assertThat(out).filteredOn(Chunk.ToolCall.class::isInstance).singleElement()
                .satisfies(c -> assertThat(((Chunk.ToolCall) c).arguments().path("city").asText()).isEqualTo("Oslo"));
        assertThat(out).last().isInstanceOf(Chunk.Stop.class);
    }

    @Test
    void malformedPayloadsAreTypedErrorsNamingTheEvent() {
        for (String payload : List.of("{\"contentBlockIndex\":0,\"delta\":{\"text\":\"cut", "[1,2]", "",
                "{\"delta\":{\"text\":\"a\"}} {\"x\":1}", "{\"delta\":{\"text\":\"a\"}}}")) {
            ConverseStreamEvents events = new ConverseStreamEvents(JSON, "req-2", "converse-stream");
            events.accept(event("contentBlockDelta", "{\"delta\":{\"text\":\"ok\"}}"), c -> {
            });
            assertThatThrownBy(() -> events.accept(event("contentBlockDelta", payload), c -> {
            })).as(payload).isInstanceOfSatisfying(BedrockServiceException.class, e -> {
                assertThat(e.errorType()).isEqualTo("MalformedEvent");
                assertThat(e.getMessage()).contains("contentBlockDelta event is not valid JSON");
            });
        }
        ConverseStreamEvents events = new ConverseStreamEvents(JSON, "req-3", "converse-stream");
        assertThatThrownBy(() -> events.accept(event("metadata", "{\"usage\":{\"inputTokens\":1"), c -> {
        })).isInstanceOfSatisfying(BedrockServiceException.class,
                e -> assertThat(e.getMessage()).contains("metadata event is not valid JSON"));
    }

    @Test
    void stopAndMetadataReadAsTokensConvertAsTheirTreesDid() throws Exception {
        // the expected chunks come from the whole event read as a tree, as the conversion did before
        for (String metadata : List.of(
                "{\"usage\":{\"inputTokens\":12,\"outputTokens\":3,\"totalTokens\":15,\"cacheDetails\":"
                        + "[{\"ttl\":\"5m\",\"inputTokens\":4}]},\"metrics\":{\"latencyMs\":321},\"p\":\"ab\"}",
                "{\"metrics\":{\"other\":[1,2],\"latencyMs\":\"77\"},\"usage\":null,\"trace\":{\"x\":1,"
                        + "\"guardrail\":{\"actionReason\":\"blocked\",\"modelOutput\":[\"a\"]}}}",
                "{\"metrics\":{\"latencyMs\":1.5e3},\"metrics\":{\"nothing\":true},\"trace\":\"none\"}",
                "{\"metrics\":{\"latencyMs\":123456789012345678901234},\"usage\":{\"inputTokens\":\"7\"}}",
                "{\"metrics\":[1],\"trace\":{\"guardrail\":null}}", "{}", "")) {
            JsonNode event = metadata.isEmpty() ? MissingNode.getInstance() : JSON.readTree(metadata);
            List<Chunk> expected = new ArrayList<>();
            if (event.has("usage")) {
                expected.add(new Chunk.UsageChunk(ConverseFormatter.usage(event.path("usage"))));
            }
            GuardrailTrace trace = TraceReader.read(event.path("trace").path("guardrail"));
            if (trace != null) {
                expected.add(new Chunk.GuardrailChunk(trace));
            }
            expected.add(new Chunk.Metadata(event.path("metrics").path("latencyMs").asLong(-1), "req-5", "converse-stream"));

            ConverseStreamEvents events = new ConverseStreamEvents(JSON, "req-5", "converse-stream");
            List<Chunk> out = new ArrayList<>();
            for (EventStreamMessage m : decoded(event("metadata", metadata))) {
                events.accept(m, out::add);
            }
            assertThat(out).as(metadata).containsExactlyElementsOf(expected);
        }
        for (String stop : List.of("{\"stopReason\":\"max_tokens\",\"additionalModelResponseFields\":{\"a\":[]}}",
                "{\"stopReason\":null}", "{\"stopReason\":{\"x\":1}}", "{\"stopReason\":7}", "{}", "")) {
            JsonNode event = stop.isEmpty() ? MissingNode.getInstance() : JSON.readTree(stop);
            ConverseStreamEvents events = new ConverseStreamEvents(JSON, "req-6", "converse-stream");
            List<Chunk> out = new ArrayList<>();
            for (EventStreamMessage m : decoded(event("messageStop", stop))) {
                events.accept(m, out::add);
            }
            events.finish();
            assertThat(out).as(stop)
                    .containsExactly(new Chunk.Stop(StopReason.fromWire(event.path("stopReason").asText(null))));
        }
    }

    @Test
    void aBlockStopFindsItsToolCallByTheIndexAsTheTreeReadIt() {
        for (String index : List.of("3", "\"3\"", "3.7")) {
            ConverseStreamEvents events = new ConverseStreamEvents(JSON, "req-7", "converse-stream");
            List<Chunk> out = new ArrayList<>();
            for (EventStreamMessage m : decoded(
                    event("contentBlockStart", "{\"contentBlockIndex\":3,\"start\":{\"toolUse\":"
                            + "{\"toolUseId\":\"t-3\",\"name\":\"weather\"}}}"),
                    event("contentBlockDelta", "{\"contentBlockIndex\":3,\"delta\":{\"toolUse\":{\"input\":\"{}\"}}}"),
                    event("contentBlockStop", "{\"p\":{\"q\":[{}]},\"contentBlockIndex\":" + index + "}"))) {
                events.accept(m, out::add);
            }
            assertThat(out).as(index).filteredOn(Chunk.ToolCall.class::isInstance).hasSize(1);
        }
    }

    @Test
    void eventsWithNothingToEmitMustStillBeJson() {
        for (String type : List.of("messageStart", "someFutureEvent")) {
            ConverseStreamEvents events = new ConverseStreamEvents(JSON, "req-8", "converse-stream");
            List<Chunk> out = new ArrayList<>();
            events.accept(event(type, "{\"role\":\"assistant\",\"x\":{\"y\":[1,2]}}"), out::add);
            assertThat(out).isEmpty();
            for (String bad : List.of("{\"role\":\"assist", "[1]", "{\"role\":1}}")) {
                assertThatThrownBy(() -> new ConverseStreamEvents(JSON, "req-8", "converse-stream")
                        .accept(event(type, bad), c -> {
                        })).as(bad).isInstanceOfSatisfying(BedrockServiceException.class,
                                e -> assertThat(e.getMessage()).contains(type + " event is not valid JSON"));
            }
        }
        assertThatThrownBy(() -> new ConverseStreamEvents(JSON, "req-9", "converse-stream")
                .accept(event("messageStop", "{\"stopReason\":\"end_turn\""), c -> {
                })).isInstanceOfSatisfying(BedrockServiceException.class,
                        e -> assertThat(e.getMessage()).contains("messageStop event is not valid JSON"));
    }

    @Test
    void nativeChunksDecodeTheirBase64FromTheParserAndReadTheFamilysJson() {
        NativeStreamEvents events = new NativeStreamEvents(JSON, new AnthropicFamily().streamParser(JSON), "req-4");
        List<Chunk> out = new ArrayList<>();
        List<String> chunks = List.of("{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":3}}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"Hé\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"llo!\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}",
                "{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{\"invocationLatency\":42}}");
        List<EventStreamMessage> messages = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            String b64 = Base64.getEncoder().encodeToString(chunks.get(i).getBytes(StandardCharsets.UTF_8));
            messages.add(event("chunk", "{\"p\":\"" + "abcdefgh".substring(0, i + 1) + "\",\"bytes\":\"" + b64 + "\"}"));
        }
        for (EventStreamMessage m : decoded(messages.toArray(EventStreamMessage[]::new))) {
            events.accept(m, out::add);
        }
        events.finish();

        assertThat(out).filteredOn(Chunk.TextDelta.class::isInstance).map(c -> ((Chunk.TextDelta) c).text())
                .containsExactly("Hé", "llo!");
        assertThat(out).filteredOn(Chunk.Metadata.class::isInstance).singleElement()
                .satisfies(m -> assertThat(((Chunk.Metadata) m).latencyMs()).isEqualTo(42));
    }

    @Test
    void nativeChunksWithoutBase64JsonAreTypedErrors() {
        for (String payload : List.of("{\"bytes\":\"not base64!\"}", "{\"p\":\"abc\"}", "{\"bytes\":\"e30\"} x",
                "{\"bytes\":\"" + Base64.getEncoder().encodeToString("[1]".getBytes(StandardCharsets.UTF_8)) + "\"}")) {
            NativeStreamEvents events = new NativeStreamEvents(JSON, new AnthropicFamily().streamParser(JSON), "req-5");
            assertThatThrownBy(() -> events.accept(event("chunk", payload), c -> {
            })).as(payload).isInstanceOfSatisfying(BedrockServiceException.class, e -> {
                assertThat(e.errorType()).isEqualTo("MalformedEvent");
                assertThat(e.getMessage()).contains("A chunk event does not hold base64 JSON");
            });
        }
    }

    @Test
    void base64TextDecodesAsTheJdkDoesPaddedOrNot() {
        Random random = new Random(18);
        Base64Text decoder = new Base64Text();
        for (int size = 0; size < 700; size++) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            String padded = Base64.getEncoder().encodeToString(data);
            for (String text : List.of(padded, Base64.getEncoder().withoutPadding().encodeToString(data))) {
                char[] chars = ("xx" + text + "yy").toCharArray();
                int n = decoder.decode(chars, 2, text.length());
                assertThat(Arrays.copyOf(decoder.bytes(), n)).as(text).isEqualTo(data);
            }
        }
        assertThatThrownBy(() -> decoder.decode("abcde".toCharArray(), 0, 5))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> decoder.decode("ab=c".toCharArray(), 0, 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'='");
        assertThatThrownBy(() -> decoder.decode("abé=".toCharArray(), 0, 4))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
