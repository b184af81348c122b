package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.runtime.auth.PercentEncoding;
import io.quarkiverse.bedrock.runtime.testsupport.TestData;

/**
 * Replay of recorded exchanges: every {@code reqllm} stream fixture comes back byte for byte as it was recorded, and
 * fixtures are chosen explicitly, or by model, operation and scenario from a directory.
 */
class ReplayTest extends EmulatorPerClass {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A recorded fixture read independently of the emulator's own loader. */
    private record Recorded(Path file, String modelId, String operation, String requestBody, byte[] streamBytes,
            JsonNode jsonBody, int status) {

        static Recorded read(Path file) {
            try {
                JsonNode root = JSON.readTree(Files.readAllBytes(file));
                String url = root.at("/request/url").asText();
                String[] parts = url.substring(url.indexOf("/model/") + "/model/".length()).split("/");
                String modelId = PercentEncoding.decode(parts[0]);
                byte[] body = Base64.getDecoder().decode(root.at("/request/body/b64").asText());
                var stream = new java.io.ByteArrayOutputStream();
                for (JsonNode c : root.path("chunks")) {
                    stream.write(Base64.getDecoder().decode(c.path("b64").asText()));
                }
                return new Recorded(file, modelId, parts[1], new String(body, StandardCharsets.UTF_8), stream.toByteArray(),
                        root.at("/response/body"), root.at("/response/status").asInt());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean isStream() {
            return streamBytes.length > 0;
        }
    }

    private static List<Recorded> fixtures() {
        Path dir = TestData.dir("reqllm");
        List<Recorded> out = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(p -> p.toString().endsWith(".json")).sorted().forEach(p -> out.add(Recorded.read(p)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedStreamReplaysByteIdentical() {
        List<Recorded> streams = fixtures().stream().filter(Recorded::isStream).toList();
        assertThat(streams).as("reqllm stream fixtures").hasSizeGreaterThanOrEqualTo(10);
        return streams.stream().map(f -> DynamicTest.dynamicTest(TestData.root().relativize(f.file()).toString(), () -> {
            emulator.enqueue(Reply.replay(f.file()));
            HttpResponse<byte[]> r = client.send(f.modelId(), f.operation(), f.requestBody());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValue("application/vnd.amazon.eventstream");
            assertThat(r.body()).as("bytes received equal the recorded stream").isEqualTo(f.streamBytes());
            assertThat(SignedClient.frames(r.body())).as("the replay decodes with valid checksums").isNotEmpty();
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyRecordedJsonAnswerReplaysWithItsStatusAndBody() {
        List<Recorded> answers = fixtures().stream()
                .filter(f -> !f.isStream() && f.jsonBody().isObject() && !f.operation().equals("count-tokens")).toList();
        assertThat(answers).as("reqllm JSON fixtures").hasSizeGreaterThanOrEqualTo(20);
        return answers.stream().map(f -> DynamicTest.dynamicTest(TestData.root().relativize(f.file()).toString(), () -> {
            emulator.enqueue(Reply.replay(f.file()));
            HttpResponse<byte[]> r = client.send(f.modelId(), f.operation(), f.requestBody());
            assertThat(r.statusCode()).isEqualTo(f.status());
            assertThat(SignedClient.json(r)).isEqualTo(f.jsonBody());
        }));
    }

    @Test
    void aReplayDirectoryIsSearchedByModelOperationAndScenario() {
        Path dir = TestData.dir("reqllm");
        Recorded streaming = Recorded.read(dir.resolve("cohere_command_r_plus_v1_0/streaming.json"));
        Recorded objectStreaming = Recorded.read(dir.resolve("cohere_command_r_plus_v1_0/object_streaming.json"));
        emulator.options(EmulatorOptions.defaults().withReplayDirectory(dir));

        HttpResponse<byte[]> chosen = client.send(streaming.modelId(), "converse-stream", streaming.requestBody(),
                EmulatorHandler.SCENARIO_HEADER, "object_streaming");
        assertThat(chosen.body()).isEqualTo(objectStreaming.streamBytes());

        HttpResponse<byte[]> byName = client.send(streaming.modelId(), "converse-stream", streaming.requestBody(),
                EmulatorHandler.SCENARIO_HEADER, "streaming");
        assertThat(byName.body()).isEqualTo(streaming.streamBytes());
    }

    @Test
    void aModelWithoutFixtureIsGeneratedNotReplayed() {
        emulator.options(EmulatorOptions.defaults().withReplayDirectory(TestData.dir("reqllm")));
        HttpResponse<byte[]> r = client.send("amazon.nova-lite-v1:0", "converse", SignedClient.converseBody("Hello"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Tokens.count(SignedClient.json(r).at("/output/message/content/0/text").asText()))
                .isEqualTo(EmulatorOptions.defaults().tokens());
    }
}
