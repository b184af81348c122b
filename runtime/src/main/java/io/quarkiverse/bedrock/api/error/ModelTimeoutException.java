package io.quarkiverse.bedrock.api.error;

/**
 * The model took too long to answer (408).
 */
public class ModelTimeoutException extends BedrockServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param statusCode HTTP status of the answer
     * @param message the service's message
     * @param requestId the AWS request id, may be null
     */
    public ModelTimeoutException(int statusCode, String message, String requestId) {
        super(statusCode, "ModelTimeoutException", message, requestId);
    }
}
