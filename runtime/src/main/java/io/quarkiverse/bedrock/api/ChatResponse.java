package io.quarkiverse.bedrock.api;

import java.util.List;

/**
 * The complete answer to a {@link ChatRequest}.
 *
 * @param text the generated text (all text blocks, concatenated)
 * @param toolCalls the tool calls the model asks for, in order (empty when none)
 * @param stopReason why generation stopped
 * @param usage token counts
 * @param modelId the model id the request was sent to (prefix removed, as in the request path)
 * @param requestId the AWS request id ({@code x-amzn-RequestId}), for support cases; may be null
 */
public record ChatResponse(String text, List<Chunk.ToolCall> toolCalls, StopReason stopReason, Usage usage,
        String modelId, String requestId) {

    /** Freezes the tool call list. */
    public ChatResponse {
        toolCalls = toolCalls == null ? List.of() : List.copyOf(toolCalls);
    }
}
