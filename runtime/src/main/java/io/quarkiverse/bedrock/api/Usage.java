package io.quarkiverse.bedrock.api;

import java.util.Map;

/**
 * Token counts of one exchange.
 *
 * @param inputTokens tokens read by the model
 * @param outputTokens tokens generated
 * @param totalTokens input plus output, as Bedrock reports it
 * @param cacheReadInputTokens input tokens served from the prompt cache
 * @param cacheWriteInputTokens input tokens written to the prompt cache
 * @param cacheWriteInputTokensByTtl the tokens written to the prompt cache per cache TTL ({@code 5m}, {@code 1h}), as
 *        Converse reports them in {@code cacheDetails}; empty when Bedrock did not break them down
 */
public record Usage(int inputTokens, int outputTokens, int totalTokens, int cacheReadInputTokens,
        int cacheWriteInputTokens, Map<String, Integer> cacheWriteInputTokensByTtl) {

    /** Usage with every count at zero. */
    public static final Usage EMPTY = new Usage(0, 0, 0, 0, 0);

    /** Copies the map. */
    public Usage {
        cacheWriteInputTokensByTtl = cacheWriteInputTokensByTtl == null ? Map.of() : Map.copyOf(cacheWriteInputTokensByTtl);
    }

    /**
     * Usage without a per-TTL breakdown.
     *
     * @param inputTokens tokens read by the model
     * @param outputTokens tokens generated
     * @param totalTokens input plus output
     * @param cacheReadInputTokens input tokens served from the prompt cache
     * @param cacheWriteInputTokens input tokens written to the prompt cache
     */
    public Usage(int inputTokens, int outputTokens, int totalTokens, int cacheReadInputTokens, int cacheWriteInputTokens) {
        this(inputTokens, outputTokens, totalTokens, cacheReadInputTokens, cacheWriteInputTokens, Map.of());
    }
}
