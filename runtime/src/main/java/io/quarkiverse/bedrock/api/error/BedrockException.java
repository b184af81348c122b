package io.quarkiverse.bedrock.api.error;

import java.util.Optional;

import io.quarkiverse.bedrock.api.PartialAnswer;

/**
 * Base of every error this extension reports. Messages never contain credentials.
 */
public abstract class BedrockException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private transient PartialAnswer partialAnswer;

    /** @param message what went wrong and, where possible, what to do about it */
    protected BedrockException(String message) {
        super(message);
    }

    /** @param message what went wrong @param cause the underlying failure */
    protected BedrockException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * @return what a stream delivered before it failed with this exception, when it had delivered anything: such a
     *         failure is not retried
     */
    public Optional<PartialAnswer> partialAnswer() {
        return Optional.ofNullable(partialAnswer);
    }

    /**
     * Attaches what a stream delivered before this failure; called by the client, once, before the failure is
     * emitted.
     *
     * @param partial what the stream delivered
     * @return this exception
     */
    public BedrockException withPartialAnswer(PartialAnswer partial) {
        this.partialAnswer = partial;
        return this;
    }
}
