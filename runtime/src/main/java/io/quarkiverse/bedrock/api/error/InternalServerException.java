package io.quarkiverse.bedrock.api.error;

/**
 * Bedrock failed internally; retry later (500).
 */
public class InternalServerException extends BedrockServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param statusCode HTTP status of the answer
     * @param message the service's message
     * @param requestId the AWS request id, may be null
     */
    public InternalServerException(int statusCode, String message, String requestId) {
        super(statusCode, "InternalServerException", message, requestId);
    }
}
