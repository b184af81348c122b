package io.quarkiverse.bedrock.runtime.family.anthropic;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.runtime.family.ApiRouter;
import io.quarkiverse.bedrock.runtime.family.ConverseFormatter;
import io.quarkiverse.bedrock.runtime.family.FamilyRegistry;
import io.quarkiverse.bedrock.runtime.testsupport.TestData;

/**
 * Request fidelity: from the logical input of each recorded Claude request, the body we build equals the recorded one
 * (as JSON, keys unordered). Deliberate differences, each asserted below rather than hidden:
 * <ul>
 * <li>reqllm Claude requests without tools went to Converse only because reqllm 1.16 did not know the {@code global.}
 * prefix (reqllm-notes §5.3); we route them to the native API, so for those the Converse body is compared with
 * {@code useConverse=true}, and the native body with a direct translation of the same input.</li>
 * <li>we always send {@code toolResult.status} ({@code success} or {@code error}); reqllm omits it on success.</li>
 * <li>native bodies: we always send content as a list of blocks (the recorded apps sometimes used the string
 * shorthand, which Bedrock treats the same), and prompt caching also marks the system prompt.</li>
 * </ul>
 */
class AnthropicFixtureFidelityTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final ApiRouter ROUTER = new ApiRouter(new FamilyRegistry(List.of(new AnthropicFamily())));
    static final ConverseFormatter CONVERSE = new ConverseFormatter(JSON);
    static final AnthropicFamily NATIVE = new AnthropicFamily();

    record Recorded(String name, String modelId, JsonNode body) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Recorded> reqllmFixtures() throws IOException {
        Path dir = TestData.dir("reqllm");
        List<Recorded> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".json") && dir.relativize(p).toString()
                    .startsWith("anthropic_")).sorted().toList()) {
                JsonNode request = JSON.readTree(f.toFile()).path("request");
                String url = request.path("url").asText();
                String model = url.replaceFirst(".*/model/", "").replaceFirst("/[^/]+$", "");
                all.add(new Recorded(dir.relativize(f).toString(), model, request.path("canonical_json")));
            }
        }
        assertThat(all).hasSize(27);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("reqllmFixtures")
    void reqllmClaudeRequestsAreRebuiltFromTheSameInput(Recorded recorded) {
        ChatRequest request = RecordedRequests.fromConverse(recorded.modelId(), recorded.body()).build();
        ApiRouter.Route route = ROUTER.route(request);
        if (request.tools().isEmpty()) {
            assertThat(route.converse()).as("plain Claude requests use the native API").isFalse();
            assertThat(NATIVE.requestBody(request, JSON)).isEqualTo(nativeTranslation(recorded.body()));
            ChatRequest forced = request.toBuilder().options(BedrockOptions.builder().useConverse(true).build()).build();
            assertThat(withoutSuccessStatus(CONVERSE.requestBody(forced, ROUTER.route(forced)))).isEqualTo(recorded.body());
        } else {
            assertThat(route.converse()).as("tools present -> Converse").isTrue();
            assertThat(withoutSuccessStatus(CONVERSE.requestBody(request, route))).isEqualTo(recorded.body());
        }
    }

    static Stream<Recorded> recordedInvokeBodies() throws IOException {
        Path dir = TestData.dir("bedrock-recorded");
        List<Recorded> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".request.json")).sorted().toList()) {
                JsonNode request = JSON.readTree(f.toFile());
                String path = request.path("decoded_path").asText();
                JsonNode body = request.path("body_json");
                if (path.contains("anthropic.") && path.matches(".*/invoke(-with-response-stream)?$")
                        && body.has("messages")) {
                    all.add(new Recorded(dir.relativize(f).toString(),
                            path.replaceFirst("^/model/", "").replaceFirst("/[^/]+$", ""), body));
                }
            }
        }
        assertThat(all).hasSizeGreaterThanOrEqualTo(6);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedInvokeBodies")
    void recordedNativeClaudeBodiesAreRebuiltFromTheSameInput(Recorded recorded) {
        ChatRequest request = RecordedRequests.fromAnthropic(recorded.modelId(), recorded.body()).build();
        ApiRouter.Route route = ROUTER.route(request);
        assertThat(route.nativeFamily()).containsInstanceOf(AnthropicFamily.class);
        ObjectNode ours = NATIVE.requestBody(request, JSON);
        if (request.options().anthropicPromptCache().orElse(false) && recorded.body().path("system").isTextual()) {
            assertThat(ours.at("/system/0/cache_control/type").asText()).isEqualTo("ephemeral");
            ours.put("system", ours.at("/system/0/text").asText());
        }
        assertThat(ours).isEqualTo(blockContent(recorded.body()));
    }

    /** The Anthropic Messages form of a Converse body holding only text. */
    static JsonNode nativeTranslation(JsonNode converse) {
        ObjectNode out = JSON.createObjectNode().put("anthropic_version", "bedrock-2023-05-31");
        JsonNode inference = converse.path("inferenceConfig");
        out.put("max_tokens", inference.path("maxTokens").asInt(1024));
        if (converse.path("system").size() == 1) {
            out.put("system", converse.path("system").get(0).path("text").asText());
        }
        ArrayNode messages = out.putArray("messages");
        for (JsonNode m : converse.path("messages")) {
            ObjectNode n = messages.addObject().put("role", m.path("role").asText());
            ArrayNode content = n.putArray("content");
            m.path("content").forEach(c -> content.addObject().put("type", "text").put("text", c.path("text").asText()));
        }
        if (inference.has("temperature")) {
            out.set("temperature", inference.get("temperature"));
        }
        return out;
    }

    /** Our toolResult blocks carry {@code status: success}; checks it is there and removes it. */
    static JsonNode withoutSuccessStatus(ObjectNode body) {
        for (JsonNode m : body.path("messages")) {
            for (JsonNode c : m.path("content")) {
                if (c.has("toolResult")) {
                    assertThat(c.at("/toolResult/status").asText()).isEqualTo("success");
                    ((ObjectNode) c.get("toolResult")).remove("status");
                }
            }
        }
        return body;
    }

    /** The recorded body with the string shorthand for content written as the equivalent text block list. */
    static JsonNode blockContent(JsonNode body) {
        ObjectNode copy = body.deepCopy();
        for (JsonNode m : copy.path("messages")) {
            ((ObjectNode) m).set("content", blocks(m.path("content")));
            for (JsonNode c : m.path("content")) {
                if (c.path("type").asText().equals("tool_result")) {
                    ((ObjectNode) c).set("content", blocks(c.path("content")));
                }
            }
        }
        return copy;
    }

    private static JsonNode blocks(JsonNode content) {
        if (!content.isTextual()) {
            return content;
        }
        ArrayNode list = JSON.createArrayNode();
        list.addObject().put("type", "text").put("text", content.asText());
        return list;
    }

}
