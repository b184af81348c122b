package io.quarkiverse.bedrock.api.guardrail;

import io.smallrye.mutiny.Uni;

/**
 * Bedrock guardrails outside a model call. Obtain it from {@link io.quarkiverse.bedrock.api.BedrockClient#guardrails()}.
 * To have a guardrail check a chat, set {@link io.quarkiverse.bedrock.api.BedrockOptions.Builder#guardrail} instead.
 */
public interface Guardrails {

    /**
     * Checks content against a guardrail (ApplyGuardrail).
     *
     * @param request the guardrail, the content and its source
     * @return the action, outputs, per-policy findings and usage
     */
    Uni<GuardrailResult> apply(ApplyGuardrailRequest request);

    /**
     * Scores messages for content filter and prompt attack categories and finds sensitive information
     * (InvokeGuardrailChecks); needs no guardrail resource and never blocks.
     *
     * @param request the messages and the checks
     * @return the scores
     */
    Uni<GuardrailChecksResult> check(GuardrailChecksRequest request);
}
