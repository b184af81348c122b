package io.quarkiverse.bedrock.api;

/**
 * One piece of a streamed answer. A sealed hierarchy, so a {@code switch} over its records is exhaustive.
 */
public sealed interface Chunk {

    /**
     * Generated text.
     *
     * @param text the new text, to append to what came before
     */
    record TextDelta(String text) implements Chunk {
    }

    /**
     * Token counts, usually sent once near the end of the stream.
     *
     * @param usage the counts
     */
    record UsageChunk(Usage usage) implements Chunk {
    }

    /**
     * The end of the answer.
     *
     * @param reason why generation stopped
     */
    record Stop(StopReason reason) implements Chunk {
    }
}
