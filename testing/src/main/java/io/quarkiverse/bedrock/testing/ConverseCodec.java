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
        return parse(body, false);
    }

    /** Efforts of {@code outputConfig.effort}, as the service model's documentation lists them. */
    private static final java.util.Set<String> EFFORTS = java.util.Set.of("low", "medium", "high", "xhigh", "max");

    /**
     * @param body a ConverseRequest
     * @param promptArn whether the model id is a Prompt management prompt, which brings its own messages
     * @return the prompt
     */
    static Prompt parse(JsonNode body, boolean promptArn) {
        JsonNode messages = body.get("messages");
        PromptBuilder b = new PromptBuilder();
        if (promptArn) {
            // the stored prompt is not known here: its variables stand for it
            StringBuilder variables = new StringBuilder("prompt");
            body.path("promptVariables").fields().forEachRemaining(
                    e -> variables.append(' ').append(e.getKey()).append(' ').append(e.getValue().path("text").asText()));
            b.userTurn(variables.toString(), false);
            if (messages == null) {
                messages = Json.array();
            }
        } else if (body.has("promptVariables")) {
            throw BadRequest.validation("promptVariables can only be used with a prompt resource ARN as the modelId.");
        }
        if (messages == null || !messages.isArray() || (messages.isEmpty() && !promptArn)) {
            throw BadRequest.validation("A conversation must start with a user message. Try again with a conversation"
                    + " that starts with a user message.");
        }
        outputConfig(body.path("outputConfig"), b);
        for (JsonNode s : body.path("system")) {
            b.text(s.path("text").asText(""));
        }
        int documents = 0;
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
                } else if (c.path("document").path("citations").path("enabled").asBoolean(false)) {
                    JsonNode doc = c.get("document");
                    String docText = new String(java.util.Base64.getDecoder().decode(
                            doc.path("source").path("bytes").asText("")), java.nio.charset.StandardCharsets.UTF_8);
                    b.citedDocument(new Prompt.CitedDocument(documents++, doc.path("name").asText(""), docText));
                    append(text, docText);
                } else if (c.has("document")) {
                    documents++;
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

    /** Checks {@code outputConfig} as Bedrock does and takes its schema. */
    private static void outputConfig(JsonNode output, PromptBuilder b) {
        JsonNode effort = output.get("effort");
        if (effort != null && !EFFORTS.contains(effort.asText())) {
            throw BadRequest.validation("The effort value '" + effort.asText() + "' is not valid. Valid values are"
                    + " low, medium, high, xhigh and max.");
        }
        JsonNode format = output.get("textFormat");
        if (format == null) {
            return;
        }
        if (!"json_schema".equals(format.path("type").asText())) {
            throw BadRequest.validation("1 validation error detected: Value '" + format.path("type").asText()
                    + "' at 'outputConfig.textFormat.type' failed to satisfy constraint: Member must satisfy enum value"
                    + " set: [json_schema]");
        }
        JsonNode schema = format.path("structure").path("jsonSchema").path("schema");
        JsonNode parsed = schema.isTextual() ? Json.parseLenient(schema.asText()) : null;
        if (parsed == null || !parsed.isObject()) {
            throw BadRequest.validation("The JSON schema in outputConfig.textFormat.structure.jsonSchema.schema is not a"
                    + " valid JSON object.");
        }
        b.outputSchema(parsed);
    }

    private static void append(StringBuilder sb, String text) {
        if (sb.length() > 0) {
            sb.append('\n');
        }
        sb.append(text);
    }

    /** @return the ConverseResponse body */
    static ObjectNode response(Answer a, long latencyMs) {
        return response(a, latencyMs, PromptCache.Use.NONE);
    }

    /** @return the ConverseResponse body, its usage counting what the request's cache points read and wrote */
    static ObjectNode response(Answer a, long latencyMs, PromptCache.Use cache) {
        ArrayNode content = Json.array();
        if (a.hasThinking()) {
            ObjectNode rt = content.addObject().putObject("reasoningContent").putObject("reasoningText");
            rt.put("text", a.thinkingText());
            rt.put("signature", a.signature());
        }
        if (a.hasText() && !a.cited().isEmpty()) {
            ObjectNode cited = content.addObject().putObject("citationsContent");
            cited.putArray("content").addObject().put("text", a.text());
            ArrayNode citations = cited.putArray("citations");
            a.cited().forEach(d -> citations.add(citation(d)));
        } else if (a.hasText()) {
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
        out.set("usage", usage(a, cache));
        out.putObject("metrics").put("latencyMs", latencyMs);
        return out;
    }

    /**
     * A citation of the document's first sentence (at most 80 characters), located by characters.
     *
     * @param d a cited document
     * @return a Converse {@code Citation} (also the shape of a stream's {@code citation} delta)
     */
    private static ObjectNode citation(Prompt.CitedDocument d) {
        String text = d.text();
        int end = Math.min(text.length(), 80);
        int stop = text.indexOf('.');
        if (stop >= 0 && stop + 1 < end) {
            end = stop + 1;
        }
        ObjectNode c = Json.object();
        c.put("title", d.name());
        c.putArray("sourceContent").addObject().put("text", text.substring(0, end));
        c.putObject("location").putObject("documentChar").put("documentIndex", d.index()).put("start", 0)
                .put("end", end);
        return c;
    }

    /**
     * Cached tokens are not counted in {@code inputTokens} but are in {@code totalTokens}; {@code cacheDetails} splits
     * the written ones by TTL.
     */
    private static ObjectNode usage(Answer a, PromptCache.Use cache) {
        int cached = cache.readTokens() + cache.writtenTokens();
        int input = Math.max(1, a.inputTokens() - cached);
        ObjectNode u = Json.object();
        u.put("inputTokens", input);
        u.put("outputTokens", a.outputTokens());
        u.put("totalTokens", input + a.outputTokens() + cached);
        if (cache != PromptCache.Use.NONE) {
            u.put("cacheReadInputTokens", cache.readTokens());
            u.put("cacheWriteInputTokens", cache.writtenTokens());
            if (!cache.writtenByTtl().isEmpty()) {
                ArrayNode details = u.putArray("cacheDetails");
                cache.writtenByTtl().forEach((ttl, tokens) -> details.addObject().put("ttl", ttl)
                        .put("inputTokens", tokens));
            }
        }
        return u;
    }

    /** @return the ConverseStream events, in order */
    static List<StreamEvent> events(Answer a, long latencyMs) {
        return events(a, latencyMs, PromptCache.Use.NONE);
    }

    /** @return the ConverseStream events, in order, the usage counting the request's cache points */
    static List<StreamEvent> events(Answer a, long latencyMs, PromptCache.Use cache) {
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
            for (Prompt.CitedDocument doc : a.cited()) {
                ObjectNode d = delta(index);
                d.putObject("delta").set("citation", citation(doc));
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
        meta.set("usage", usage(a, cache));
        meta.putObject("metrics").put("latencyMs", latencyMs);
        out.add(new StreamEvent("metadata", meta));
        return out;
    }

    private static ObjectNode delta(int index) {
        return Json.object().put("contentBlockIndex", index);
    }
}
