package io.quarkiverse.bedrock.runtime.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamDecoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamEncoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.quarkiverse.bedrock.runtime.family.anthropic.AnthropicFamily;
import io.quarkiverse.bedrock.runtime.family.meta.LlamaFamily;
import io.quarkiverse.bedrock.runtime.family.openai.OpenAiFamily;
import io.quarkiverse.bedrock.runtime.testsupport.TestData;
import io.quarkiverse.bedrock.spi.ModelFamily;
import io.vertx.core.buffer.Buffer;

/**
 * The built-in families read their text deltas as tokens ({@link ModelFamily.StreamParser#accept(ModelFamily.ChunkJson,
 * Consumer)}): for recorded and written streams, with their fields in the recorded order and reordered, the chunks are
 * the ones the tree reading ({@link ModelFamily.StreamParser#accept(JsonNode, Consumer)}, all there was before) yields
 * for the recorded order.
 */
class NativeChunkTokensTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A stream's chunks (the JSON inside each {@code chunk} event's {@code bytes}) and the family that reads them. */
    record Recorded(String name, ModelFamily family, List<String> chunks) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Recorded> streams() throws IOException {
        List<Recorded> all = new ArrayList<>();
        Path recorded = TestData.dir("bedrock-recorded");
        try (Stream<Path> files = Files.walk(recorded)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".response.events.json")
                    && p.toString().contains("invoke-stream_claude")).sorted().toList()) {
                List<String> chunks = new ArrayList<>();
                for (JsonNode frame : JSON.readTree(f.toFile()).path("frames")) {
                    chunks.add(new String(Base64.getDecoder().decode(frame.at("/payload_json/bytes").asText()),
                            StandardCharsets.UTF_8));
                }
                all.add(new Recorded(recorded.relativize(f).toString(), new AnthropicFamily(), chunks));
            }
        }
        Path reqllm = TestData.dir("reqllm");
        for (String slug : List.of("openai_gpt_oss_20b_1_0", "openai_gpt_oss_120b_1_0")) {
            for (String scenario : List.of("streaming", "object_streaming")) {
                Path f = reqllm.resolve(slug).resolve(scenario + ".json");
                all.add(new Recorded(slug + "/" + scenario, new OpenAiFamily(), reqllmChunks(JSON.readTree(f.toFile()))));
            }
        }
        all.add(new Recorded("written Claude stream with thinking and a tool call", new AnthropicFamily(), List.of(
                "{\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":21,\"output_tokens\":1}}}",
                "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"thinking\",\"thinking\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"thinking_delta\",\"thinking\":\"Need \"}}",
                "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"signature_delta\",\"signature\":\"SIG==\"}}",
                "{\"type\":\"content_block_stop\",\"index\":0}",
                "{\"type\":\"content_block_start\",\"index\":1,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}",
                "{\"type\":\"content_block_delta\",\"index\":1,\"delta\":{\"type\":\"text_delta\",\"text\":\"Let me \\\"check\\\".\"}}",
                "{\"type\":\"ping\"}",
                "{\"type\":\"content_block_stop\",\"index\":1}",
                "{\"type\":\"content_block_start\",\"index\":2,\"content_block\":{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"w\",\"input\":{}}}",
                "{\"type\":\"content_block_delta\",\"index\":2,\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":\"{\\\"c\\\": 1}\"}}",
                "{\"type\":\"content_block_stop\",\"index\":2}",
                "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"tool_use\"},\"usage\":{\"output_tokens\":9}}",
                "{\"type\":\"message_stop\",\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":21,\"outputTokenCount\":9,\"invocationLatency\":812,\"firstByteLatency\":300}}")));
        all.add(new Recorded("written Llama stream", new LlamaFamily(), List.of(
                "{\"generation\":\"Hello\",\"prompt_token_count\":12,\"generation_token_count\":1,\"stop_reason\":null}",
                "{\"generation\":\" wörld\",\"prompt_token_count\":null,\"generation_token_count\":2,\"stop_reason\":null}",
                "{\"generation\":\"\",\"prompt_token_count\":null,\"generation_token_count\":3,\"stop_reason\":null}",
                "{\"generation\":\"!\",\"prompt_token_count\":null,\"generation_token_count\":4,\"stop_reason\":\"stop\","
                        + "\"amazon-bedrock-invocationMetrics\":{\"inputTokenCount\":12,\"outputTokenCount\":4,"
                        + "\"invocationLatency\":97,\"firstByteLatency\":40}}")));
        return all.stream();
    }

    static Stream<Arguments> reorderedStreams() throws IOException {
        List<Arguments> out = new ArrayList<>();
        for (Recorded r : streams().toList()) {
            out.add(Arguments.of(r, "reversed", r.chunks().stream().map(c -> reordered(c, null)).toList()));
            for (long seed = 1; seed <= 3; seed++) {
                Random random = new Random(seed);
                out.add(Arguments.of(r, "shuffled " + seed, r.chunks().stream().map(c -> reordered(c, random)).toList()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streams")
    void tokensGiveTheChunksOfTheTreeReading(Recorded recorded) {
        List<Chunk> expected = read(new TreeOnlyStreamParser(recorded.family().streamParser(JSON)), recorded.chunks());
        assertThat(expected).as("the stream ends with its stop").anyMatch(c -> c instanceof Chunk.Stop);
        assertThat(read(recorded.family().streamParser(JSON), recorded.chunks())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("reorderedStreams")
    void fieldsInAnyOrderGiveTheSameChunks(Recorded recorded, String order, List<String> chunks) {
        List<Chunk> expected = read(new TreeOnlyStreamParser(recorded.family().streamParser(JSON)), recorded.chunks());
        assertThat(read(recorded.family().streamParser(JSON), chunks)).isEqualTo(expected);
    }

    /** The token reading is what serves text deltas: a chunk whose tree would fail is still read. */
    @Test
    void textDeltasAreReadWithoutATree() throws IOException {
        assertThat(tokensOnly(new AnthropicFamily(),
                "{\"delta\":{\"text\":\"Hi\",\"type\":\"text_delta\"},\"index\":0,\"type\":\"content_block_delta\"}"))
                .containsExactly(new Chunk.TextDelta("Hi"));
        assertThat(tokensOnly(new AnthropicFamily(),
                "{\"index\":1,\"delta\":{\"thinking\":\"hmm\",\"type\":\"thinking_delta\"},\"type\":\"content_block_delta\"}"))
                .containsExactly(new Chunk.ThinkingDelta("hmm", null, null));
        assertThat(tokensOnly(new LlamaFamily(),
                "{\"stop_reason\":null,\"generation_token_count\":7,\"generation\":\" there\",\"prompt_token_count\":null}"))
                .containsExactly(new Chunk.TextDelta(" there"));
        assertThat(tokensOnly(new OpenAiFamily(),
                "{\"id\":\"c\",\"choices\":[{\"finish_reason\":null,\"delta\":{\"content\":\"Yes\"},\"index\":0}],\"usage\":null}"))
                .containsExactly(new Chunk.TextDelta("Yes"));
    }

    /** Whatever a family reads of a chunk's tokens, the rest is skipped and the metrics still make the metadata. */
    @Test
    void aFamilyReadingPartOfAChunkLeavesTheRestAndTheMetricsToTheClient() {
        ModelFamily.StreamParser firstFieldOnly = new ModelFamily.StreamParser() {
            private boolean stopped;

            @Override
            public void accept(ModelFamily.ChunkJson chunk, Consumer<Chunk> out) throws IOException {
                JsonParser p = chunk.tokens();
                p.nextToken();
                p.nextToken();
                out.accept(new Chunk.TextDelta(p.getText()));
                stopped = true;
            }

            @Override
            public void accept(JsonNode chunk, Consumer<Chunk> out) {
                throw new AssertionError("the tokens are read");
            }

            @Override
            public boolean stopped() {
                return stopped;
            }
        };
        List<Chunk> out = read(firstFieldOnly, List.of("{\"a\":\"one\",\"b\":{\"c\":[1,{\"d\":2}]}}",
                "{\"a\":\"two\",\"amazon-bedrock-invocationMetrics\":{\"invocationLatency\":31}}"));
        assertThat(out).containsExactly(new Chunk.TextDelta("one"), new Chunk.TextDelta("two"),
                new Chunk.Metadata(31, "req-18", "invoke-with-response-stream"));
    }

    /** A chunk cut short fails as a malformed event, without a delta read from its first half. */
    @Test
    void aChunkCutShortIsATypedErrorAndYieldsNothing() {
        Map<ModelFamily, String> cut = Map.of(new AnthropicFamily(),
                "{\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"a\"}",
                new LlamaFamily(), "{\"generation\":\"a\",\"stop_reason\":null",
                new OpenAiFamily(), "{\"choices\":[{\"delta\":{\"content\":\"a\"}}]");
        cut.forEach((family, chunk) -> {
            List<Chunk> out = new ArrayList<>();
            assertThatThrownBy(() -> read(family.streamParser(JSON), List.of(chunk), out))
                    .as(family.name()).isInstanceOfSatisfying(BedrockServiceException.class, e -> {
                        assertThat(e.errorType()).isEqualTo("MalformedEvent");
                        assertThat(e.getMessage()).contains("A chunk event holds bytes that are not valid JSON");
                    });
            assertThat(out).as(family.name()).isEmpty();
        });
    }

    /** The chunks NativeStreamEvents yields for the given chunk JSON, framed as Bedrock frames them. */
    static List<Chunk> read(ModelFamily.StreamParser parser, List<String> chunks) {
        List<Chunk> out = new ArrayList<>();
        read(parser, chunks, out);
        return out;
    }

    static void read(ModelFamily.StreamParser parser, List<String> chunks, List<Chunk> out) {
        Buffer frames = Buffer.buffer();
        for (int i = 0; i < chunks.size(); i++) {
            String b64 = Base64.getEncoder().encodeToString(chunks.get(i).getBytes(StandardCharsets.UTF_8));
            frames.appendBuffer(EventStreamEncoder.encode(EventStreamMessage.jsonEvent("chunk",
                    "{\"bytes\":\"" + b64 + "\",\"p\":\"" + "abcdefghij".substring(0, 1 + i % 10) + "\"}")));
        }
        NativeStreamEvents events = new NativeStreamEvents(JSON, parser, "req-18");
        EventStreamDecoder decoder = new EventStreamDecoder();
        for (EventStreamMessage m : decoder.feed(frames)) {
            events.accept(m, out::add);
        }
        decoder.complete();
        if (parser.stopped()) {
            events.finish();
        }
    }

    /** One chunk read by the family's token path, with a tree that fails if asked for. */
    static List<Chunk> tokensOnly(ModelFamily family, String chunk) throws IOException {
        JsonParser p = JSON.getFactory().createParser(chunk);
        p.nextToken();
        List<Chunk> out = new ArrayList<>();
        family.streamParser(JSON).accept(new ModelFamily.ChunkJson() {
            @Override
            public JsonParser tokens() {
                return p;
            }

            @Override
            public JsonNode tree() {
                throw new AssertionError("a text delta is read as tokens");
            }
        }, out::add);
        return out;
    }

    /** The JSON with the fields of every object reversed (no random) or shuffled. */
    static String reordered(String json, Random random) {
        try {
            return reordered(JSON.readTree(json), random).toString();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode reordered(JsonNode node, Random random) {
        if (node.isObject()) {
            List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
                fields.add(it.next());
            }
            if (random == null) {
                Collections.reverse(fields);
            } else {
                Collections.shuffle(fields, random);
            }
            ObjectNode out = JSON.createObjectNode();
            fields.forEach(e -> out.set(e.getKey(), reordered(e.getValue(), random)));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            node.forEach(e -> out.add(reordered(e, random)));
            return out;
        }
        return node;
    }

    /** The chunk JSON of a ReqLLM recording: its network reads joined and decoded. */
    private static List<String> reqllmChunks(JsonNode fixture) {
        Buffer body = Buffer.buffer();
        fixture.path("chunks").forEach(c -> body.appendBytes(Base64.getDecoder().decode(c.path("b64").asText())));
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<String> chunks = new ArrayList<>();
        for (EventStreamMessage m : decoder.feed(body)) {
            if ("chunk".equals(m.eventType())) {
                try {
                    String b64 = JSON.readTree(m.payload().getBytes()).path("bytes").asText();
                    chunks.add(new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        decoder.complete();
        assertThat(chunks).isNotEmpty();
        return chunks;
    }
}
