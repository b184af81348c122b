package io.quarkiverse.bedrock.api;

/**
 * Token counts of one exchange.
 *
 * @param inputTokens tokens read by the model
 * @param outputTokens tokens generated
 * @param totalTokens input plus output, as Bedrock reports it
 * @param cacheReadInputTokens input tokens served from the prompt cache
 * @param cacheWriteInputTokens input tokens written to the prompt cache
 */
public record Usage(int inputTokens, int outputTokens, int totalTokens, int cacheReadInputTokens,
        int cacheWriteInputTokens) {

    /** Usage with every count at zero. */
    public static final Usage EMPTY = new Usage(0, 0, 0, 0, 0);
}
