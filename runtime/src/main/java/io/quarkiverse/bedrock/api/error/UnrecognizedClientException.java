package io.quarkiverse.bedrock.api.error;

/**
 * The access key id or security token is not valid (403).
 */
public class UnrecognizedClientException extends BedrockServiceException {

    private static final long serialVersionUID = 1L;

    /**
     * @param statusCode HTTP status of the answer
     * @param message the service's message
     * @param requestId the AWS request id, may be null
     */
    public UnrecognizedClientException(int statusCode, String message, String requestId) {
        super(statusCode, "UnrecognizedClientException", message, requestId);
    }
}
