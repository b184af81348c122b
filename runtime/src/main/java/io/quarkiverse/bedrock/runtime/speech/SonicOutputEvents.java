package io.quarkiverse.bedrock.runtime.speech;

import java.io.IOException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.speech.SpeechEvent;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;

/** Maps the service's {@code chunk} events (base64 JSON output events) to {@link SpeechEvent}s. */
final class SonicOutputEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SonicOutputEvents() {
    }

    /**
     * @param message a {@code chunk} event message
     * @param requestId the session's request id, may be null
     * @return the event, empty for an event this client does not know (newer service versions add some)
     */
    static Optional<SpeechEvent> parse(EventStreamMessage message, String requestId) {
        JsonNode root;
        try {
            JsonNode chunk = JSON.readTree(message.payloadAsString());
            byte[] bytes = Base64.getDecoder().decode(chunk.path("bytes").asText(""));
            root = JSON.readTree(bytes);
        } catch (IOException | IllegalArgumentException e) {
            throw new BedrockServiceException(200, "MalformedResponse",
                    "A speech output event is not base64 JSON: " + e.getMessage(), requestId);
        }
        JsonNode event = root == null ? null : root.path("event");
        if (event == null || !event.isObject() || event.size() == 0) {
            return Optional.empty();
        }
        String name = event.fieldNames().next();
        JsonNode e = event.path(name);
        return Optional.ofNullable(switch (name) {
            case "completionStart" -> new SpeechEvent.CompletionStarted(e.path("completionId").asText(null));
            case "contentStart" -> new SpeechEvent.ContentStarted(e.path("contentId").asText(null),
                    type(e.path("type").asText("TEXT")), role(e.path("role").asText("ASSISTANT")), speculative(e));
            case "textOutput" -> new SpeechEvent.TextOutput(e.path("contentId").asText(null),
                    role(e.path("role").asText("ASSISTANT")), e.path("content").asText(""));
            case "audioOutput" -> new SpeechEvent.AudioOutput(e.path("contentId").asText(null),
                    Base64.getDecoder().decode(e.path("content").asText("")));
            case "toolUse" -> new SpeechEvent.ToolUse(e.path("toolUseId").asText(null), e.path("toolName").asText(null),
                    toolInput(e.path("content"), requestId));
            case "contentEnd" -> new SpeechEvent.ContentEnded(e.path("contentId").asText(null),
                    type(e.path("type").asText("TEXT")), e.path("stopReason").asText(null),
                    "INTERRUPTED".equals(e.path("stopReason").asText(null)));
            case "usageEvent" -> new SpeechEvent.Usage(e.path("totalInputTokens").asInt(),
                    e.path("totalOutputTokens").asInt(), e.path("totalTokens").asInt());
            case "completionEnd" -> new SpeechEvent.CompletionEnded(e.path("completionId").asText(null),
                    e.path("stopReason").asText(null));
            default -> null;
        });
    }

    private static boolean speculative(JsonNode contentStart) {
        String fields = contentStart.path("additionalModelFields").asText("");
        if (fields.isEmpty()) {
            return false;
        }
        try {
            return "SPECULATIVE".equals(JSON.readTree(fields).path("generationStage").asText(""));
        } catch (IOException e) {
            return false;
        }
    }

    private static JsonNode toolInput(JsonNode content, String requestId) {
        if (!content.isTextual()) {
            return content;
        }
        try {
            return JSON.readTree(content.asText());
        } catch (IOException e) {
            throw new BedrockServiceException(200, "MalformedResponse",
                    "A toolUse event's content is not JSON: " + e.getMessage(), requestId);
        }
    }

    private static SpeechEvent.ContentType type(String type) {
        try {
            return SpeechEvent.ContentType.valueOf(type.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return SpeechEvent.ContentType.TEXT;
        }
    }

    private static SpeechEvent.Role role(String role) {
        try {
            return SpeechEvent.Role.valueOf(role.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return SpeechEvent.Role.ASSISTANT;
        }
    }
}
