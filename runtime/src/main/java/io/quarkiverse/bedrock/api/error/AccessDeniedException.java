package io.quarkiverse.bedrock.api.error;

/**
 * The caller is not allowed to invoke this model (check IAM permissions and model access) (403).
 */
public class AccessDeniedException extends BedrockServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param statusCode HTTP status of the answer
     * @param message the service's message
     * @param requestId the AWS request id, may be null
     */
    public AccessDeniedException(int statusCode, String message, String requestId) {
        super(statusCode, "AccessDeniedException", message, requestId);
    }
}
