package io.quarkiverse.bedrock.runtime.eventstream;

import io.quarkiverse.bedrock.api.error.BedrockException;

/**
 * A malformed event stream, the single failure type of the codec: bad prelude or message checksum, impossible lengths,
 * a malformed header (unknown type, empty or duplicate name, value running past the headers section), a message that
 * breaks the protocol rules of {@link EventStreamMessage#checkedType()}, a stream that ends inside a frame, or a message
 * that cannot be encoded.
 * <p>
 * {@link #offset()} is the byte offset, counted from the first byte ever fed to the decoder, of the field at fault
 * (for a stream that ended early: where it ended); {@link #frameOffset()} is where the faulty frame starts. Both are
 * {@code -1} when the failure is not tied to a position in a stream (encoding, protocol checks on a decoded message).
 */
public class EventStreamException extends BedrockException {

    private static final long serialVersionUID = 1L;

    private final long offset;
    private final long frameOffset;

    /**
     * @param message what was wrong
     * @param offset byte offset in the stream where the faulty frame starts, or {@code -1} when unknown
     */
    EventStreamException(String message, long offset) {
        this(message, offset, offset);
    }

    /**
     * @param message what was wrong
     * @param offset byte offset in the stream of the faulty field, or {@code -1} when unknown
     * @param frameOffset byte offset in the stream where the faulty frame starts, or {@code -1} when unknown
     */
    EventStreamException(String message, long offset, long frameOffset) {
        super(describe(message, offset, frameOffset));
        this.offset = offset;
        this.frameOffset = frameOffset;
    }

    /** @param message what was wrong, not tied to a position in a stream */
    EventStreamException(String message) {
        this(message, -1, -1);
    }

    private static String describe(String message, long offset, long frameOffset) {
        if (offset < 0) {
            return message;
        }
        if (frameOffset < 0 || frameOffset == offset) {
            return message + " (at stream offset " + offset + ")";
        }
        return message + " (at stream offset " + offset + ", in the frame starting at " + frameOffset + ")";
    }

    /** @return byte offset in the stream of the faulty field, or {@code -1} when not tied to a stream position */
    public long offset() {
        return offset;
    }

    /** @return byte offset in the stream where the faulty frame starts, or {@code -1} when not tied to a stream position */
    public long frameOffset() {
        return frameOffset;
    }
}
