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
 * @param guardrailTrace what the request's guardrail found, when its trace is enabled; null otherwise
 */
public record ChatResponse(Message message, StopReason stopReason, Usage usage, String modelId, String requestId,
        io.quarkiverse.bedrock.api.guardrail.GuardrailTrace guardrailTrace) {

    /** Checks the message is present. */
    public ChatResponse {
        Objects.requireNonNull(message, "message");
        usage = usage == null ? Usage.EMPTY : usage;
    }

    /**
     * A response without a guardrail trace.
     *
     * @param message the assistant message
     * @param stopReason why generation stopped
     * @param usage token counts
     * @param modelId the model id
     * @param requestId the AWS request id, may be null
     */
    public ChatResponse(Message message, StopReason stopReason, Usage usage, String modelId, String requestId) {
        this(message, stopReason, usage, modelId, requestId, null);
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
