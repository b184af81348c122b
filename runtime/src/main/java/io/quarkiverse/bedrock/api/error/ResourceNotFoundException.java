package io.quarkiverse.bedrock.api.error;

/**
 * The model or resource does not exist in this region (404).
 */
public class ResourceNotFoundException extends BedrockServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param statusCode HTTP status of the answer
     * @param message the service's message
     * @param requestId the AWS request id, may be null
     */
    public ResourceNotFoundException(int statusCode, String message, String requestId) {
        super(statusCode, "ResourceNotFoundException", message, requestId);
    }
}
