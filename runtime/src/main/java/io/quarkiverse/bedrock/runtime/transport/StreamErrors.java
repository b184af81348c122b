package io.quarkiverse.bedrock.runtime.transport;

import java.io.IOException;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;

/**
 * Turns {@code exception} and {@code error} messages inside a 200 stream into the same typed exceptions as HTTP errors.
 */
public final class StreamErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** HTTP status of each error shape that can appear inside a Bedrock stream. */
    private static final Map<String, Integer> STATUS = Map.of(
            "ThrottlingException", 429,
            "ModelStreamErrorException", 424,
            "ValidationException", 400,
            "InternalServerException", 500,
            "ServiceUnavailableException", 503,
            "ModelTimeoutException", 408,
            "ServiceQuotaExceededException", 400);

    private StreamErrors() {
    }

    /**
     * @param message a message whose {@code :message-type} is not {@code event}
     * @param requestId the request id of the stream, may be null
     * @return the exception to fail the stream with
     */
    public static BedrockServiceException fromMessage(EventStreamMessage message, String requestId) {
        if ("exception".equals(message.messageType())) {
            String shape = capitalize(message.exceptionType());
            return ServiceErrors.create(STATUS.getOrDefault(shape, 500), shape, payloadMessage(message), requestId);
        }
        String code = message.errorCode() != null ? message.errorCode() : "UnknownStreamError";
        String text = message.errorMessage() != null ? message.errorMessage() : payloadMessage(message);
        return ServiceErrors.create(STATUS.getOrDefault(code, 500), ServiceErrors.sanitizeType(code), text, requestId);
    }

    private static String payloadMessage(EventStreamMessage message) {
        try {
            JsonNode node = JSON.readTree(message.payloadAsString());
            if (node != null && node.path("message").isTextual()) {
                return node.path("message").asText();
            }
        } catch (IOException e) {
            // not JSON: fall through to the raw payload
        }
        String raw = message.payloadAsString();
        return raw.isEmpty() ? "(no message)" : raw;
    }

    private static String capitalize(String type) {
        if (type == null || type.isEmpty()) {
            return "UnknownStreamException";
        }
        return Character.toUpperCase(type.charAt(0)) + type.substring(1);
    }
}
