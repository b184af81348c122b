package io.quarkiverse.bedrock.testing;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** JSON helpers of the emulator. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static ArrayNode array() {
        return JsonNodeFactory.instance.arrayNode();
    }

    /**
     * @param body request body bytes
     * @return the JSON object
     * @throws BadRequest when the body is not a JSON object
     */
    static JsonNode parseObject(byte[] body) {
        try {
            JsonNode node = MAPPER.readTree(body);
            if (node == null || !node.isObject()) {
                throw BadRequest.validation(
                        "Malformed input request: expected a JSON object, please reformat your input and try again.");
            }
            return node;
        } catch (IOException e) {
            throw BadRequest.validation("Malformed input request: " + firstLine(e.getMessage())
                    + ", please reformat your input and try again.");
        }
    }

    /** @param text JSON text @return the parsed node, or a text node when it is not JSON */
    static JsonNode parseLenient(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            return JsonNodeFactory.instance.textNode(text);
        }
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "invalid JSON";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** @return Bedrock's {@code amazon-bedrock-invocationMetrics} object */
    static ObjectNode invocationMetrics(Answer a, long latencyMs, long firstByteMs) {
        ObjectNode m = object();
        m.put("inputTokenCount", a.inputTokens());
        m.put("outputTokenCount", a.outputTokens());
        m.put("invocationLatency", latencyMs);
        m.put("firstByteLatency", firstByteMs);
        return m;
    }
}
