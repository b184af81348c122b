package io.quarkiverse.bedrock.runtime.transport;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.bedrock.api.error.AccessDeniedException;
import io.quarkiverse.bedrock.api.error.BedrockServiceException;
import io.quarkiverse.bedrock.api.error.ConflictException;
import io.quarkiverse.bedrock.api.error.InternalServerException;
import io.quarkiverse.bedrock.api.error.InvalidSignatureException;
import io.quarkiverse.bedrock.api.error.ModelErrorException;
import io.quarkiverse.bedrock.api.error.ModelNotReadyException;
import io.quarkiverse.bedrock.api.error.ModelStreamErrorException;
import io.quarkiverse.bedrock.api.error.ModelTimeoutException;
import io.quarkiverse.bedrock.api.error.ResourceNotFoundException;
import io.quarkiverse.bedrock.api.error.ServiceQuotaExceededException;
import io.quarkiverse.bedrock.api.error.ServiceUnavailableException;
import io.quarkiverse.bedrock.api.error.SignatureExpiredException;
import io.quarkiverse.bedrock.api.error.ThrottlingException;
import io.quarkiverse.bedrock.api.error.UnrecognizedClientException;
import io.quarkiverse.bedrock.api.error.ValidationException;

/**
 * Turns an AWS error answer into a typed exception, following the restJson1 rules: the type comes from the
 * {@code x-amzn-ErrorType} header, then the body's {@code __type} or {@code code}, stripped of any namespace
 * ({@code aws.protocoltests#}) and URL suffix ({@code :http://...}).
 */
public final class ServiceErrors {

    private static final ObjectMapper JSON = new ObjectMapper();

    private interface Factory {
        BedrockServiceException create(int status, String message, String requestId);
    }

    private static final Map<String, Factory> BY_TYPE = Map.ofEntries(
            Map.entry("AccessDeniedException", AccessDeniedException::new),
            Map.entry("ConflictException", ConflictException::new),
            Map.entry("InternalServerException", InternalServerException::new),
            Map.entry("ModelErrorException", ModelErrorException::new),
            Map.entry("ModelNotReadyException", ModelNotReadyException::new),
            Map.entry("ModelStreamErrorException", ModelStreamErrorException::new),
            Map.entry("ModelTimeoutException", ModelTimeoutException::new),
            Map.entry("ResourceNotFoundException", ResourceNotFoundException::new),
            Map.entry("ServiceQuotaExceededException", ServiceQuotaExceededException::new),
            Map.entry("ServiceUnavailableException", ServiceUnavailableException::new),
            Map.entry("ThrottlingException", ThrottlingException::new),
            Map.entry("ValidationException", ValidationException::new),
            Map.entry("InvalidSignatureException", InvalidSignatureException::new),
            Map.entry("UnrecognizedClientException", UnrecognizedClientException::new));

    private ServiceErrors() {
    }

    /**
     * @param status HTTP status
     * @param header a header lookup (case-insensitive)
     * @param body the response body, possibly empty
     * @return the exception to fail with
     */
    public static BedrockServiceException fromResponse(int status, Function<String, String> header, byte[] body) {
        String requestId = header.apply("x-amzn-RequestId");
        JsonNode json = parse(body);
        String type = header.apply("x-amzn-ErrorType");
        if (type == null && json != null) {
            type = text(json, "__type");
            if (type == null) {
                type = text(json, "code");
            }
        }
        String message = json == null ? null : text(json, "message");
        if (message == null && json != null) {
            message = text(json, "Message");
        }
        if (message == null) {
            message = body == null || body.length == 0 ? "(no message)" : new String(body, StandardCharsets.UTF_8);
        }
        return create(status, sanitizeType(type), truncate(message), requestId)
                .withRetryAfter(RetryAfter.parse(header.apply("x-amz-retry-after"), header.apply("Retry-After")));
    }

    /** The longest message kept from an error answer: AWS messages are a sentence or two. */
    static final int MAX_MESSAGE = 1024;

    /**
     * @param message a message from an answer
     * @return it, cut to {@value #MAX_MESSAGE} characters with a note saying how long it was
     */
    static String truncate(String message) {
        if (message.length() <= MAX_MESSAGE) {
            return message;
        }
        return message.substring(0, MAX_MESSAGE) + "... (truncated, " + message.length() + " characters)";
    }

    /**
     * @param status HTTP status (or the status the error shape implies, for errors inside a stream)
     * @param type the AWS error type, already sanitized; may be null
     * @param message the message
     * @param requestId the request id, may be null
     * @return the typed exception
     */
    public static BedrockServiceException create(int status, String type, String message, String requestId) {
        if (status == 403 && message.contains("Signature expired")) {
            return new SignatureExpiredException(status, message, requestId);
        }
        if (type == null) {
            type = "HTTP " + status;
        }
        Factory factory = BY_TYPE.get(type);
        return factory != null ? factory.create(status, message, requestId)
                : new BedrockServiceException(status, type, message, requestId);
    }

    /**
     * @param raw an error type as sent: {@code FooError}, {@code FooError:http://...}, {@code ns#FooError:http://...}
     * @return {@code FooError}, or null for null
     */
    static String sanitizeType(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        String type = raw.trim();
        int colon = type.indexOf(':');
        if (colon >= 0) {
            type = type.substring(0, colon);
        }
        int hash = type.lastIndexOf('#');
        if (hash >= 0) {
            type = type.substring(hash + 1);
        }
        return type;
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode v = json.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }
}
