package io.quarkiverse.bedrock.testing;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Meta Llama on Bedrock: {@code prompt} in, {@code generation} out. */
final class LlamaCodec implements NativeCodec {

    private static final String USER_HEADER = "<|start_header_id|>user<|end_header_id|>";

    @Override
    public Prompt parse(JsonNode body) {
        JsonNode prompt = body.get("prompt");
        if (prompt == null || !prompt.isTextual()) {
            throw BadRequest.validation(
                    "Malformed input request: #: required key [prompt] not found, please reformat your input and try again.");
        }
        String raw = prompt.asText();
        String lastUser = raw;
        int u = raw.lastIndexOf(USER_HEADER);
        if (u >= 0) {
            lastUser = raw.substring(u + USER_HEADER.length());
            int end = lastUser.indexOf("<|eot_id|>");
            lastUser = (end >= 0 ? lastUser.substring(0, end) : lastUser).trim();
        }
        PromptBuilder b = new PromptBuilder();
        b.userTurn(raw.replaceAll("<\\|[a-z_]+\\|>", " ").trim(), false);
        PromptBuilder exact = new PromptBuilder().userTurn(lastUser, false);
        Prompt counted = b.maxTokens(body.path("max_gen_len").asInt(0)).build();
        Prompt last = exact.build();
        return new Prompt(last.lastUserText(), counted.inputTokens(), List.of(), null, false, false,
                counted.maxTokens());
    }

    static String stopReason(String converse) {
        return converse.equals("max_tokens") ? "length" : "stop";
    }

    @Override
    public ObjectNode response(Answer a, String modelId, long latencyMs) {
        return Json.object().put("generation", a.text()).put("prompt_token_count", a.inputTokens())
                .put("generation_token_count", a.outputTokens()).put("stop_reason", stopReason(a.stopReason()));
    }

    @Override
    public List<ObjectNode> chunks(Answer a, String modelId, long latencyMs) {
        List<ObjectNode> out = new ArrayList<>();
        List<String> tokens = a.textTokens().isEmpty() ? List.of("") : a.textTokens();
        for (int i = 0; i < tokens.size(); i++) {
            ObjectNode c = Json.object().put("generation", tokens.get(i));
            if (i == 0) {
                c.put("prompt_token_count", a.inputTokens());
            } else {
                c.putNull("prompt_token_count");
            }
            c.put("generation_token_count", i + 1);
            if (i == tokens.size() - 1) {
                c.put("stop_reason", stopReason(a.stopReason()));
                c.set("amazon-bedrock-invocationMetrics",
                        Json.invocationMetrics(a, latencyMs, Math.min(latencyMs, 100)));
            } else {
                c.putNull("stop_reason");
            }
            out.add(c);
        }
        return out;
    }
}
