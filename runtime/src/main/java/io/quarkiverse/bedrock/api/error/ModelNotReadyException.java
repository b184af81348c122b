package io.quarkiverse.bedrock.api.error;

/**
 * The model is not ready to serve requests yet; retry later (429).
 */
public class ModelNotReadyException extends BedrockServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param statusCode HTTP status of the answer
     * @param message the service's message
     * @param requestId the AWS request id, may be null
     */
    public ModelNotReadyException(int statusCode, String message, String requestId) {
        super(statusCode, "ModelNotReadyException", message, requestId);
    }
}
