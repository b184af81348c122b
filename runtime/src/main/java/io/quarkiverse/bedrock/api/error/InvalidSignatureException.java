package io.quarkiverse.bedrock.api.error;

/**
 * The SigV4 signature did not match: usually a wrong secret access key (403).
 */
public class InvalidSignatureException extends BedrockServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param statusCode HTTP status of the answer
     * @param message the service's message
     * @param requestId the AWS request id, may be null
     */
    public InvalidSignatureException(int statusCode, String message, String requestId) {
        super(statusCode, "InvalidSignatureException", message, requestId);
    }
}
