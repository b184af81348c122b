package io.quarkiverse.bedrock.runtime.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.runtime.testsupport.TestData;

/**
 * Real Bedrock streams: the ReqLLM recordings fed chunk by chunk exactly as the network delivered them, and the raw
 * {@code bedrock-recorded} bodies fed whole, in small chunks and (for every body) cut at every byte boundary, compared
 * with the frames decoded independently in {@code NN.response.events.json}.
 */
class RecordedStreamsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> reqllmStreams() throws IOException {
        Path root = TestData.dir("reqllm");
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
                JsonNode fixture = JSON.readTree(f.toFile());
                if (fixture.path("chunks").isArray() && fixture.get("chunks").size() > 0) {
                    out.add(Arguments.of(root.relativize(f).toString(), fixture));
                }
            }
        }
        return out.stream();
    }

    static Stream<Arguments> recordedBodies() throws IOException {
        Path root = TestData.dir("bedrock-recorded");
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".response.body.bin")).sorted().toList()) {
                out.add(Arguments.of(root.relativize(f).toString(), f));
            }
        }
        return out.stream();
    }

    @Test
    void findsTheRecordings() throws IOException {
        assertThat(reqllmStreams().count()).isGreaterThanOrEqualTo(12);
        assertThat(recordedBodies().count()).isEqualTo(18);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reqllmStreams")
    void reqllmStreamDecodesChunkByChunkAsReceived(String name, JsonNode fixture) {
        EventStreamDecoder decoder = new EventStreamDecoder();
        List<EventStreamMessage> messages = new ArrayList<>();
        List<Integer> completedAtChunk = new ArrayList<>();
        int received = 0;
        int chunkIndex = 0;
        for (JsonNode chunk : fixture.get("chunks")) {
            byte[] bytes = Base64.getDecoder().decode(chunk.get("b64").asText());
            received += bytes.length;
            for (EventStreamMessage m : decoder.feed(Chunks.wrap(bytes))) {
                messages.add(m);
                completedAtChunk.add(chunkIndex);
            }
            chunkIndex++;
        }
        decoder.complete();

        assertThat(decoder.bytesFed()).isEqualTo(received);
        assertThat(messages).isNotEmpty();
        for (EventStreamMessage m : messages) {
            assertThat(m.checkedType()).isEqualTo(MessageType.EVENT);
            assertThat(m.contentType()).isEqualTo("application/json");
            assertThat(m.payloadAsString()).startsWith("{").endsWith("}");
        }
        // the same messages come out when the whole body is fed at once: chunking changes nothing
        byte[] whole = Chunks.encodeAll(messages);
        assertThat(whole).hasSize(received);
        assertThat(Chunks.decodeWhole(whole)).containsExactlyElementsOf(messages);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedBodies")
    void recordedBodyDecodesAsTheIndependentDecoderSaw(String name, Path bin) throws IOException {
        byte[] body = Files.readAllBytes(bin);
        JsonNode expected = JSON.readTree(
                bin.resolveSibling(bin.getFileName().toString().replace(".body.bin", ".events.json")).toFile());

        List<EventStreamMessage> messages = Chunks.decodeWhole(body);

        JsonNode frames = expected.get("frames");
        assertThat(messages).hasSize(frames.size()).hasSize(expected.get("frame_count").asInt());
        for (int i = 0; i < messages.size(); i++) {
            EventStreamMessage m = messages.get(i);
            JsonNode f = frames.get(i);
            assertThat(EventStreamEncoder.encode(m).length()).isEqualTo(f.get("total_length").asInt());
            int h = 0;
            assertThat(m.headers()).hasSize(f.get("headers").size());
            for (var header : m.headers().entrySet()) {
                JsonNode e = f.get("headers").get(h++);
                assertThat(header.getKey()).isEqualTo(e.get("name").asText());
                assertThat(header.getValue().type().code()).isEqualTo(e.get("type").asInt());
                assertThat(header.getValue().asString()).isEqualTo(e.get("value").asText());
            }
            assertThat(JSON.readTree(m.payloadAsString())).isEqualTo(f.get("payload_json"));
        }
        assertThat(Chunks.encodeAll(messages)).as("re-encoding gives the recorded bytes").isEqualTo(body);
        assertThat(Chunks.decodeInChunksOf(body, 7)).containsExactlyElementsOf(messages);
        assertThat(Chunks.decodeInChunksOf(body, 1)).containsExactlyElementsOf(messages);
        // every single cut point
        for (int cut = 1; cut < body.length; cut++) {
            assertThat(Chunks.decodeCut(body, cut)).containsExactlyElementsOf(messages);
        }
    }
}
