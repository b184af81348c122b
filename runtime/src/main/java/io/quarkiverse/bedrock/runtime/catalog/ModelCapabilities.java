package io.quarkiverse.bedrock.runtime.catalog;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one Bedrock foundation model supports, as the model catalogue records it (see {@link ModelCatalog}).
 *
 * @param id the base model id, e.g. {@code anthropic.claude-3-haiku-20240307-v1:0}
 * @param source where AWS documents these capabilities: a source key of the catalogue and the row or section, e.g.
 *        {@code features#Anthropic Claude 3}
 * @param converse whether Converse and ConverseStream serve the model (false for embeddings and some legacy models)
 * @param streaming whether the model streams (ConverseStream, InvokeModelWithResponseStream)
 * @param system whether Converse takes a system prompt for it
 * @param tools whether it takes tools (tool use)
 * @param streamingTools whether ConverseStream takes tools for it ("streaming tool use")
 * @param nativeStreamingTools whether InvokeModelWithResponseStream takes tools in its native body
 * @param images whether messages may carry image blocks
 * @param documents whether messages may carry document blocks
 * @param reasoning whether it can reason (extended thinking)
 * @param structuredOutput whether Converse takes {@code outputConfig.textFormat} (a JSON schema the answer text follows)
 *        for it; when false, structured output goes through a forced tool call
 * @param maxTokens the most output tokens one request may ask for, 0 when not recorded
 * @param embeddingDimensions the embedding sizes it can return, empty for a text model
 * @param recorded an answer recorded from the real service that contradicts AWS's documentation, kept for reference and
 *        not applied
 * @param note a remark, or empty
 */
public record ModelCapabilities(String id, String source, boolean converse, boolean streaming, boolean system,
        boolean tools, boolean streamingTools, boolean nativeStreamingTools, boolean images, boolean documents,
        boolean reasoning, boolean structuredOutput, int maxTokens, List<Integer> embeddingDimensions,
        Optional<RecordedAnswer> recorded,
        String note) {

    /** Checks the values. */
    public ModelCapabilities {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        embeddingDimensions = List.copyOf(embeddingDimensions);
        Objects.requireNonNull(recorded, "recorded");
        note = note == null ? "" : note;
        if (maxTokens < 0) {
            throw new IllegalArgumentException("maxTokens of " + id + " cannot be negative");
        }
    }

    /** @return whether it is an embeddings model */
    public boolean embeddings() {
        return !embeddingDimensions.isEmpty();
    }

    /**
     * A capability the real service was seen to deny although AWS documents it.
     *
     * @param streamingTools the recorded streaming tool use answer
     * @param source where it was recorded
     */
    public record RecordedAnswer(boolean streamingTools, String source) {
    }
}
