package io.quarkiverse.bedrock.testing;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Anthropic Messages on Bedrock ({@code anthropic_version: bedrock-2023-05-31}). */
final class AnthropicCodec implements NativeCodec {

    @Override
    public Prompt parse(JsonNode body) {
        if (!body.has("anthropic_version")) {
            throw BadRequest.validation(
                    "Malformed input request: #: required key [anthropic_version] not found, please reformat your input and try again.");
        }
        if (!body.has("max_tokens")) {
            throw BadRequest.validation(
                    "Malformed input request: #: required key [max_tokens] not found, please reformat your input and try again.");
        }
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw BadRequest.validation(
                    "Malformed input request: #: required key [messages] not found, please reformat your input and try again.");
        }
        PromptBuilder b = new PromptBuilder();
        JsonNode system = body.get("system");
        if (system != null) {
            b.text(system.isTextual() ? system.asText() : blocksText(system).text);
        }
        for (JsonNode m : messages) {
            JsonNode content = m.path("content");
            Blocks blocks = content.isTextual() ? new Blocks(content.asText(), false) : blocksText(content);
            if (m.path("role").asText().equals("user")) {
                b.userTurn(blocks.text, blocks.toolResult);
            } else {
                b.text(blocks.text);
            }
        }
        for (JsonNode t : body.path("tools")) {
            b.tool(t.path("name").asText(null), t.path("input_schema"));
        }
        JsonNode choice = body.path("tool_choice");
        String ct = choice.path("type").asText("");
        if (ct.equals("tool")) {
            b.forcedTool(choice.path("name").asText());
        } else if (ct.equals("any")) {
            b.forcedTool("*");
        }
        String thinking = body.path("thinking").path("type").asText("");
        boolean thinkingOn = thinking.equals("enabled") || thinking.equals("adaptive");
        if (thinkingOn && (ct.equals("tool") || ct.equals("any"))) {
            throw BadRequest.validation("Thinking may not be enabled when tool_choice forces tool use.");
        }
        checkThinkingBlocks(messages, thinkingOn);
        b.thinking(thinkingOn);
        b.maxTokens(body.path("max_tokens").asInt(0));
        return b.build();
    }

    private record Blocks(String text, boolean toolResult) {
    }

    /**
     * Like Bedrock: replayed thinking blocks must carry the signature that came with them, and with thinking on, the
     * last assistant turn that calls a tool must start with its thinking block.
     */
    private static void checkThinkingBlocks(JsonNode messages, boolean thinkingOn) {
        int lastAssistant = -1;
        for (int i = 0; i < messages.size(); i++) {
            JsonNode content = messages.get(i).path("content");
            if (!messages.get(i).path("role").asText().equals("assistant")) {
                continue;
            }
            lastAssistant = i;
            for (int j = 0; j < content.size(); j++) {
                JsonNode c = content.get(j);
                if (c.path("type").asText("").equals("thinking")
                        && !TextGenerator.signature(c.path("thinking").asText("")).equals(c.path("signature").asText(""))) {
                    throw BadRequest
                            .validation("messages." + i + ".content." + j + ": Invalid `signature` in `thinking` block");
                }
            }
        }
        if (!thinkingOn || lastAssistant < 0) {
            return;
        }
        JsonNode content = messages.get(lastAssistant).path("content");
        boolean callsTool = false;
        for (JsonNode c : content) {
            callsTool |= c.path("type").asText("").equals("tool_use");
        }
        String first = content.isArray() && !content.isEmpty() ? content.get(0).path("type").asText("") : "text";
        if (callsTool && !first.equals("thinking") && !first.equals("redacted_thinking")) {
            throw BadRequest.validation("messages." + lastAssistant + ".content.0.type: Expected `thinking` or"
                    + " `redacted_thinking`, but found `" + first + "`. When `thinking` is enabled, a final `assistant`"
                    + " message must start with a thinking block.");
        }
    }

    private static Blocks blocksText(JsonNode blocks) {
        StringBuilder sb = new StringBuilder();
        boolean toolResult = false;
        for (JsonNode c : blocks) {
            String type = c.path("type").asText("");
            if (type.equals("text")) {
                sb.append(c.path("text").asText()).append('\n');
            } else if (type.equals("tool_result")) {
                toolResult = true;
                JsonNode rc = c.path("content");
                sb.append(rc.isTextual() ? rc.asText() : blocksText(rc).text).append('\n');
            } else if (type.equals("tool_use")) {
                sb.append(PromptBuilder.asText(c.get("input"))).append('\n');
            }
        }
        return new Blocks(sb.toString().trim(), toolResult);
    }

    static String messageId(Answer a) {
        return "msg_bdrk_01" + Integer.toHexString((a.text() + a.outputTokens()).hashCode() & 0x7fffffff);
    }

    @Override
    public ObjectNode response(Answer a, String modelId, long latencyMs) {
        ObjectNode out = Json.object();
        out.put("id", messageId(a));
        out.put("type", "message");
        out.put("role", "assistant");
        out.put("model", baseModel(modelId));
        ArrayNode content = out.putArray("content");
        if (a.hasThinking()) {
            content.addObject().put("type", "thinking").put("thinking", a.thinkingText()).put("signature", a.signature());
        }
        if (a.hasText()) {
            content.addObject().put("type", "text").put("text", a.text());
        }
        for (ToolCall c : a.toolCalls()) {
            ObjectNode tu = content.addObject().put("type", "tool_use").put("id", c.id()).put("name", c.name());
            tu.set("input", Json.parseLenient(c.inputJson()));
        }
        out.put("stop_reason", a.stopReason());
        out.putNull("stop_sequence");
        out.putObject("usage").put("input_tokens", a.inputTokens()).put("output_tokens", a.outputTokens());
        return out;
    }

    @Override
    public List<ObjectNode> chunks(Answer a, String modelId, long latencyMs) {
        List<ObjectNode> out = new ArrayList<>();
        ObjectNode start = Json.object().put("type", "message_start");
        ObjectNode msg = start.putObject("message");
        msg.put("id", messageId(a)).put("type", "message").put("role", "assistant").put("model", baseModel(modelId));
        msg.putArray("content");
        msg.putNull("stop_reason");
        msg.putNull("stop_sequence");
        msg.putObject("usage").put("input_tokens", a.inputTokens()).put("output_tokens", 1);
        out.add(start);
        int index = 0;
        if (a.hasThinking()) {
            out.add(blockStart(index, Json.object().put("type", "thinking").put("thinking", "").put("signature", "")));
            for (String t : a.thinking()) {
                out.add(delta(index, "thinking_delta", "thinking", t));
            }
            out.add(delta(index, "signature_delta", "signature", a.signature()));
            out.add(blockStop(index++));
        }
        if (a.hasText()) {
            out.add(blockStart(index, Json.object().put("type", "text").put("text", "")));
            for (String t : a.textTokens()) {
                out.add(delta(index, "text_delta", "text", t));
            }
            out.add(blockStop(index++));
        }
        for (ToolCall c : a.toolCalls()) {
            ObjectNode cb = Json.object().put("type", "tool_use").put("id", c.id()).put("name", c.name());
            cb.putObject("input");
            out.add(blockStart(index, cb));
            out.add(delta(index, "input_json_delta", "partial_json", c.inputJson()));
            out.add(blockStop(index++));
        }
        ObjectNode md = Json.object().put("type", "message_delta");
        md.putObject("delta").put("stop_reason", a.stopReason()).putNull("stop_sequence");
        md.putObject("usage").put("output_tokens", a.outputTokens());
        out.add(md);
        ObjectNode stop = Json.object().put("type", "message_stop");
        stop.set("amazon-bedrock-invocationMetrics", Json.invocationMetrics(a, latencyMs, Math.min(latencyMs, 100)));
        out.add(stop);
        return out;
    }

    private static ObjectNode blockStart(int index, ObjectNode contentBlock) {
        ObjectNode s = Json.object().put("type", "content_block_start").put("index", index);
        s.set("content_block", contentBlock);
        return s;
    }

    private static ObjectNode blockStop(int index) {
        return Json.object().put("type", "content_block_stop").put("index", index);
    }

    private static ObjectNode delta(int index, String type, String field, String value) {
        ObjectNode d = Json.object().put("type", "content_block_delta").put("index", index);
        d.putObject("delta").put("type", type).put(field, value);
        return d;
    }

    private static String baseModel(String modelId) {
        String id = ModelFamily.stripPrefix(modelId);
        int dot = id.indexOf('.');
        String name = dot >= 0 ? id.substring(dot + 1) : id;
        int v = name.lastIndexOf("-v");
        return v > 0 ? name.substring(0, v) : name;
    }
}
