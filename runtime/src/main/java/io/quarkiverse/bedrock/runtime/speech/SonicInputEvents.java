package io.quarkiverse.bedrock.runtime.speech;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.Tool;
import io.quarkiverse.bedrock.api.speech.SpeechSessionRequest;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamEncoder;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;
import io.vertx.core.buffer.Buffer;

/**
 * The JSON input events of one Nova Sonic prompt ({@code {"event":{"<name>":{...}}}}), each wrapped in a {@code chunk}
 * event message whose JSON payload holds the event base64-encoded in {@code bytes}, as the service model's
 * {@code BidirectionalInputPayloadPart} says.
 */
final class SonicInputEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String promptName;

    /** @param promptName the prompt every event of this service session belongs to */
    SonicInputEvents(String promptName) {
        this.promptName = promptName;
    }

    Buffer sessionStart(SpeechSessionRequest request) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode inference = body.putObject("inferenceConfiguration");
        inference.put("maxTokens", request.maxTokens()).put("topP", request.topP())
                .put("temperature", request.temperature());
        return event("sessionStart", body);
    }

    Buffer promptStart(SpeechSessionRequest request) {
        ObjectNode body = prompt();
        body.putObject("textOutputConfiguration").put("mediaType", "text/plain");
        body.putObject("audioOutputConfiguration").put("mediaType", "audio/lpcm")
                .put("sampleRateHertz", request.outputSampleRate()).put("sampleSizeBits", 16).put("channelCount", 1)
                .put("voiceId", request.voiceId()).put("encoding", "base64").put("audioType", "SPEECH");
        if (!request.tools().isEmpty()) {
            body.putObject("toolUseOutputConfiguration").put("mediaType", "application/json");
            ArrayNode tools = body.putObject("toolConfiguration").putArray("tools");
            for (Tool tool : request.tools()) {
                ObjectNode spec = tools.addObject().putObject("toolSpec");
                spec.put("name", tool.name());
                if (tool.description() != null) {
                    spec.put("description", tool.description());
                }
                // the service takes the schema as a JSON document inside a string
                spec.putObject("inputSchema").put("json", tool.inputSchema().toString());
            }
        }
        return event("promptStart", body);
    }

    Buffer textContentStart(String contentName, String role, boolean interactive) {
        ObjectNode body = content(contentName).put("type", "TEXT").put("interactive", interactive).put("role", role);
        body.putObject("textInputConfiguration").put("mediaType", "text/plain");
        return event("contentStart", body);
    }

    Buffer textInput(String contentName, String text) {
        return event("textInput", content(contentName).put("content", text));
    }

    Buffer audioContentStart(String contentName) {
        ObjectNode body = content(contentName).put("type", "AUDIO").put("interactive", true).put("role", "USER");
        body.putObject("audioInputConfiguration").put("mediaType", "audio/lpcm").put("sampleRateHertz", 16000)
                .put("sampleSizeBits", 16).put("channelCount", 1).put("audioType", "SPEECH").put("encoding", "base64");
        return event("contentStart", body);
    }

    Buffer audioInput(String contentName, byte[] pcm) {
        return event("audioInput", content(contentName).put("content", Base64.getEncoder().encodeToString(pcm)));
    }

    Buffer toolContentStart(String contentName, String toolUseId) {
        ObjectNode body = content(contentName).put("interactive", false).put("type", "TOOL").put("role", "TOOL");
        ObjectNode config = body.putObject("toolResultInputConfiguration").put("toolUseId", toolUseId).put("type", "TEXT");
        config.putObject("textInputConfiguration").put("mediaType", "text/plain");
        return event("contentStart", body);
    }

    Buffer toolResult(String contentName, String result) {
        return event("toolResult", content(contentName).put("content", result));
    }

    Buffer contentEnd(String contentName) {
        return event("contentEnd", content(contentName));
    }

    Buffer promptEnd() {
        return event("promptEnd", prompt());
    }

    Buffer sessionEnd() {
        return event("sessionEnd", JSON.createObjectNode());
    }

    private ObjectNode prompt() {
        return JSON.createObjectNode().put("promptName", promptName);
    }

    private ObjectNode content(String contentName) {
        return prompt().put("contentName", contentName);
    }

    /** @return the encoded {@code chunk} event message carrying {@code {"event":{name: body}}} */
    static Buffer event(String name, ObjectNode body) {
        ObjectNode envelope = JSON.createObjectNode();
        envelope.putObject("event").set(name, body);
        try {
            String bytes = Base64.getEncoder().encodeToString(JSON.writeValueAsBytes(envelope));
            return EventStreamEncoder.encode(EventStreamMessage.jsonEvent("chunk",
                    JSON.createObjectNode().put("bytes", bytes).toString()));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the " + name + " event", e);
        }
    }

    /** @return the JSON input event a {@code chunk} message carries, for tests and the emulator's mirror */
    static String decodeChunk(EventStreamMessage message) {
        try {
            String b64 = JSON.readTree(message.payloadAsString()).path("bytes").asText();
            return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("Not a chunk event", e);
        }
    }
}
