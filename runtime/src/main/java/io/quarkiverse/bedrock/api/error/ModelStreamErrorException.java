package io.quarkiverse.bedrock.api.error;

/**
 * The model failed while streaming its answer (424).
 */
public class ModelStreamErrorException extends BedrockServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param statusCode HTTP status of the answer
     * @param message the service's message
     * @param requestId the AWS request id, may be null
     */
    public ModelStreamErrorException(int statusCode, String message, String requestId) {
        super(statusCode, "ModelStreamErrorException", message, requestId);
    }
}
