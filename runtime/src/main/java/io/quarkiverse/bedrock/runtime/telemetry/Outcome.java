package io.quarkiverse.bedrock.runtime.telemetry;

import io.quarkiverse.bedrock.api.StopReason;
import io.quarkiverse.bedrock.api.Usage;

/**
 * What came back from a successful operation. Any field may be null when the answer did not carry it.
 *
 * @param responseId the AWS request id
 * @param responseModel the model that answered
 * @param stopReason why generation stopped
 * @param usage the token counts as Bedrock reported them
 * @param api the Bedrock API that served the answer
 * @param inputTokens input tokens of an embeddings or count-tokens call, -1 when none
 * @param outputText the answer's text (of a stream: only when content recording is on), recorded only when content
 *        recording is on; or null
 */
public record Outcome(String responseId, String responseModel, StopReason stopReason, Usage usage, String api,
        int inputTokens, String outputText) {

    /** The outcome of an operation whose answer carries nothing a span or a metric records. */
    public static final Outcome EMPTY = new Outcome(null, null, null, null, null, -1, null);

    /**
     * @return input tokens as the GenAI conventions count them: Bedrock reports prompt-cache reads and writes apart from
     *         its {@code inputTokens}, the conventions include them; -1 when unknown
     */
    public int conventionInputTokens() {
        if (usage != null) {
            return usage.inputTokens() + usage.cacheReadInputTokens() + usage.cacheWriteInputTokens();
        }
        return inputTokens;
    }
}
