package io.quarkiverse.bedrock.api;

/**
 * One step of a streamed structured answer: {@link Partial}s while the JSON grows, then one {@link Complete} with the
 * validated value.
 *
 * @param <T> the type of the final value
 */
public sealed interface ObjectChunk<T> {

    /**
     * The JSON received so far, not yet complete nor validated.
     *
     * @param json the accumulated JSON text
     * @param <T> the type of the final value
     */
    record Partial<T>(String json) implements ObjectChunk<T> {
    }

    /**
     * The final value, validated against the schema.
     *
     * @param object the value
     * @param response the whole exchange, assembled from the stream
     * @param <T> the type of the value
     */
    record Complete<T>(T object, ChatResponse response) implements ObjectChunk<T> {
    }
}
