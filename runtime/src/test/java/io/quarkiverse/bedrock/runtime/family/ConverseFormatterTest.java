package io.quarkiverse.bedrock.runtime.family;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ChatResponse;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.ToolChoice;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/** The Converse request body, member by member as the botocore service model names them. */
class ConverseFormatterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ConverseFormatter formatter = new ConverseFormatter(JSON);

    private static Tool tool(String name) {
        return new Tool(name, "A tool", JSON.createObjectNode().put("type", "object"));
    }

    private JsonNode body(ChatRequest.Builder request) {
        return formatter.requestBody(request.build());
    }

    @Test
    void systemHistoryInferenceConfigAndStopSequences() {
        JsonNode body = body(ChatRequest.builder().model("bedrock:mistral.mistral-large-2407-v1:0")
                .system("Be brief.").system("Answer in French.")
                .user("Hi").assistant("Bonjour").user("Weather?")
                .maxTokens(100).temperature(0.2).topP(0.9).stopSequences(List.of("END")));
        assertThat(body.path("system")).hasSize(2);
        assertThat(body.path("system").get(1).path("text").asText()).isEqualTo("Answer in French.");
        assertThat(body.path("messages")).extracting(m -> m.path("role").asText()).containsExactly("user", "assistant",
                "user");
        assertThat(body.path("messages").get(1).path("content").get(0).path("text").asText()).isEqualTo("Bonjour");
        JsonNode inference = body.path("inferenceConfig");
        assertThat(inference.path("maxTokens").asInt()).isEqualTo(100);
        assertThat(inference.path("temperature").asDouble()).isEqualTo(0.2);
        assertThat(inference.path("topP").asDouble()).isEqualTo(0.9);
        assertThat(inference.path("stopSequences").get(0).asText()).isEqualTo("END");
        assertThat(body.has("toolConfig")).isFalse();
    }

    @Test
    void toolChoiceAutoAnyAndNamed() {
        ChatRequest.Builder base = ChatRequest.builder().model("bedrock:amazon.nova-pro-v1:0").user("Go")
                .tool(tool("get_weather")).tool(tool("get_time"));
        JsonNode auto = body(base.toolChoice(ToolChoice.auto())).path("toolConfig");
        assertThat(auto.path("tools")).hasSize(2);
        assertThat(auto.path("tools").get(0).path("toolSpec").path("name").asText()).isEqualTo("get_weather");
        assertThat(auto.path("tools").get(0).path("toolSpec").path("inputSchema").path("json").path("type").asText())
                .isEqualTo("object");
        assertThat(auto.path("toolChoice").has("auto")).isTrue();
        assertThat(body(base.toolChoice(ToolChoice.any())).path("toolConfig").path("toolChoice").has("any")).isTrue();
        assertThat(body(base.toolChoice(ToolChoice.tool("get_time"))).path("toolConfig").path("toolChoice").path("tool")
                .path("name").asText()).isEqualTo("get_time");
        assertThat(body(base.toolChoice(null)).path("toolConfig").has("toolChoice")).isFalse();
    }

    @Test
    void toolCallsAndResultsGoBackAsToolUseAndToolResultBlocks() throws Exception {
        JsonNode body = body(ChatRequest.builder().model("bedrock:cohere.command-r-plus-v1:0").user("Weather?")
                .message(new Message(Role.ASSISTANT, List.of(
                        new ContentBlock.ToolUse("t1", "get_weather", JSON.readTree("{\"city\":\"Paris\"}")),
                        new ContentBlock.ToolUse("t2", "get_time", null))))
                .message(new Message(Role.USER, List.of(
                        new ContentBlock.ToolResult("t1", JSON.readTree("{\"temp\":21}"), false),
                        new ContentBlock.ToolResult("t2", JSON.getNodeFactory().textNode("no clock"), true))))
                .tool(tool("get_weather")).tool(tool("get_time")));
        JsonNode calls = body.path("messages").get(1).path("content");
        assertThat(calls.get(0).path("toolUse").path("toolUseId").asText()).isEqualTo("t1");
        assertThat(calls.get(0).path("toolUse").path("input").path("city").asText()).isEqualTo("Paris");
        assertThat(calls.get(1).path("toolUse").path("input").isObject()).isTrue();
        JsonNode results = body.path("messages").get(2).path("content");
        assertThat(results.get(0).path("toolResult").path("content").get(0).path("json").path("temp").asInt())
                .isEqualTo(21);
        assertThat(results.get(0).path("toolResult").path("status").asText()).isEqualTo("success");
        assertThat(results.get(1).path("toolResult").path("content").get(0).path("text").asText()).isEqualTo("no clock");
        assertThat(results.get(1).path("toolResult").path("status").asText()).isEqualTo("error");
    }

    @Test
    void imagesAndDocumentsAreContentBlocksWithFormatAndBase64Bytes() {
        byte[] png = { (byte) 0x89, 'P', 'N', 'G' };
        byte[] pdf = "%PDF-1.7".getBytes(StandardCharsets.US_ASCII);
        JsonNode content = body(ChatRequest.builder().model("bedrock:amazon.nova-lite-v1:0")
                .message(new Message(Role.USER, List.of(new ContentBlock.Text("Describe both"),
                        new ContentBlock.Image(ContentBlock.ImageFormat.PNG, png),
                        new ContentBlock.Document(ContentBlock.DocumentFormat.PDF, "Report (2024)", pdf)))))
                .path("messages").get(0).path("content");
        assertThat(content.get(1).path("image").path("format").asText()).isEqualTo("png");
        assertThat(Base64.getDecoder().decode(content.get(1).path("image").path("source").path("bytes").asText()))
                .isEqualTo(png);
        assertThat(content.get(2).path("document").path("format").asText()).isEqualTo("pdf");
        assertThat(content.get(2).path("document").path("name").asText()).isEqualTo("Report (2024)");
        assertThat(Base64.getDecoder().decode(content.get(2).path("document").path("source").path("bytes").asText()))
                .isEqualTo(pdf);
    }

    @Test
    void providerOptionsArePassedThrough() {
        BedrockOptions options = BedrockOptions.fromMap(Map.of(
                "additional_model_request_fields", Map.of("top_k", 40, "reasoning_config", Map.of("type", "enabled")),
                "guardrail_config", Map.of("guardrailIdentifier", "gr-1", "guardrailVersion", "2", "trace", "enabled",
                        "streamProcessingMode", "async"),
                "latency", "optimized",
                "service_tier", "priority"));
        JsonNode body = body(ChatRequest.builder().model("bedrock:meta.llama3-1-70b-instruct-v1:0").user("Hi")
                .options(options));
        assertThat(body.path("additionalModelRequestFields").path("top_k").asInt()).isEqualTo(40);
        assertThat(body.path("additionalModelRequestFields").path("reasoning_config").path("type").asText())
                .isEqualTo("enabled");
        JsonNode guardrail = body.path("guardrailConfig");
        assertThat(guardrail.path("guardrailIdentifier").asText()).isEqualTo("gr-1");
        assertThat(guardrail.path("guardrailVersion").asText()).isEqualTo("2");
        assertThat(guardrail.path("trace").asText()).isEqualTo("enabled");
        assertThat(guardrail.path("streamProcessingMode").asText()).isEqualTo("async");
        assertThat(body.path("performanceConfig").path("latency").asText()).isEqualTo("optimized");
        assertThat(body.path("serviceTier").path("type").asText()).isEqualTo("priority");
    }

    @Test
    void withoutOptionsNoneOfTheirMembersIsSent() {
        JsonNode body = body(ChatRequest.builder().model("bedrock:amazon.nova-lite-v1:0").user("Hi"));
        assertThat(body.has("additionalModelRequestFields")).isFalse();
        assertThat(body.has("guardrailConfig")).isFalse();
        assertThat(body.has("performanceConfig")).isFalse();
        assertThat(body.has("serviceTier")).isFalse();
        assertThat(body.has("inferenceConfig")).isFalse();
    }

    @Test
    void unknownLatencyOrServiceTierIsAClearError() {
        assertThatThrownBy(() -> BedrockOptions.builder().latency("fast").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("optimized");
        assertThatThrownBy(() -> BedrockOptions.fromMap(Map.of("service_tier", "gold")))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("priority");
    }

    @Test
    void citedTextOfANonStreamedAnswerIsKeptAsText() throws Exception {
        JsonNode answer = JSON.readTree("""
                {"output":{"message":{"role":"assistant","content":[
                  {"text":"Per the report, "},
                  {"citationsContent":{"content":[{"text":"sales grew 5%."}],
                    "citations":[{"title":"Report","location":{"documentChar":{"documentIndex":0,"start":0,"end":10}}}]}}]}},
                 "stopReason":"end_turn","usage":{"inputTokens":10,"outputTokens":6,"totalTokens":16}}
                """);
        ChatResponse response = formatter.response(answer, "cohere.command-r-v1:0", "r-1");
        assertThat(response.text()).isEqualTo("Per the report, sales grew 5%.");
    }
}
