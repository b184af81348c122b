package io.quarkiverse.bedrock.api.error;

/**
 * Bedrock rejected the request as invalid; the message says which field (400).
 */
public class ValidationException extends BedrockServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param statusCode HTTP status of the answer
     * @param message the service's message
     * @param requestId the AWS request id, may be null
     */
    public ValidationException(int statusCode, String message, String requestId) {
        super(statusCode, "ValidationException", message, requestId);
    }
}
