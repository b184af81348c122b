package io.quarkiverse.bedrock.api.guardrail;

/**
 * The text units each guardrail policy processed (what Bedrock bills).
 *
 * @param topicPolicyUnits denied topics
 * @param contentPolicyUnits content filters on text
 * @param contentPolicyImageUnits content filters on images
 * @param wordPolicyUnits word filters
 * @param sensitiveInformationPolicyUnits sensitive information filters (regexes)
 * @param sensitiveInformationPolicyFreeUnits sensitive information filters (free PII entities)
 * @param contextualGroundingPolicyUnits contextual grounding
 * @param automatedReasoningPolicyUnits automated reasoning
 * @param automatedReasoningPolicies automated reasoning policies evaluated
 */
public record GuardrailUsage(int topicPolicyUnits, int contentPolicyUnits, int contentPolicyImageUnits,
        int wordPolicyUnits, int sensitiveInformationPolicyUnits, int sensitiveInformationPolicyFreeUnits,
        int contextualGroundingPolicyUnits, int automatedReasoningPolicyUnits, int automatedReasoningPolicies) {

    /** No units. */
    public static final GuardrailUsage EMPTY = new GuardrailUsage(0, 0, 0, 0, 0, 0, 0, 0, 0);
}
