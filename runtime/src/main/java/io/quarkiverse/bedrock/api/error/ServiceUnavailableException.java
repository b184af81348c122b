package io.quarkiverse.bedrock.api.error;

/**
 * Bedrock is unavailable; retry later (503).
 */
public class ServiceUnavailableException extends BedrockServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param statusCode HTTP status of the answer
     * @param message the service's message
     * @param requestId the AWS request id, may be null
     */
    public ServiceUnavailableException(int statusCode, String message, String requestId) {
        super(statusCode, "ServiceUnavailableException", message, requestId);
    }
}
