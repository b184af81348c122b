package io.quarkiverse.bedrock.eventstream;

import io.quarkiverse.bedrock.api.error.BedrockException;

/**
 * A malformed event stream: bad checksum, impossible lengths, unknown header type, or a stream that ends inside a
 * frame.
 */
public class EventStreamException extends BedrockException {

    private static final long serialVersionUID = 1L;

    private final long offset;

    /**
     * @param message what was wrong
     * @param offset byte offset in the stream where the faulty frame starts
     */
    public EventStreamException(String message, long offset) {
        super(message + " (at stream offset " + offset + ")");
        this.offset = offset;
    }

    /** @return byte offset in the stream where the faulty frame starts */
    public long offset() {
        return offset;
    }
}
