package io.quarkiverse.bedrock.testing;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Amazon Nova on Bedrock: {@code messages-v1} bodies, close to Converse. */
final class NovaCodec implements NativeCodec {

    @Override
    public Prompt parse(JsonNode body) {
        Prompt p = ConverseCodec.parse(body);
        JsonNode inference = body.path("inferenceConfig");
        int max = inference.path("max_new_tokens").asInt(inference.path("maxTokens").asInt(0));
        return new Prompt(p.lastUserText(), p.inputTokens(), p.tools(), p.forcedTool(), p.afterToolResult(),
                p.thinking(), max);
    }

    private static ObjectNode usage(Answer a) {
        return Json.object().put("inputTokens", a.inputTokens()).put("outputTokens", a.outputTokens())
                .put("totalTokens", a.inputTokens() + a.outputTokens()).put("cacheReadInputTokenCount", 0)
                .put("cacheWriteInputTokenCount", 0);
    }

    @Override
    public ObjectNode response(Answer a, String modelId, long latencyMs) {
        ObjectNode out = ConverseCodec.response(a, latencyMs);
        out.remove("metrics");
        out.set("usage", usage(a));
        return out;
    }

    @Override
    public List<ObjectNode> chunks(Answer a, String modelId, long latencyMs) {
        List<ObjectNode> out = new ArrayList<>();
        for (StreamEvent e : ConverseCodec.events(a, latencyMs)) {
            ObjectNode chunk = Json.object();
            if (e.type().equals("metadata")) {
                chunk.putObject("metadata").set("usage", usage(a));
                chunk.set("amazon-bedrock-invocationMetrics",
                        Json.invocationMetrics(a, latencyMs, Math.min(latencyMs, 100)));
            } else {
                chunk.set(e.type(), e.payload());
            }
            out.add(chunk);
        }
        return out;
    }
}
