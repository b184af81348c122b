package io.quarkiverse.bedrock.api.error;

/**
 * The model failed while processing the request (424).
 */
public class ModelErrorException extends BedrockServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param statusCode HTTP status of the answer
     * @param message the service's message
     * @param requestId the AWS request id, may be null
     */
    public ModelErrorException(int statusCode, String message, String requestId) {
        super(statusCode, "ModelErrorException", message, requestId);
    }
}
