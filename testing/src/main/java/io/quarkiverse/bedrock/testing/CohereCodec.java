package io.quarkiverse.bedrock.testing;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Cohere on Bedrock: Command R chat bodies, and Embed bodies ({@code texts} in, {@code embeddings} out). */
final class CohereCodec implements NativeCodec {

    private static final int EMBED_DIMENSIONS = 1024;

    @Override
    public ObjectNode direct(JsonNode body) {
        if (!body.has("texts") && !body.has("images") && !body.has("inputs")) {
            return null;
        }
        if (!body.has("input_type")) {
            throw BadRequest.validation(
                    "Malformed input request: #: required key [input_type] not found, please reformat your input and try again.");
        }
        List<String> texts = new ArrayList<>();
        body.path("texts").forEach(t -> texts.add(t.asText()));
        int dims = body.path("output_dimension").asInt(EMBED_DIMENSIONS);
        ObjectNode out = Json.object();
        out.put("id", "emu-embed-" + Integer.toHexString(texts.hashCode() & 0x7fffffff));
        ArrayNode vectors = Json.array();
        for (String t : texts) {
            vectors.add(Embeddings.vector(t, dims));
        }
        JsonNode types = body.get("embedding_types");
        if (types != null && types.isArray()) {
            ObjectNode byType = out.putObject("embeddings");
            for (JsonNode t : types) {
                byType.set(t.asText(), vectors.deepCopy());
            }
            out.put("response_type", "embeddings_by_type");
        } else {
            out.set("embeddings", vectors);
            out.put("response_type", "embeddings_floats");
        }
        ArrayNode echoed = out.putArray("texts");
        texts.forEach(echoed::add);
        return out;
    }

    @Override
    public Prompt parse(JsonNode body) {
        if (!body.has("message")) {
            throw BadRequest.validation(
                    "Malformed input request: #: required key [message] not found, please reformat your input and try again.");
        }
        PromptBuilder b = new PromptBuilder();
        b.text(body.path("preamble").asText(""));
        for (JsonNode h : body.path("chat_history")) {
            b.text(h.path("message").asText(""));
        }
        boolean toolResults = body.path("tool_results").isArray() && !body.path("tool_results").isEmpty();
        for (JsonNode r : body.path("tool_results")) {
            b.text(r.path("outputs").toString());
        }
        b.userTurn(body.path("message").asText(""), toolResults);
        for (JsonNode t : body.path("tools")) {
            ObjectNode schema = Json.object();
            ObjectNode props = schema.putObject("properties");
            ArrayNode required = schema.putArray("required");
            t.path("parameter_definitions").fields().forEachRemaining(e -> {
                props.putObject(e.getKey()).put("type", cohereType(e.getValue().path("type").asText("str")));
                if (e.getValue().path("required").asBoolean(false)) {
                    required.add(e.getKey());
                }
            });
            b.tool(t.path("name").asText(null), schema);
        }
        b.maxTokens(body.path("max_tokens").asInt(0));
        return b.build();
    }

    private static String cohereType(String type) {
        switch (type) {
            case "int":
                return "integer";
            case "float":
                return "number";
            case "bool":
                return "boolean";
            default:
                return "string";
        }
    }

    static String finishReason(String stopReason) {
        return stopReason.equals("max_tokens") ? "MAX_TOKENS" : "COMPLETE";
    }

    @Override
    public ObjectNode response(Answer a, String modelId, long latencyMs) {
        ObjectNode out = Json.object();
        out.put("response_id", "emu-" + Integer.toHexString(a.text().hashCode() & 0x7fffffff));
        out.put("text", a.text());
        out.put("generation_id", "emu-gen-" + Integer.toHexString((a.text() + modelId).hashCode() & 0x7fffffff));
        out.put("finish_reason", finishReason(a.stopReason()));
        if (!a.toolCalls().isEmpty()) {
            ArrayNode calls = out.putArray("tool_calls");
            for (ToolCall c : a.toolCalls()) {
                calls.addObject().put("name", c.name()).set("parameters", Json.parseLenient(c.inputJson()));
            }
        }
        out.putObject("meta").putObject("billed_units").put("input_tokens", a.inputTokens()).put("output_tokens",
                a.outputTokens());
        return out;
    }

    @Override
    public List<ObjectNode> chunks(Answer a, String modelId, long latencyMs) {
        List<ObjectNode> out = new ArrayList<>();
        out.add(Json.object().put("is_finished", false).put("event_type", "stream-start").put("generation_id",
                "emu-gen-" + Integer.toHexString((a.text() + modelId).hashCode() & 0x7fffffff)));
        for (String t : a.textTokens()) {
            out.add(Json.object().put("is_finished", false).put("event_type", "text-generation").put("text", t));
        }
        ObjectNode end = Json.object().put("is_finished", true).put("event_type", "stream-end").put("finish_reason",
                finishReason(a.stopReason()));
        end.set("response", response(a, modelId, latencyMs));
        end.set("amazon-bedrock-invocationMetrics", Json.invocationMetrics(a, latencyMs, Math.min(latencyMs, 100)));
        out.add(end);
        return out;
    }
}
