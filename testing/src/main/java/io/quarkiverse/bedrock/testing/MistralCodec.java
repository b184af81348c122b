package io.quarkiverse.bedrock.testing;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Mistral on Bedrock: text completion ({@code prompt} in, {@code outputs} out) or, for the chat models,
 * {@code messages} in and {@code choices} out.
 */
final class MistralCodec implements NativeCodec {

    private final OpenAiCodec chat = new OpenAiCodec();

    @Override
    public Prompt parse(JsonNode body) {
        if (body.has("messages")) {
            return chat.parse(body);
        }
        JsonNode prompt = body.get("prompt");
        if (prompt == null || !prompt.isTextual()) {
            throw BadRequest.validation(
                    "Malformed input request: #: required key [prompt] not found, please reformat your input and try again.");
        }
        String raw = prompt.asText();
        String last = raw;
        int inst = raw.lastIndexOf("[INST]");
        if (inst >= 0) {
            last = raw.substring(inst + 6);
            int end = last.indexOf("[/INST]");
            last = (end >= 0 ? last.substring(0, end) : last).trim();
        }
        Prompt counted = new PromptBuilder().userTurn(raw.replaceAll("</?s>|\\[/?INST\\]", " ").trim(), false)
                .maxTokens(body.path("max_tokens").asInt(0)).build();
        return new Prompt(last, counted.inputTokens(), List.of(), null, false, false, counted.maxTokens());
    }

    private static boolean isChat(Answer a, String modelId) {
        return modelId.contains("large") || modelId.contains("pixtral") || !a.toolCalls().isEmpty();
    }

    @Override
    public ObjectNode response(Answer a, String modelId, long latencyMs) {
        if (isChat(a, modelId)) {
            ObjectNode out = Json.object();
            out.put("id", "emu-" + Integer.toHexString(a.text().hashCode() & 0x7fffffff)).put("object",
                    "chat.completion");
            ObjectNode choice = out.putArray("choices").addObject();
            choice.put("index", 0);
            ObjectNode message = choice.putObject("message").put("role", "assistant").put("content", a.text());
            if (!a.toolCalls().isEmpty()) {
                ArrayNode calls = message.putArray("tool_calls");
                for (ToolCall c : a.toolCalls()) {
                    calls.addObject().put("id", c.id()).putObject("function").put("name", c.name()).put("arguments",
                            c.inputJson());
                }
            }
            choice.put("stop_reason", OpenAiCodec.finishReason(a.stopReason()));
            out.putObject("usage").put("prompt_tokens", a.inputTokens()).put("completion_tokens", a.outputTokens())
                    .put("total_tokens", a.inputTokens() + a.outputTokens());
            return out;
        }
        ObjectNode out = Json.object();
        out.putArray("outputs").addObject().put("text", a.text()).put("stop_reason",
                OpenAiCodec.finishReason(a.stopReason()));
        return out;
    }

    @Override
    public List<ObjectNode> chunks(Answer a, String modelId, long latencyMs) {
        boolean chatShape = isChat(a, modelId);
        List<ObjectNode> out = new ArrayList<>();
        List<String> tokens = a.textTokens().isEmpty() ? List.of("") : a.textTokens();
        for (int i = 0; i < tokens.size(); i++) {
            boolean last = i == tokens.size() - 1;
            ObjectNode c = Json.object();
            ObjectNode item;
            if (chatShape) {
                item = c.putArray("choices").addObject().put("index", 0);
                item.putObject("message").put("role", "assistant").put("content", tokens.get(i));
            } else {
                item = c.putArray("outputs").addObject().put("text", tokens.get(i));
            }
            if (last) {
                item.put("stop_reason", OpenAiCodec.finishReason(a.stopReason()));
                c.set("amazon-bedrock-invocationMetrics",
                        Json.invocationMetrics(a, latencyMs, Math.min(latencyMs, 100)));
            } else {
                item.putNull("stop_reason");
            }
            out.add(c);
        }
        return out;
    }
}
