package io.quarkiverse.bedrock.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.Bedrock;
import io.quarkiverse.bedrock.api.BedrockClient;
import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ChatResponseAssembler;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.runtime.auth.PercentEncoding;
import io.quarkiverse.bedrock.runtime.testsupport.TestData;
import io.quarkiverse.bedrock.testing.BedrockEmulatorTestResource;
import io.quarkiverse.bedrock.testing.Reply;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Multi;
import software.amazon.awssdk.eventstream.Message;
import software.amazon.awssdk.eventstream.MessageDecoder;

/**
 * Every recorded Converse and ConverseStream answer (reqllm fixtures, bedrock-recorded ConverseStream bodies) replayed
 * by the emulator, byte for byte, through the full client: HTTP, signing, decoding, chunk mapping and assembly. The
 * expected text, tool calls, stop reason and usage are read from the recording here, with plain JSON traversal and
 * AWS's own event-stream decoder.
 */
@QuarkusTest
@QuarkusTestResource(BedrockEmulatorTestResource.class)
class RecordedExchangeReplayTest extends EmulatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    @Bedrock
    BedrockClient bedrock;

    /** A recorded exchange as a reqllm fixture file the emulator can replay. */
    record Recording(String name, Path fixture, String modelId, boolean stream) {
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
                String url = fixture.path("request").path("url").asText();
                boolean stream = url.endsWith("/converse-stream");
                if ((stream || url.endsWith("/converse")) && fixture.path("response").path("status").asInt() == 200) {
                    all.add(new Recording("reqllm/" + reqllm.relativize(f), f, modelId(url), stream));
                }
            }
        }
        Path recorded = TestData.dir("bedrock-recorded");
        Path converted = Files.createTempDirectory("bedrock-recorded-fixtures");
        try (Stream<Path> files = Files.walk(recorded)) {
            for (Path bin : files.filter(p -> p.toString().endsWith(".response.body.bin")).sorted().toList()) {
                String prefix = bin.getFileName().toString().substring(0, 2);
                JsonNode request = JSON.readTree(bin.resolveSibling(prefix + ".request.json").toFile());
                JsonNode response = JSON.readTree(bin.resolveSibling(prefix + ".response.json").toFile());
                String uri = request.path("uri").asText();
                if (uri.endsWith("/converse-stream") && response.path("status").asInt() == 200) {
                    String name = "bedrock-recorded/" + recorded.relativize(bin);
                    Path fixture = converted.resolve(name.replaceAll("[^A-Za-z0-9.]", "_") + ".json");
                    Files.write(fixture, JSON.writeValueAsBytes(asFixture(uri, Files.readAllBytes(bin))));
                    fixture.toFile().deleteOnExit();
                    all.add(new Recording(name, fixture, modelId(uri), true));
                }
            }
        }
        converted.toFile().deleteOnExit();
        assertThat(all).hasSizeGreaterThanOrEqualTo(70);
        return all.stream();
    }

    /** The reqllm fixture format around a recorded stream body, so that the emulator replays it unchanged. */
    private static ObjectNode asFixture(String uri, byte[] body) {
        ObjectNode fixture = JSON.createObjectNode();
        fixture.putObject("request").put("method", "POST").put("url", uri);
        ObjectNode response = fixture.putObject("response").put("status", 200);
        response.putObject("headers").put("content-type", "application/vnd.amazon.eventstream");
        response.putNull("body");
        fixture.putArray("chunks").addObject().put("b64", Base64.getEncoder().encodeToString(body));
        return fixture;
    }

    private static String modelId(String url) {
        String path = url.replaceFirst("^[a-z]+://[^/]+", "");
        String encoded = path.split("/")[2];
        return PercentEncoding.decode(encoded);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordings")
    void replaysThroughTheFullClientToWhatTheRecordingContains(Recording recording) throws IOException {
        emulator.enqueue(Reply.replay(recording.fixture()));
        // force Converse: families with a native formatter would otherwise use InvokeModel for a request without tools
        ChatRequest request = ChatRequest.builder().model("bedrock:" + recording.modelId()).user("Replay")
                .options(BedrockOptions.builder().useConverse(true).build()).build();
        Expected expected;
        ChatResponse ours;
        if (recording.stream()) {
            List<Chunk> chunks = bedrock.stream(request).collect().asList().await().atMost(WAIT);
            ours = ChatResponseAssembler.assemble(Multi.createFrom().iterable(chunks), recording.modelId()).await()
                    .atMost(WAIT);
            expected = fromEvents(JSON.readTree(recording.fixture().toFile()));
            assertThat(chunks.get(chunks.size() - 1)).isInstanceOfSatisfying(Chunk.Metadata.class,
                    m -> assertThat(m.api()).isEqualTo("converse-stream"));
            assertThat(emulator.lastRequest().operation()).isEqualTo("converse-stream");
        } else {
            ours = bedrock.chat(request).await().atMost(WAIT);
            expected = fromBody(JSON.readTree(recording.fixture().toFile()).path("response").path("body"));
            assertThat(emulator.lastRequest().operation()).isEqualTo("converse");
        }

        assertThat(ours.text()).isEqualTo(expected.text.toString());
        assertThat(ours.stopReason()).isEqualTo(StopReason.fromWire(expected.stopReason));
        assertThat(ours.toolCalls()).extracting(ContentBlock.ToolUse::id).containsExactlyElementsOf(expected.toolIds);
        assertThat(ours.toolCalls()).extracting(ContentBlock.ToolUse::name).containsExactlyElementsOf(expected.toolNames);
        assertThat(ours.toolCalls()).extracting(ContentBlock.ToolUse::input).containsExactlyElementsOf(expected.toolInputs);
        assertThat(ours.usage().inputTokens()).isEqualTo(expected.usage.path("inputTokens").asInt(0));
        assertThat(ours.usage().outputTokens()).isEqualTo(expected.usage.path("outputTokens").asInt(0));
        assertThat(ours.usage().totalTokens()).isEqualTo(expected.usage.path("totalTokens").asInt(0));
    }

    /** What a recording says. */
    static final class Expected {
        final StringBuilder text = new StringBuilder();
        final List<String> toolIds = new ArrayList<>();
        final List<String> toolNames = new ArrayList<>();
        final List<JsonNode> toolInputs = new ArrayList<>();
        String stopReason;
        JsonNode usage = JSON.createObjectNode();
    }

    private static Expected fromBody(JsonNode body) {
        Expected e = new Expected();
        for (JsonNode block : body.path("output").path("message").path("content")) {
            if (block.has("text")) {
                e.text.append(block.path("text").asText());
            }
            if (block.has("toolUse")) {
                e.toolIds.add(block.path("toolUse").path("toolUseId").asText());
                e.toolNames.add(block.path("toolUse").path("name").asText());
                e.toolInputs.add(block.path("toolUse").path("input"));
            }
        }
        e.stopReason = body.path("stopReason").asText();
        e.usage = body.path("usage");
        return e;
    }

    private static Expected fromEvents(JsonNode fixture) throws IOException {
        MessageDecoder decoder = new MessageDecoder();
        for (JsonNode read : fixture.path("chunks")) {
            decoder.feed(Base64.getDecoder().decode(read.path("b64").asText()));
        }
        Expected e = new Expected();
        List<StringBuilder> inputs = new ArrayList<>();
        for (Message m : decoder.getDecodedMessages()) {
            JsonNode payload = JSON.readTree(new String(m.getPayload(), StandardCharsets.UTF_8));
            switch (m.getHeaders().get(":event-type").getString()) {
                case "contentBlockStart" -> {
                    JsonNode toolUse = payload.path("start").path("toolUse");
                    if (toolUse.isObject()) {
                        e.toolIds.add(toolUse.path("toolUseId").asText());
                        e.toolNames.add(toolUse.path("name").asText());
                        inputs.add(new StringBuilder());
                    }
                }
                case "contentBlockDelta" -> {
                    JsonNode delta = payload.path("delta");
                    if (delta.has("text")) {
                        e.text.append(delta.path("text").asText());
                    }
                    if (delta.has("toolUse")) {
                        inputs.get(inputs.size() - 1).append(delta.path("toolUse").path("input").asText());
                    }
                }
                case "messageStop" -> e.stopReason = payload.path("stopReason").asText();
                case "metadata" -> e.usage = payload.path("usage");
                default -> {
                }
            }
        }
        for (StringBuilder input : inputs) {
            e.toolInputs.add(input.length() == 0 ? JSON.createObjectNode() : JSON.readTree(input.toString()));
        }
        return e;
    }
}
