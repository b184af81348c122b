package io.quarkiverse.bedrock.api.error;

/**
 * The endpoint could not be reached or the connection failed before an answer arrived (DNS, refused connection, TLS,
 * reset). Retrying later may succeed.
 */
public class BedrockTransportException extends BedrockException {

    private static final long serialVersionUID = 1L;

    /** @param message what failed, naming the endpoint @param cause the underlying failure */
    public BedrockTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
