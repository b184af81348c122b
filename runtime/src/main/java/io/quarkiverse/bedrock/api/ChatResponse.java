package io.quarkiverse.bedrock.api;

import java.util.List;
import java.util.Objects;

/**
 * The complete answer to a {@link ChatRequest}.
 *
 * @param message the assistant message, with its text, reasoning and tool call blocks in order; append it to the
 *        conversation to continue it (reasoning signatures included, unchanged)
 * @param stopReason why generation stopped
 * @param usage token counts
 * @param modelId the model id the request was sent to (prefix removed, as in the request path)
 * @param requestId the AWS request id ({@code x-amzn-RequestId}), for support cases; may be null
 */
public record ChatResponse(Message message, StopReason stopReason, Usage usage, String modelId, String requestId) {

    /** Checks the message is present. */
    public ChatResponse {
        Objects.requireNonNull(message, "message");
        usage = usage == null ? Usage.EMPTY : usage;
    }

    /** @return the generated text (all text blocks, concatenated) */
    public String text() {
        return message.text();
    }

    /** @return the tool calls the model asks for, in order (empty when none) */
    public List<ContentBlock.ToolUse> toolCalls() {
        return message.content().stream()
                .filter(ContentBlock.ToolUse.class::isInstance)
                .map(ContentBlock.ToolUse.class::cast)
                .toList();
    }

    /** @return the model's reasoning blocks, in order (empty when thinking was not enabled) */
    public List<ContentBlock.Reasoning> reasoning() {
        return message.content().stream()
                .filter(ContentBlock.Reasoning.class::isInstance)
                .map(ContentBlock.Reasoning.class::cast)
                .toList();
    }
}
