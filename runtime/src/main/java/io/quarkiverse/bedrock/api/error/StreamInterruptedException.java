package io.quarkiverse.bedrock.api.error;

/**
 * A stream that ended without its stop event, lost its connection, or stayed silent longer than
 * {@code quarkus.aws-bedrock.stream-idle-timeout}. The answer received so far is incomplete.
 */
public class StreamInterruptedException extends BedrockException {

    private static final long serialVersionUID = 1L;

    /** @param message what happened */
    public StreamInterruptedException(String message) {
        super(message);
    }

    /** @param message what happened @param cause the transport failure */
    public StreamInterruptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
