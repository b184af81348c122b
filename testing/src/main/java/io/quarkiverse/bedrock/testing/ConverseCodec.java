package io.quarkiverse.bedrock.testing;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Reads Converse requests and writes Converse answers and ConverseStream events. */
final class ConverseCodec {

    private ConverseCodec() {
    }

    /**
     * @param body a ConverseRequest (or the {@code converse} member of a CountTokens request)
     * @return the prompt
     */
    static Prompt parse(JsonNode body) {
        JsonNode messages = body.get("messages");
        if (messages == null || !messages.isArray() || messages.isEmpty()) {
            throw BadRequest.validation("A conversation must start with a user message. Try again with a conversation"
                    + " that starts with a user message.");
        }
        PromptBuilder b = new PromptBuilder();
        for (JsonNode s : body.path("system")) {
            b.text(s.path("text").asText(""));
        }
        for (JsonNode m : messages) {
            String role = m.path("role").asText("");
            if (!role.equals("user") && !role.equals("assistant")) {
                throw BadRequest.validation("1 validation error detected: Value '" + role
                        + "' at 'messages.role' failed to satisfy constraint: Member must satisfy enum value set: [user, assistant]");
            }
            StringBuilder text = new StringBuilder();
            boolean toolResult = false;
            for (JsonNode c : m.path("content")) {
                if (c.has("text")) {
                    append(text, c.get("text").asText());
                } else if (c.has("toolResult")) {
                    toolResult = true;
                    for (JsonNode r : c.get("toolResult").path("content")) {
                        append(text, r.has("text") ? r.get("text").asText() : PromptBuilder.asText(r.get("json")));
                    }
                } else if (c.has("toolUse")) {
                    b.text(PromptBuilder.asText(c.get("toolUse").get("input")));
                } else if (c.path("reasoningContent").has("reasoningText")) {
                    JsonNode rt = c.path("reasoningContent").path("reasoningText");
                    if (!TextGenerator.signature(rt.path("text").asText("")).equals(rt.path("signature").asText(""))) {
                        throw BadRequest.validation("The model returned the following errors: messages." + m.path("role")
                                .asText() + ": Invalid `signature` in `thinking` block");
                    }
                }
            }
            if (role.equals("user")) {
                b.userTurn(text.toString(), toolResult);
            } else {
                b.text(text.toString());
            }
        }
        JsonNode toolConfig = body.path("toolConfig");
        for (JsonNode t : toolConfig.path("tools")) {
            JsonNode spec = t.get("toolSpec");
            if (spec != null) {
                b.tool(spec.path("name").asText(null), spec.path("inputSchema").path("json"));
            }
        }
        JsonNode choice = toolConfig.path("toolChoice");
        if (choice.has("tool")) {
            b.forcedTool(choice.get("tool").path("name").asText());
        } else if (choice.has("any")) {
            b.forcedTool("*");
        }
        JsonNode thinking = body.path("additionalModelRequestFields").path("thinking");
        String type = thinking.path("type").asText("");
        boolean thinkingOn = type.equals("enabled") || type.equals("adaptive");
        if (thinkingOn && (choice.has("tool") || choice.has("any"))) {
            throw BadRequest.validation("The model returned the following errors: Thinking may not be enabled when"
                    + " tool_choice forces tool use.");
        }
        b.thinking(thinkingOn);
        b.maxTokens(body.path("inferenceConfig").path("maxTokens").asInt(0));
        return b.build();
    }

    private static void append(StringBuilder sb, String text) {
        if (sb.length() > 0) {
            sb.append('\n');
        }
        sb.append(text);
    }

    /** @return the ConverseResponse body */
    static ObjectNode response(Answer a, long latencyMs) {
        ArrayNode content = Json.array();
        if (a.hasThinking()) {
            ObjectNode rt = content.addObject().putObject("reasoningContent").putObject("reasoningText");
            rt.put("text", a.thinkingText());
            rt.put("signature", a.signature());
        }
        if (a.hasText()) {
            content.addObject().put("text", a.text());
        }
        for (ToolCall c : a.toolCalls()) {
            ObjectNode tu = content.addObject().putObject("toolUse");
            tu.put("toolUseId", c.id());
            tu.put("name", c.name());
            tu.set("input", Json.parseLenient(c.inputJson()));
        }
        ObjectNode out = Json.object();
        ObjectNode message = out.putObject("output").putObject("message");
        message.put("role", "assistant");
        message.set("content", content);
        out.put("stopReason", a.stopReason());
        out.set("usage", usage(a));
        out.putObject("metrics").put("latencyMs", latencyMs);
        return out;
    }

    private static ObjectNode usage(Answer a) {
        ObjectNode u = Json.object();
        u.put("inputTokens", a.inputTokens());
        u.put("outputTokens", a.outputTokens());
        u.put("totalTokens", a.inputTokens() + a.outputTokens());
        return u;
    }

    /** @return the ConverseStream events, in order */
    static List<StreamEvent> events(Answer a, long latencyMs) {
        List<StreamEvent> out = new ArrayList<>();
        out.add(new StreamEvent("messageStart", Json.object().put("role", "assistant")));
        int index = 0;
        if (a.hasThinking()) {
            for (String t : a.thinking()) {
                ObjectNode d = delta(index);
                d.putObject("delta").putObject("reasoningContent").put("text", t);
                out.add(new StreamEvent("contentBlockDelta", d));
            }
            ObjectNode sig = delta(index);
            sig.putObject("delta").putObject("reasoningContent").put("signature", a.signature());
            out.add(new StreamEvent("contentBlockDelta", sig));
            out.add(new StreamEvent("contentBlockStop", Json.object().put("contentBlockIndex", index)));
            index++;
        }
        if (a.hasText()) {
            for (String t : a.textTokens()) {
                ObjectNode d = delta(index);
                d.putObject("delta").put("text", t);
                out.add(new StreamEvent("contentBlockDelta", d));
            }
            out.add(new StreamEvent("contentBlockStop", Json.object().put("contentBlockIndex", index)));
            index++;
        }
        for (ToolCall c : a.toolCalls()) {
            ObjectNode start = delta(index);
            ObjectNode tu = start.putObject("start").putObject("toolUse");
            tu.put("toolUseId", c.id());
            tu.put("name", c.name());
            out.add(new StreamEvent("contentBlockStart", start));
            ObjectNode d = delta(index);
            d.putObject("delta").putObject("toolUse").put("input", c.inputJson());
            out.add(new StreamEvent("contentBlockDelta", d));
            out.add(new StreamEvent("contentBlockStop", Json.object().put("contentBlockIndex", index)));
            index++;
        }
        out.add(new StreamEvent("messageStop", Json.object().put("stopReason", a.stopReason())));
        ObjectNode meta = Json.object();
        meta.set("usage", usage(a));
        meta.putObject("metrics").put("latencyMs", latencyMs);
        out.add(new StreamEvent("metadata", meta));
        return out;
    }

    private static ObjectNode delta(int index) {
        return Json.object().put("contentBlockIndex", index);
    }
}
