package io.quarkiverse.bedrock.api;

/**
 * The complete answer to a {@link ChatRequest}.
 *
 * @param text the generated text (all text blocks, concatenated)
 * @param stopReason why generation stopped
 * @param usage token counts
 * @param modelId the model id the request was sent to (prefix removed, as in the request path)
 * @param requestId the AWS request id ({@code x-amzn-RequestId}), for support cases; may be null
 */
public record ChatResponse(String text, StopReason stopReason, Usage usage, String modelId, String requestId) {
}
