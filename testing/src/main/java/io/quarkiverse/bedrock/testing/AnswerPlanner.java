package io.quarkiverse.bedrock.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Decides what the emulated model answers: the scripted {@link Reply} when there is one, else a deterministic tool call
 * when tools are offered and the prompt asks for one, else generated text.
 */
final class AnswerPlanner {

    private static final com.fasterxml.jackson.databind.ObjectWriter PRETTY = Json.MAPPER.writerWithDefaultPrettyPrinter();

    private AnswerPlanner() {
    }

    private static String pretty(JsonNode value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return value.toString();
        }
    }

    /**
     * @param prompt the request
     * @param reply the scripted reply, or null
     * @param options the emulator options
     * @return the answer
     */
    static Answer plan(Prompt prompt, Reply reply, EmulatorOptions options) {
        List<String> thinking = List.of();
        if (reply != null && reply.thinking() != null) {
            thinking = Tokens.split(reply.thinking());
        } else if (prompt.thinking()) {
            thinking = TextGenerator.tokens("thinking:" + prompt.lastUserText(), Math.max(4, options.tokens() / 2));
            thinking = prefix("Let me think about this. ", thinking);
        }
        List<ToolCall> calls = new ArrayList<>();
        List<String> text;
        String stop;
        if (reply != null && (reply.text() != null || !reply.toolCalls().isEmpty())) {
            calls.addAll(reply.toolCalls());
            text = reply.text() == null ? List.of() : Tokens.split(reply.text());
            stop = calls.isEmpty() ? "end_turn" : "tool_use";
        } else {
            calls.addAll(toolCallsAskedFor(prompt));
            if (!calls.isEmpty()) {
                text = List.of();
                stop = "tool_use";
            } else if (prompt.outputSchema() != null) {
                // structured output: the text is JSON following the schema, spread over several tokens
                text = Tokens.split(pretty(exampleInput(prompt.outputSchema())));
                stop = "end_turn";
            } else {
                int limit = prompt.maxTokens() > 0 ? Math.min(prompt.maxTokens(), options.tokens()) : options.tokens();
                String seed = prompt.afterToolResult() ? "tool-result:" + prompt.inputTokens() : prompt.lastUserText();
                text = TextGenerator.tokens(seed, limit);
                stop = limit < options.tokens() ? "max_tokens" : "end_turn";
            }
        }
        if (reply != null && reply.stopReason() != null) {
            stop = reply.stopReason();
        }
        List<ToolCall> withIds = new ArrayList<>();
        for (int i = 0; i < calls.size(); i++) {
            ToolCall c = calls.get(i);
            withIds.add(c.id() != null ? c
                    : c.withId("tooluse_emu" + Integer.toHexString(
                            (c.name() + c.inputJson() + i).hashCode() & 0x7fffffff) + "_" + i));
        }
        int output = thinking.size() + text.size();
        for (ToolCall c : withIds) {
            output += Tokens.count(c.name() + " " + c.inputJson());
        }
        String signature = thinking.isEmpty() ? null : TextGenerator.signature(String.join("", thinking));
        List<Prompt.CitedDocument> cited = text.isEmpty() || !withIds.isEmpty() ? List.of() : prompt.citedDocuments();
        return new Answer(thinking, signature, text, withIds, stop, prompt.inputTokens(), output, cited);
    }

    private static List<String> prefix(String text, List<String> tokens) {
        List<String> out = new ArrayList<>(Tokens.split(text.trim()));
        for (int i = 0; i < tokens.size(); i++) {
            String t = tokens.get(i);
            out.add(i == 0 ? " " + t : t);
        }
        return out;
    }

    /**
     * The deterministic tool rule: when tools are offered and the last user turn is text (not a tool result), every tool
     * the text names is called (several names: parallel calls); when it names none but says "tool" or the request forces
     * a tool choice, the forced (else the first) tool is called.
     */
    static List<ToolCall> toolCallsAskedFor(Prompt prompt) {
        List<ToolCall> calls = new ArrayList<>();
        if (prompt.tools().isEmpty() || prompt.afterToolResult()) {
            return calls;
        }
        String text = prompt.lastUserText().toLowerCase(Locale.ROOT);
        for (ToolSpec tool : prompt.tools()) {
            String name = tool.name().toLowerCase(Locale.ROOT);
            if (text.contains(name) || text.contains(name.replace('_', ' '))) {
                calls.add(ToolCall.of(tool.name(), exampleInput(tool.schema()).toString()));
            }
        }
        if (calls.isEmpty() && (prompt.forcedTool() != null || text.matches("(?s).*\\btools?\\b.*"))) {
            ToolSpec chosen = prompt.tools().get(0);
            for (ToolSpec t : prompt.tools()) {
                if (t.name().equals(prompt.forcedTool())) {
                    chosen = t;
                }
            }
            calls.add(ToolCall.of(chosen.name(), exampleInput(chosen.schema()).toString()));
        }
        return calls;
    }

    /** @return an object with a deterministic value for every required property (every property if none is required) */
    static ObjectNode exampleInput(JsonNode schema) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        JsonNode props = schema == null ? null : schema.get("properties");
        if (props == null || !props.isObject()) {
            return out;
        }
        List<String> wanted = new ArrayList<>();
        JsonNode required = schema.get("required");
        if (required != null && required.isArray() && required.size() > 0) {
            required.forEach(r -> wanted.add(r.asText()));
        } else {
            props.fieldNames().forEachRemaining(wanted::add);
        }
        for (String name : wanted) {
            JsonNode p = props.get(name);
            out.set(name, exampleValue(name, p == null ? JsonNodeFactory.instance.objectNode() : p));
        }
        return out;
    }

    private static JsonNode exampleValue(String name, JsonNode prop) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode en = prop.get("enum");
        if (en != null && en.isArray() && en.size() > 0) {
            return en.get(0);
        }
        String type = prop.path("type").asText("string");
        switch (type) {
            case "integer":
                return f.numberNode(1);
            case "number":
                return f.numberNode(1.5);
            case "boolean":
                return f.booleanNode(true);
            case "array":
                return f.arrayNode();
            case "object":
                return exampleInput(prop);
            default:
                String n = name.toLowerCase(Locale.ROOT);
                if (n.contains("city") || n.contains("location") || n.contains("place")) {
                    return f.textNode("Paris");
                }
                return f.textNode("example " + name);
        }
    }
}
