package io.quarkiverse.bedrock.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each strictness rule answers with Bedrock's error, and the one switch turns them all off. */
class StrictModeTest extends EmulatorPerClass {

    static final String CLAUDE = "anthropic.claude-3-haiku-20240307-v1:0";
    static final String TOOL = "{\"toolSpec\":{\"name\":\"get_weather\",\"inputSchema\":{\"json\":{\"type\":\"object\"}}}}";
    static final String TOOLS = "\"toolConfig\":{\"tools\":[" + TOOL + "]}";

    static String user(String text) {
        return "{\"role\":\"user\",\"content\":[{\"text\":\"" + text + "\"}]}";
    }

    static String assistant(String text) {
        return "{\"role\":\"assistant\",\"content\":[{\"text\":\"" + text + "\"}]}";
    }

    static String toolUse(String id) {
        return "{\"role\":\"assistant\",\"content\":[{\"toolUse\":{\"toolUseId\":\"" + id
                + "\",\"name\":\"get_weather\",\"input\":{}}}]}";
    }

    static String toolResult(String id) {
        return "{\"role\":\"user\",\"content\":[{\"toolResult\":{\"toolUseId\":\"" + id
                + "\",\"content\":[{\"text\":\"sunny\"}]}}]}";
    }

    static String conversation(String extra, String... messages) {
        return "{\"messages\":[" + String.join(",", messages) + "]" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    static void assertRejected(HttpResponse<byte[]> r, String message) {
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(400);
        assertThat(r.headers().firstValue("x-amzn-ErrorType")).get().asString().startsWith("ValidationException:");
        assertThat(SignedClient.json(r).get("message").asText()).isEqualTo(message);
    }

    static void assertServed(HttpResponse<byte[]> r) {
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
    }

    // ---- the model catalogue

    @Test
    void unknownModelIdsAreInvalidOnEveryOperation() {
        for (String op : new String[] { "converse", "converse-stream", "invoke", "invoke-with-response-stream",
                "count-tokens" }) {
            assertRejected(client.send("acme.unknown-model-v9", op, SignedClient.converseBody("hi")),
                    "The provided model identifier is invalid.");
        }
        assertRejected(client.send("xx.anthropic.claude-3-haiku-20240307-v1:0", "converse",
                SignedClient.converseBody("hi")), "The provided model identifier is invalid.");
    }

    @Test
    void profilesAndArnsOfKnownModelsAreServed() {
        assertServed(client.send("global.anthropic.claude-sonnet-4-5-20250929-v1:0", "converse",
                SignedClient.converseBody("hi")));
        assertServed(client.send("arn:aws:bedrock:us-east-1::foundation-model/" + CLAUDE, "converse",
                SignedClient.converseBody("hi")));
        // an ARN that hides the model is resolved by Bedrock: served
        assertServed(client.send("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc", "converse",
                SignedClient.converseBody("hi")));
    }

    @Test
    void embeddingModelsAreNotChatModels() {
        assertRejected(client.send("amazon.titan-embed-text-v2:0", "converse", SignedClient.converseBody("hi")),
                ModelRules.NOT_CHAT);
    }

    @Test
    void anExtraCatalogueFileAddsModels(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("models.json");
        Files.writeString(file, "{\"models\":[{\"id\":\"acme.model-v1:0\",\"source\":\"mine\",\"tools\":false}]}");
        emulator.configure(o -> o.withCatalogFile(file));
        assertServed(client.send("acme.model-v1:0", "converse", SignedClient.converseBody("hi")));
        assertRejected(client.send("acme.model-v1:0", "converse", conversation(TOOLS, user("hi"))),
                ModelRules.NO_TOOLS);
    }

    // ---- conversation rules

    @Test
    void theFirstMessageIsFromTheUser() {
        assertRejected(client.send(CLAUDE, "converse", conversation("", assistant("hello"), user("hi"))),
                ConversationRules.FIRST_USER);
    }

    @Test
    void rolesAlternate() {
        assertRejected(client.send(CLAUDE, "converse", conversation("", user("a"), user("b"))),
                ConversationRules.ALTERNATE);
    }

    @Test
    void noBlankTextAndNoEmptyContent() {
        assertRejected(client.send(CLAUDE, "converse", conversation("", user("hi"), assistant("ok"), user(" "))),
                "The text field in the ContentBlock object at messages.2.content.0 is blank. Add text to the text"
                        + " field, and try again.");
        assertRejected(client.send(CLAUDE, "converse", "{\"messages\":[{\"role\":\"user\",\"content\":[]}]}"),
                "The content field in the Message object at messages.0 is empty. Add a ContentBlock object to the"
                        + " content field and try again.");
        assertRejected(client.send(CLAUDE, "converse", conversation("\"system\":[{\"text\":\"\"}]", user("hi"))),
                "The text field in the SystemContentBlock object at system.0 is blank. Add text to the text field,"
                        + " and try again.");
    }

    @Test
    void toolBlocksNeedAToolConfig() {
        assertRejected(client.send(CLAUDE, "converse", conversation("", user("hi"), toolUse("t1"), toolResult("t1"))),
                ConversationRules.TOOL_CONFIG);
    }

    @Test
    void eachToolResultAnswersAToolUseOfThePreviousTurn() {
        assertServed(client.send(CLAUDE, "converse", conversation(TOOLS, user("hi"), toolUse("t1"), toolResult("t1"))));
        assertRejected(client.send(CLAUDE, "converse", conversation(TOOLS, user("hi"), toolUse("t1"), toolResult("t2"))),
                "Expected toolResult blocks at messages.2.content for the following Ids: t1");
        assertRejected(client.send(CLAUDE, "converse", conversation(TOOLS, user("hi"), assistant("ok"), toolResult("t1"))),
                "The number of toolResult blocks at messages.2.content exceeds the number of toolUse blocks of"
                        + " previous turn.");
        assertRejected(client.send(CLAUDE, "converse", conversation(TOOLS, user("hi"), toolUse("t1"), user("and?"))),
                "Expected toolResult blocks at messages.2.content for the following Ids: t1");
    }

    @Test
    void toolNamesMatchTheServicePattern() {
        assertRejected(client.send(CLAUDE, "converse", conversation("\"toolConfig\":{\"tools\":[" + TOOL
                + ",{\"toolSpec\":{\"name\":\"get weather\",\"inputSchema\":{\"json\":{}}}}]}", user("hi"))),
                "1 validation error detected: Value 'get weather' at 'toolConfig.tools.2.member.toolSpec.name' failed"
                        + " to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+");
    }

    // ---- per-model capabilities

    @Test
    void toolsOnAModelWithoutToolUse() {
        assertRejected(client.send("meta.llama3-8b-instruct-v1:0", "converse", conversation(TOOLS, user("hi"))),
                ModelRules.NO_TOOLS);
    }

    @Test
    void streamingToolUseFollowsTheCatalogue() {
        assertRejected(client.send("us.meta.llama3-3-70b-instruct-v1:0", "converse-stream",
                conversation(TOOLS, user("hi"))), ModelRules.NO_STREAMING_TOOLS);
        assertRejected(client.send("mistral.mistral-large-2407-v1:0", "converse-stream",
                conversation(TOOLS, user("hi"))), ModelRules.NO_STREAMING_TOOLS);
        assertServed(client.send("us.amazon.nova-lite-v1:0", "converse-stream", conversation(TOOLS, user("hi"))));
        assertServed(client.send("us.meta.llama3-3-70b-instruct-v1:0", "converse", conversation(TOOLS, user("hi"))));
    }

    @Test
    void imagesDocumentsAndSystemPromptsOnlyWhereSupported() {
        String image = "{\"role\":\"user\",\"content\":[{\"text\":\"what?\"},{\"image\":{\"format\":\"png\","
                + "\"source\":{\"bytes\":\"iVBORw0KGgo=\"}}}]}";
        assertRejected(client.send("amazon.nova-micro-v1:0", "converse", conversation("", image)),
                "This model doesn't support the image content block that you provided. Try again with a model that"
                        + " supports images.");
        assertServed(client.send("amazon.nova-lite-v1:0", "converse", conversation("", image)));
        assertRejected(client.send("amazon.titan-text-express-v1", "converse",
                conversation("\"system\":[{\"text\":\"be brief\"}]", user("hi"))),
                "This model doesn't support system messages. Try again without a system message or with a model"
                        + " that supports them.");
    }

    @Test
    void maxTokensOverTheModelLimit() {
        assertRejected(client.send(CLAUDE, "converse", conversation("\"inferenceConfig\":{\"maxTokens\":5000}",
                user("hi"))), "The maximum tokens you requested exceeds the model limit of 4096. Try again with a"
                        + " maximum tokens value that is lower than 4096.");
    }

    // ---- the same rules on native bodies

    static String anthropic(String messages, String extra) {
        return "{\"anthropic_version\":\"bedrock-2023-05-31\",\"max_tokens\":100,\"messages\":[" + messages + "]"
                + extra + "}";
    }

    @Test
    void anthropicNativeBodies() {
        String toolDef = ",\"tools\":[{\"name\":\"get_weather\",\"input_schema\":{\"type\":\"object\"}}]";
        String use = "{\"role\":\"assistant\",\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\",\"name\":\"get_weather\","
                + "\"input\":{}}]}";
        String result = "{\"role\":\"user\",\"content\":[{\"type\":\"tool_result\",\"tool_use_id\":\"%s\","
                + "\"content\":\"sunny\"}]}";
        String hi = "{\"role\":\"user\",\"content\":\"hi\"}";
        assertServed(client.send(CLAUDE, "invoke", anthropic(hi + "," + use + "," + result.formatted("t1"), toolDef)));
        // consecutive user turns are merged, as the Messages API does
        assertServed(client.send(CLAUDE, "invoke", anthropic(hi + "," + hi, "")));
        assertRejected(client.send(CLAUDE, "invoke", anthropic("{\"role\":\"assistant\",\"content\":\"x\"}," + hi, "")),
                "The model returned the following errors: messages: first message must use the \"user\" role");
        assertRejected(client.send(CLAUDE, "invoke", anthropic(hi + "," + use + "," + result.formatted("t9"), toolDef)),
                "The model returned the following errors: messages.2.content.0: unexpected `tool_use_id` found in"
                        + " `tool_result` blocks: t9. Each `tool_result` block must have a corresponding `tool_use`"
                        + " block in the previous message.");
        assertRejected(client.send(CLAUDE, "invoke", anthropic(hi + "," + use + "," + hi, toolDef)),
                "The model returned the following errors: messages.1: `tool_use` ids were found without `tool_result`"
                        + " blocks immediately after: t1. Each `tool_use` block must have a corresponding `tool_result`"
                        + " block in the next message.");
        assertRejected(client.send(CLAUDE, "invoke",
                anthropic("{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"\"}]}", "")),
                "The model returned the following errors: messages: text content blocks must be non-empty");
        assertRejected(client.send("anthropic.claude-v2:1", "invoke", anthropic(hi, toolDef)), ModelRules.NO_TOOLS);
    }

    @Test
    void novaNativeBodiesFollowTheConverseRules() {
        assertRejected(client.send("amazon.nova-lite-v1:0", "invoke",
                "{\"schemaVersion\":\"messages-v1\",\"messages\":[" + assistant("x") + "]}"), ConversationRules.FIRST_USER);
        assertServed(client.send("amazon.nova-lite-v1:0", "invoke-with-response-stream",
                "{\"schemaVersion\":\"messages-v1\",\"messages\":[" + user("hi") + "]," + TOOLS + "}"));
    }

    @Test
    void openAiNativeBodies() {
        String tools = ",\"tools\":[{\"type\":\"function\",\"function\":{\"name\":\"get_weather\",\"parameters\":{}}}]";
        String stray = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"},{\"role\":\"tool\",\"tool_call_id\":\"c1\","
                + "\"content\":\"sunny\"}]" + tools + "}";
        assertRejected(client.send("openai.gpt-oss-20b-1:0", "invoke", stray), "The model returned the following errors:"
                + " Invalid parameter: messages with role 'tool' must be a response to a preceeding message with"
                + " 'tool_calls'.");
        // gpt-oss streams tools on its native API, not on ConverseStream
        String ok = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]" + tools + "}";
        assertServed(client.send("openai.gpt-oss-20b-1:0", "invoke-with-response-stream", ok));
        assertRejected(client.send("openai.gpt-oss-20b-1:0", "converse-stream", conversation(TOOLS, user("hi"))),
                ModelRules.NO_STREAMING_TOOLS);
    }

    @Test
    void countTokensChecksItsConversation() {
        String bad = "{\"input\":{\"converse\":" + conversation("", assistant("x")) + "}}";
        assertRejected(client.send(CLAUDE, "count-tokens", bad), ConversationRules.FIRST_USER);
        String nativeBody = Base64.getEncoder().encodeToString(anthropic("{\"role\":\"assistant\",\"content\":\"x\"}", "")
                .getBytes(StandardCharsets.UTF_8));
        assertRejected(client.send(CLAUDE, "count-tokens", "{\"input\":{\"invokeModel\":{\"body\":\"" + nativeBody + "\"}}}"),
                "The model returned the following errors: messages: first message must use the \"user\" role");
    }

    // ---- the switch

    @Test
    void oneSwitchTurnsEveryRuleOff() {
        emulator.configure(o -> o.withStrict(false));
        assertServed(client.send("acme.unknown-model-v9", "converse", SignedClient.converseBody("hi")));
        assertServed(client.send(CLAUDE, "converse", conversation("", user("a"), user("b"))));
        assertServed(client.send(CLAUDE, "converse", conversation("", user("hi"), toolUse("t1"), toolResult("t2"))));
        assertServed(client.send("meta.llama3-8b-instruct-v1:0", "converse", conversation(TOOLS, user("hi"))));
        assertServed(client.send("us.meta.llama3-3-70b-instruct-v1:0", "converse-stream", conversation(TOOLS, user("hi"))));
    }

    @Test
    void theSwitchAsASettingAndAFlag() {
        assertThat(EmulatorOptions.defaults().strict()).isTrue();
        assertThat(EmulatorOptions.defaults().withSettings(java.util.Map.of("strict", "false")).strict()).isFalse();
        assertThat(EmulatorArguments.parse("--lenient").options().strict()).isFalse();
        assertThat(EmulatorArguments.parse("--strict", "false").options().strict()).isFalse();
        assertThat(EmulatorArguments.parse("--strict=true").options().strict()).isTrue();
    }
}
