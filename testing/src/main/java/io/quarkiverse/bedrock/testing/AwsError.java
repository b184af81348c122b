package io.quarkiverse.bedrock.testing;

import java.time.Duration;
import java.util.UUID;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import io.vertx.core.http.HttpServerResponse;

/**
 * An AWS error answer: status, {@code x-amzn-ErrorType} header and {@code {"message": ...}} body, as Bedrock sends them.
 *
 * @param status HTTP status
 * @param type the error type, e.g. {@code ThrottlingException}
 * @param message the message
 */
record AwsError(int status, String type, String message) {

    private static final String BEDROCK_NS = ":http://internal.amazon.com/coral/com.amazon.bedrock/";
    private static final String CORAL_NS = ":http://internal.amazon.com/coral/com.amazon.coral.service/";

    static AwsError validation(String message) {
        return new AwsError(400, "ValidationException", message);
    }

    static AwsError throttling() {
        return new AwsError(429, "ThrottlingException", "Too many requests, please wait before trying again.");
    }

    static AwsError internal() {
        return new AwsError(500, "InternalServerException", "The server encountered an internal error.");
    }

    static AwsError unavailable() {
        return new AwsError(503, "ServiceUnavailableException", "Bedrock is unable to process your request.");
    }

    static AwsError modelError() {
        return new AwsError(424, "ModelErrorException",
                "The system encountered an unexpected error during processing. Try your request again.");
    }

    /** @return the answer of an {@link Fault.Kind#HTTP_ERROR} fault, or of an exception-event fault outside a stream */
    static AwsError forFault(Fault fault) {
        return switch (fault) {
            case THROTTLING, STREAM_THROTTLING -> throttling();
            case SERVICE_UNAVAILABLE, STREAM_SERVICE_UNAVAILABLE -> unavailable();
            case MODEL_NOT_READY -> new AwsError(429, "ModelNotReadyException",
                    "Model is not ready for inference. Wait and try your request again.");
            case MODEL_TIMEOUT, STREAM_MODEL_TIMEOUT -> new AwsError(408, "ModelTimeoutException",
                    "Model has timed out in processing the request. Try your request again.");
            case MODEL_ERROR, STREAM_MODEL_ERROR -> modelError();
            case SERVICE_QUOTA_EXCEEDED -> new AwsError(400, "ServiceQuotaExceededException",
                    "Your request exceeds the service quota for your account. You can view your quotas at"
                            + " https://docs.aws.amazon.com/servicequotas/latest/userguide/gs-request-quota.html.");
            case ACCESS_DENIED -> new AwsError(403, "AccessDeniedException",
                    "You don't have access to the model with the specified model ID.");
            case STREAM_VALIDATION -> validation("The model rejected the input while streaming.");
            default -> internal();
        };
    }

    static AwsError invalidSignature(String message) {
        return new AwsError(403, "InvalidSignatureException", message);
    }

    /** @return the {@code x-amzn-ErrorType} header value, with the namespace suffix the real service adds */
    String errorTypeHeader() {
        boolean coral = type.equals("InvalidSignatureException") || type.equals("UnrecognizedClientException")
                || type.equals("MissingAuthenticationTokenException") || type.equals("UnknownOperationException");
        return type + (coral ? CORAL_NS : BEDROCK_NS);
    }

    /** Writes the answer and ends the response. */
    void write(HttpServerResponse response) {
        write(response, null);
    }

    /**
     * Writes the answer and ends the response.
     *
     * @param retryAfter a {@code Retry-After} header to add (whole seconds, rounded up), or null
     */
    void write(HttpServerResponse response, Duration retryAfter) {
        if (retryAfter != null) {
            long seconds = (retryAfter.toMillis() + 999) / 1000;
            response.putHeader("Retry-After", Long.toString(seconds));
        }
        String body = JsonNodeFactory.instance.objectNode().put("message", message).toString();
        response.setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .putHeader("x-amzn-ErrorType", errorTypeHeader())
                .putHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .end(body);
    }
}
