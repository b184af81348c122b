package io.quarkiverse.bedrock.runtime.family;

import java.util.function.Consumer;

import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.runtime.eventstream.EventStreamMessage;

/** Turns the event-stream messages of one streamed answer into {@link Chunk}s. One instance per stream. */
public interface StreamEvents {

    /**
     * @param message the next message
     * @param out receives the chunks it yields
     */
    void accept(EventStreamMessage message, Consumer<Chunk> out);

    /**
     * Called when the stream ended normally.
     *
     * @throws io.quarkiverse.bedrock.api.error.StreamInterruptedException when the answer's stop was never received
     */
    void finish();
}
