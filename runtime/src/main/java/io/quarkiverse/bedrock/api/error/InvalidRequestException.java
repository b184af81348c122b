package io.quarkiverse.bedrock.api.error;

/**
 * A request that cannot be sent as it is (missing model, malformed model id, bad parameter...). Raised before any
 * network call; the message says what to fix.
 */
public class InvalidRequestException extends BedrockException {

    private static final long serialVersionUID = 1L;

    /** @param message what is wrong and how to fix it */
    public InvalidRequestException(String message) {
        super(message);
    }
}
