package io.quarkiverse.bedrock.api.error;

/**
 * Base of every error this extension reports. Messages never contain credentials.
 */
public abstract class BedrockException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong and, where possible, what to do about it */
    protected BedrockException(String message) {
        super(message);
    }

    /** @param message what went wrong @param cause the underlying failure */
    protected BedrockException(String message, Throwable cause) {
        super(message, cause);
    }
}
