package io.quarkiverse.bedrock.api.error;

/**
 * Too many requests; slow down and retry (429).
 */
public class ThrottlingException extends BedrockServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param statusCode HTTP status of the answer
     * @param message the service's message
     * @param requestId the AWS request id, may be null
     */
    public ThrottlingException(int statusCode, String message, String requestId) {
        super(statusCode, "ThrottlingException", message, requestId);
    }
}
