package io.quarkiverse.bedrock.testing;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** OpenAI gpt-oss on Bedrock: chat completions bodies. */
final class OpenAiCodec implements NativeCodec {

    private static final long CREATED = 1_762_103_642L;

    @Override
    public Prompt parse(JsonNode body) {
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty()) {
            throw BadRequest.validation("messages: Field required");
        }
        PromptBuilder b = new PromptBuilder();
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            String text = contentText(m.path("content"));
            if (role.equals("user")) {
                b.userTurn(text, false);
            } else if (role.equals("tool")) {
                b.userTurn(text, true);
            } else {
                b.text(text);
                for (JsonNode tc : m.path("tool_calls")) {
                    b.text(tc.path("function").path("arguments").asText(""));
                }
            }
        }
        for (JsonNode t : body.path("tools")) {
            JsonNode f = t.path("function");
            b.tool(f.path("name").asText(null), f.path("parameters"));
        }
        JsonNode choice = body.path("tool_choice");
        if (choice.isTextual() && choice.asText().equals("required")) {
            b.forcedTool("*");
        } else if (choice.isObject()) {
            b.forcedTool(choice.path("function").path("name").asText());
        }
        b.maxTokens(body.path("max_completion_tokens").asInt(body.path("max_tokens").asInt(0)));
        return b.build();
    }

    private static String contentText(JsonNode content) {
        if (content.isTextual()) {
            return content.asText();
        }
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
            sb.append(part.path("text").asText(""));
        }
        return sb.toString();
    }

    static String finishReason(String stopReason) {
        switch (stopReason) {
            case "tool_use":
                return "tool_calls";
            case "max_tokens":
                return "length";
            default:
                return "stop";
        }
    }

    private static String id(Answer a) {
        return "chatcmpl-emu" + Integer.toHexString((a.text() + a.outputTokens()).hashCode() & 0x7fffffff);
    }

    private static ArrayNode toolCalls(Answer a, boolean withIndex) {
        ArrayNode calls = Json.array();
        int i = 0;
        for (ToolCall c : a.toolCalls()) {
            ObjectNode call = calls.addObject();
            if (withIndex) {
                call.put("index", i);
            }
            call.put("id", c.id()).put("type", "function");
            call.putObject("function").put("name", c.name()).put("arguments", c.inputJson());
            i++;
        }
        return calls;
    }

    private static String content(Answer a) {
        return (a.hasThinking() ? "<reasoning>" + a.thinkingText() + "</reasoning>" : "") + a.text();
    }

    @Override
    public ObjectNode response(Answer a, String modelId, long latencyMs) {
        ObjectNode out = Json.object();
        ArrayNode choices = out.putArray("choices");
        ObjectNode choice = choices.addObject();
        choice.put("finish_reason", finishReason(a.stopReason())).put("index", 0).putNull("logprobs");
        ObjectNode message = choice.putObject("message");
        message.put("content", content(a)).putNull("refusal").put("role", "assistant");
        if (!a.toolCalls().isEmpty()) {
            message.set("tool_calls", toolCalls(a, false));
        }
        out.put("created", CREATED).put("id", id(a)).put("model", modelId).put("object", "chat.completion")
                .put("service_tier", "auto");
        out.putObject("usage").put("completion_tokens", a.outputTokens()).put("prompt_tokens", a.inputTokens())
                .put("total_tokens", a.inputTokens() + a.outputTokens());
        return out;
    }

    @Override
    public List<ObjectNode> chunks(Answer a, String modelId, long latencyMs) {
        List<ObjectNode> out = new ArrayList<>();
        ObjectNode first = chunk(a, modelId);
        choice(first).put("index", 0).putNull("finish_reason").putObject("delta")
                .put("content", "").put("role", "assistant");
        out.add(first);
        List<String> pieces = new ArrayList<>();
        if (a.hasThinking()) {
            for (String t : a.thinking()) {
                pieces.add("<reasoning>" + t + "</reasoning>");
            }
        }
        pieces.addAll(a.textTokens());
        for (String p : pieces) {
            ObjectNode c = chunk(a, modelId);
            choice(c).put("index", 0).putNull("finish_reason").putObject("delta")
                    .put("content", p);
            out.add(c);
        }
        if (!a.toolCalls().isEmpty()) {
            ObjectNode c = chunk(a, modelId);
            choice(c).put("index", 0).putNull("finish_reason").putObject("delta")
                    .set("tool_calls", toolCalls(a, true));
            out.add(c);
        }
        ObjectNode last = chunk(a, modelId);
        choice(last).put("index", 0).put("finish_reason", finishReason(a.stopReason()))
                .putObject("delta");
        last.set("amazon-bedrock-invocationMetrics", Json.invocationMetrics(a, latencyMs, Math.min(latencyMs, 100)));
        out.add(last);
        return out;
    }

    private static ObjectNode choice(ObjectNode chunk) {
        return ((ArrayNode) chunk.get("choices")).addObject();
    }

    private ObjectNode chunk(Answer a, String modelId) {
        ObjectNode c = Json.object();
        c.putArray("choices");
        c.put("created", CREATED).put("id", id(a)).put("model", modelId).put("object", "chat.completion.chunk")
                .put("service_tier", "auto");
        return c;
    }
}
