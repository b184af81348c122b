package io.quarkiverse.bedrock.runtime.client;

/**
 * A successful non-streaming answer.
 *
 * @param body the response body
 * @param requestId the {@code x-amzn-RequestId} header, may be null
 * @param inputTokenCount the {@code X-Amzn-Bedrock-Input-Token-Count} header, may be null
 * @param outputTokenCount the {@code X-Amzn-Bedrock-Output-Token-Count} header, may be null
 */
record Answer(byte[] body, String requestId, String inputTokenCount, String outputTokenCount) {
}
