package io.quarkiverse.bedrock.api.error;

/**
 * An account quota was exceeded (400).
 */
public class ServiceQuotaExceededException extends BedrockServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param statusCode HTTP status of the answer
     * @param message the service's message
     * @param requestId the AWS request id, may be null
     */
    public ServiceQuotaExceededException(int statusCode, String message, String requestId) {
        super(statusCode, "ServiceQuotaExceededException", message, requestId);
    }
}
