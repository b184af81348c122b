package io.quarkiverse.bedrock.runtime.family.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.ToolChoice;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;

class AnthropicRequestBodyTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String MODEL = "global.anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final AnthropicFamily FORMATTER = new AnthropicFamily();

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static Tool weather() {
        return new Tool("get_weather", "Weather of a city",
                json("{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}}}"));
    }

    static JsonNode body(ChatRequest.Builder b) {
        return FORMATTER.requestBody(b.build(), JSON);
    }

    static ChatRequest.Builder request() {
        return ChatRequest.builder().model("bedrock:" + MODEL).user("Hello");
    }

    @Test
    void minimalBodyHasVersionDefaultMaxTokensAndBlockContent() {
        assertThat(body(request())).isEqualTo(json("""
                {"anthropic_version":"bedrock-2023-05-31","max_tokens":1024,
                 "messages":[{"role":"user","content":[{"type":"text","text":"Hello"}]}]}"""));
    }

    @Test
    void samplingSystemAndStopSequencesUseAnthropicNames() {
        JsonNode body = body(request().system("Be brief").maxTokens(200).temperature(0.5).topP(0.9)
                .stopSequences(List.of("END")));
        assertThat(body.get("system").asText()).isEqualTo("Be brief");
        assertThat(body.get("max_tokens").asInt()).isEqualTo(200);
        assertThat(body.get("temperature").asDouble()).isEqualTo(0.5);
        assertThat(body.get("top_p").asDouble()).isEqualTo(0.9);
        assertThat(body.get("stop_sequences")).isEqualTo(json("[\"END\"]"));
    }

    @Test
    void severalSystemPromptsBecomeTextBlocks() {
        JsonNode body = body(request().system("One").system("Two"));
        assertThat(body.get("system"))
                .isEqualTo(json("[{\"type\":\"text\",\"text\":\"One\"},{\"type\":\"text\",\"text\":\"Two\"}]"));
    }

    @Test
    void toolsAndEveryToolChoiceInAnthropicForm() {
        ChatRequest.Builder b = request().tool(weather());
        assertThat(body(b).get("tools")).isEqualTo(json("""
                [{"name":"get_weather","description":"Weather of a city",
                  "input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}]"""));
        assertThat(body(b).has("tool_choice")).isFalse();
        assertThat(body(request().tool(weather()).toolChoice(ToolChoice.auto())).get("tool_choice"))
                .isEqualTo(json("{\"type\":\"auto\"}"));
        assertThat(body(request().tool(weather()).toolChoice(ToolChoice.any())).get("tool_choice"))
                .isEqualTo(json("{\"type\":\"any\"}"));
        assertThat(body(request().tool(weather()).toolChoice(ToolChoice.tool("get_weather"))).get("tool_choice"))
                .isEqualTo(json("{\"type\":\"tool\",\"name\":\"get_weather\"}"));
    }

    @Test
    void toolHistoryAndErrorsInAnthropicForm() {
        ChatRequest.Builder b = request()
                .message(new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("toolu_1", "get_weather",
                        json("{\"city\":\"Paris\"}")))))
                .message(new Message(Role.USER, List.of(new ContentBlock.ToolResult("toolu_1", json("\"sunny\""), false),
                        new ContentBlock.ToolResult("toolu_1", json("{\"code\":500}"), true))));
        JsonNode messages = body(b).get("messages");
        assertThat(messages.get(1).get("content")).isEqualTo(json("""
                [{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]"""));
        assertThat(messages.get(2).get("content")).isEqualTo(json("""
                [{"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"sunny"}]},
                 {"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"{\\"code\\":500}"}],
                  "is_error":true}]"""));
    }

    @Test
    void reasoningEffortBecomesThinkingWithABudgetAndRoomForTheAnswer() {
        JsonNode body = body(request().options(BedrockOptions.builder().reasoningEffort("medium").build()));
        assertThat(body.get("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":4096}"));
        assertThat(body.get("max_tokens").asInt()).isEqualTo(4096 + ClaudeThinking.ANSWER_TOKENS);
        assertThat(ClaudeThinking.budget("low")).isEqualTo(1024);
        assertThat(ClaudeThinking.budget("high")).isEqualTo(16384);
    }

    @Test
    void rawThinkingAndReasoningConfigFieldsGoToTheTopLevelThinking() {
        JsonNode raw = body(request().options(BedrockOptions.builder()
                .additionalModelRequestFields(Map.of("thinking", Map.of("type", "enabled", "budget_tokens", 2048),
                        "top_k", 250))
                .build()));
        assertThat(raw.get("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":2048}"));
        assertThat(raw.get("top_k").asInt()).isEqualTo(250);
        JsonNode config = body(request().options(BedrockOptions.builder()
                .additionalModelRequestFields(Map.of("reasoning_config", Map.of("type", "enabled", "budget_tokens", 1024)))
                .build()));
        assertThat(config.get("thinking")).isEqualTo(json("{\"type\":\"enabled\",\"budget_tokens\":1024}"));
        assertThat(config.has("reasoning_config")).isFalse();
    }

    @Test
    void forcedToolChoiceTurnsThinkingOff() {
        BedrockOptions thinking = BedrockOptions.builder().reasoningEffort("low").build();
        assertThat(body(request().tool(weather()).toolChoice(ToolChoice.tool("get_weather")).options(thinking))
                .has("thinking")).isFalse();
        assertThat(body(request().tool(weather()).toolChoice(ToolChoice.any()).options(thinking)).has("thinking"))
                .isFalse();
        assertThat(body(request().tool(weather()).toolChoice(ToolChoice.auto()).options(thinking)).has("thinking"))
                .isTrue();
    }

    @Test
    void turningThinkingOffIsLoggedWithTheReason() {
        Logger logger = Logger.getLogger(ClaudeThinking.class.getName());
        List<String> messages = new CopyOnWriteArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                messages.add(r.getParameters() == null ? r.getMessage()
                        : String.format(r.getMessage(), r.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        try {
            body(request().tool(weather()).toolChoice(ToolChoice.any())
                    .options(BedrockOptions.builder().reasoningEffort("low").build()));
        } finally {
            logger.removeHandler(handler);
        }
        assertThat(messages).anySatisfy(m -> assertThat(m).contains("Extended thinking turned off")
                .contains("forces a tool").contains(MODEL));
    }

    @Test
    void thinkingConflictsAreTypedErrorsThatSayWhatToFix() {
        BedrockOptions thinking = BedrockOptions.builder().reasoningEffort("medium").build();
        assertThatThrownBy(() -> body(request().temperature(0.2).options(thinking)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("temperature 1");
        assertThatThrownBy(() -> body(request().maxTokens(4000).options(thinking)))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("raise maxTokens");
        assertThatThrownBy(() -> BedrockOptions.builder().reasoningEffort("extreme").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("low, medium or high");
    }

    @Test
    void reasoningBlocksAreReplayedUnchanged() {
        ChatRequest.Builder b = request()
                .message(new Message(Role.ASSISTANT, List.of(new ContentBlock.Reasoning("Let me think", "sig-abc", null),
                        new ContentBlock.Reasoning(null, null, "ENCRYPTED=="), new ContentBlock.Text("Hi"))))
                .user("Again");
        assertThat(body(b).get("messages").get(1).get("content")).isEqualTo(json("""
                [{"type":"thinking","thinking":"Let me think","signature":"sig-abc"},
                 {"type":"redacted_thinking","data":"ENCRYPTED=="},
                 {"type":"text","text":"Hi"}]"""));
    }

    @Test
    void promptCacheMarksSystemToolsAndTheLastMessage() {
        JsonNode body = body(request().system("Long context").tool(weather())
                .options(BedrockOptions.builder().anthropicPromptCache(true).build()));
        JsonNode ephemeral = json("{\"type\":\"ephemeral\"}");
        assertThat(body.at("/system/0/cache_control")).isEqualTo(ephemeral);
        assertThat(body.at("/tools/0/cache_control")).isEqualTo(ephemeral);
        assertThat(body.at("/messages/0/content/0/cache_control")).isEqualTo(ephemeral);
    }

    @Test
    void promptCacheTtlAndChosenMessage() {
        JsonNode body = body(request().assistant("Hi").user("Question").options(BedrockOptions.builder()
                .anthropicPromptCache(true).anthropicPromptCacheTtl("1h").anthropicCacheMessage(0).build()));
        assertThat(body.at("/messages/0/content/0/cache_control")).isEqualTo(json("{\"type\":\"ephemeral\",\"ttl\":\"1h\"}"));
        assertThat(body.at("/messages/2/content/0").has("cache_control")).isFalse();
        assertThatThrownBy(() -> body(request().options(BedrockOptions.builder().anthropicPromptCache(true)
                .anthropicCacheMessage(3).build()))).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("anthropic_cache_message is 3");
        assertThatThrownBy(() -> BedrockOptions.builder().anthropicPromptCacheTtl("10m").build())
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("\"5m\" or \"1h\"");
        assertThatThrownBy(() -> BedrockOptions.fromMap(Map.of("anthropic_prompt_cache_ttl", "2h")))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void imagesOfEveryFormatAreBase64Sources() {
        byte[] png = { (byte) 0x89, 'P', 'N', 'G' };
        for (String type : List.of("image/png", "image/jpeg", "image/gif", "image/webp")) {
            JsonNode body = body(ChatRequest.builder().model(MODEL).message(new Message(Role.USER,
                    List.of(ContentBlock.image(type, png), new ContentBlock.Text("What is it?")))));
            assertThat(body.at("/messages/0/content/0")).isEqualTo(json(
                    "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"" + type
                            + "\",\"data\":\"iVBORw==\"}}"));
        }
    }

    @Test
    void pdfIsBase64AndTextDocumentsAreText() {
        JsonNode pdf = body(ChatRequest.builder().model(MODEL).message(new Message(Role.USER,
                List.of(ContentBlock.document("Report", "application/pdf", "%PDF".getBytes(StandardCharsets.UTF_8)),
                        new ContentBlock.Text("Summarise")))));
        assertThat(pdf.at("/messages/0/content/0")).isEqualTo(json("""
                {"type":"document","source":{"type":"base64","media_type":"application/pdf","data":"JVBERg=="},
                 "title":"Report"}"""));
        for (String type : List.of("text/plain", "text/markdown", "text/csv", "text/html")) {
            JsonNode text = body(ChatRequest.builder().model(MODEL).message(new Message(Role.USER,
                    List.of(ContentBlock.document("Notes", type, "a,b".getBytes(StandardCharsets.UTF_8)),
                            new ContentBlock.Text("Read")))));
            assertThat(text.at("/messages/0/content/0/source")).isEqualTo(json(
                    "{\"type\":\"text\",\"media_type\":\"text/plain\",\"data\":\"a,b\"}"));
        }
    }

    @Test
    void officeDocumentsGoToConverseOrFailNatively() {
        ChatRequest docx = ChatRequest.builder().model(MODEL).message(new Message(Role.USER, List.of(
                ContentBlock.document("Plan", "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                        new byte[] { 1, 2 }),
                new ContentBlock.Text("Read")))).build();
        assertThat(FORMATTER.canServe(docx)).isFalse();
        assertThatThrownBy(() -> FORMATTER.requestBody(docx, JSON)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("use_converse=true");
    }

    @Test
    void attachmentTypeAndSizeErrorsComeBeforeSending() {
        assertThatThrownBy(() -> ContentBlock.image("image/bmp", new byte[] { 1 }))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("image/png, image/jpeg");
        assertThatThrownBy(() -> ContentBlock.document("Film", "video/mp4", new byte[] { 1 }))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("PDF, CSV");
        assertThatThrownBy(() -> ContentBlock.image(null, new byte[] { 1 }))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("no media type");
        assertThatThrownBy(() -> ContentBlock.image("image/png", new byte[ContentBlock.MAX_IMAGE_BYTES + 1]))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most");
        assertThatThrownBy(() -> ContentBlock.document("Big", "application/pdf", new byte[ContentBlock.MAX_DOCUMENT_BYTES + 1]))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("at most");
        assertThat(ContentBlock.image("image/JPEG; q=1", new byte[] { 1 }).format()).isEqualTo(ContentBlock.ImageFormat.JPEG);
    }

    @Test
    void routingServesPlainRequestsNativelyAndToolsThroughConverse() {
        assertThat(FORMATTER.canServe(request().build())).isTrue();
        assertThat(FORMATTER.canServe(request().tool(weather()).build())).isFalse();
        ChatRequest history = request().message(new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("t1",
                "get_weather", null)))).build();
        assertThat(FORMATTER.canServe(history)).isFalse();
    }
}
