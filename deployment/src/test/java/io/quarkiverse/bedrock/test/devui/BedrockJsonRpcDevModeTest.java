package io.quarkiverse.bedrock.test.devui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.JavaArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.QuarkusDevModeTest;

/**
 * The JSON-RPC methods behind the playground and recent-requests pages, called over the Dev UI's WebSocket in dev mode
 * against the emulator Dev Services starts.
 */
class BedrockJsonRpcDevModeTest {

    static final String MODEL = "anthropic.claude-3-haiku-20240307-v1:0";

    @RegisterExtension
    static final QuarkusDevModeTest TEST = new QuarkusDevModeTest()
            .setArchiveProducer(() -> ShrinkWrap.create(JavaArchive.class)
                    .addAsResource(new StringAsset("quarkus.aws-bedrock.devservices.ignore-ambient-credentials=true\n"
                            + "quarkus.aws-bedrock.devservices.inter-token-delay=1ms\n"
                            + "quarkus.aws-bedrock.devservices.tokens=15\n"
                            + "quarkus.aws-bedrock.other.timeout=30s\n"), "application.properties"));

    private static DevUiJsonRpc client() {
        return new DevUiJsonRpc(ConfigProvider.getConfig().getOptionalValue("test.url", String.class)
                .orElse("http://localhost:8080") + "/", "quarkus-bedrock");
    }

    @Test
    void playgroundStreamsTheAnswerAndRecentRequestsListIt() throws Exception {
        try (DevUiJsonRpc rpc = client()) {
            assertThat(rpc.call("clients", Map.of())).extracting(JsonNode::asText).containsExactly("<default>", "other");

            List<JsonNode> events = rpc.subscribe("chat", Map.of("client", "<default>", "model", MODEL, "system",
                    "Be brief", "message", "Say hello", "tools", ""), e -> e.path("kind").asText().matches("done|error"));
            assertThat(events).last().satisfies(e -> assertThat(e.path("kind").asText()).isEqualTo("done"));
            assertThat(events.get(0).path("kind").asText()).isEqualTo("firstChunk");
            String text = events.stream().filter(e -> e.path("kind").asText().equals("text"))
                    .map(e -> e.path("text").asText()).reduce("", String::concat);
            assertThat(text).isNotBlank();
            JsonNode usage = events.stream().filter(e -> e.path("kind").asText().equals("usage")).findFirst()
                    .orElseThrow();
            assertThat(usage.path("outputTokens").asInt()).isEqualTo(15);
            JsonNode metadata = events.stream().filter(e -> e.path("kind").asText().equals("metadata")).findFirst()
                    .orElseThrow();
            assertThat(events).anySatisfy(e -> assertThat(e.path("kind").asText()).isEqualTo("stop"));

            JsonNode recent = rpc.call("recentRequests", Map.of());
            assertThat(recent).isNotEmpty();
            JsonNode last = recent.get(0);
            assertThat(last.path("model").asText()).isEqualTo(MODEL);
            assertThat(last.path("operation").asText()).isEqualTo("chat");
            assertThat(last.path("stream").asBoolean()).isTrue();
            assertThat(last.path("status").asText()).isEqualTo("ok");
            assertThat(last.path("outputTokens").asInt()).isEqualTo(15);
            assertThat(last.path("requestId").asText()).isEqualTo(metadata.path("requestId").asText()).isNotBlank();
            assertThat(last.path("timeToFirstChunkMs").asLong()).isBetween(0L, last.path("latencyMs").asLong());
            // no content in the recent requests
            assertThat(recent.toString()).doesNotContain("Say hello").doesNotContain("Be brief")
                    .doesNotContain(text.trim());

            assertThat(rpc.call("clearRecentRequests", Map.of()).asBoolean()).isTrue();
            assertThat(rpc.call("recentRequests", Map.of())).isEmpty();
        }
    }

    @Test
    void badInputEndsTheStreamWithATypedError() throws Exception {
        try (DevUiJsonRpc rpc = client()) {
            List<JsonNode> events = rpc.subscribe("chat", Map.of("client", "<default>", "model", MODEL, "system", "",
                    "message", "hi", "tools", "[{\"name\": "), e -> e.path("kind").asText().matches("done|error"));
            assertThat(events).singleElement().satisfies(e -> {
                assertThat(e.path("type").asText()).isEqualTo("InvalidRequestException");
                assertThat(e.path("message").asText()).startsWith("The tools are not valid JSON");
            });
            List<JsonNode> noModel = rpc.subscribe("chat", Map.of("client", "", "model", " ", "system", "",
                    "message", "hi", "tools", ""), e -> e.path("kind").asText().matches("done|error"));
            assertThat(noModel).singleElement().satisfies(e -> assertThat(e.path("message").asText())
                    .startsWith("Pick a model"));
        }
    }
}
