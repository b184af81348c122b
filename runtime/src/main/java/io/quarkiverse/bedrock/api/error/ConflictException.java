package io.quarkiverse.bedrock.api.error;

/**
 * The request conflicts with the current state of a resource (400).
 */
public class ConflictException extends BedrockServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param statusCode HTTP status of the answer
     * @param message the service's message
     * @param requestId the AWS request id, may be null
     */
    public ConflictException(int statusCode, String message, String requestId) {
        super(statusCode, "ConflictException", message, requestId);
    }
}
