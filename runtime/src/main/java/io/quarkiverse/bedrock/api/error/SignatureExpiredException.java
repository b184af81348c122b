package io.quarkiverse.bedrock.api.error;

/**
 * The request's signature was more than 5 minutes old when Bedrock checked it (403, "Signature expired").
 */
public class SignatureExpiredException extends BedrockServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param statusCode HTTP status of the answer
     * @param message the service's message
     * @param requestId the AWS request id, may be null
     */
    public SignatureExpiredException(int statusCode, String message, String requestId) {
        super(statusCode, "SignatureExpiredException", message, requestId);
    }
}
