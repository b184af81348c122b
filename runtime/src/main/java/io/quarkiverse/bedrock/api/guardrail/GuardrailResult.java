package io.quarkiverse.bedrock.api.guardrail;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The answer of ApplyGuardrail.
 *
 * @param action what the guardrail did
 * @param rawAction the {@code action} value as sent (differs from {@code action.name()} only for unknown values)
 * @param actionReason why, when Bedrock says (may be null)
 * @param outputs the texts to use instead of the content (the blocked message, or the masked text; with output scope
 *        {@code FULL} also unchanged content)
 * @param assessments what each policy found, one assessment per guardrail evaluation
 * @param usage the units processed
 * @param guardedCharacters text characters the guardrail checked, or -1 when not reported
 * @param totalCharacters text characters of the content, or -1 when not reported
 * @param requestId the AWS request id, may be null
 */
public record GuardrailResult(GuardrailAction action, String rawAction, String actionReason, List<String> outputs,
        List<GuardrailAssessment> assessments, GuardrailUsage usage, int guardedCharacters, int totalCharacters,
        String requestId) {

    /** Copies the lists. */
    public GuardrailResult {
        outputs = List.copyOf(outputs);
        assessments = List.copyOf(assessments);
    }

    /** @return whether the guardrail intervened */
    public boolean intervened() {
        return action == GuardrailAction.GUARDRAIL_INTERVENED;
    }

    /** @return every finding of every assessment */
    public List<GuardrailFinding> findings() {
        return assessments.stream().flatMap(a -> a.findings().stream()).toList();
    }

    /** @return the raw JSON of the assessments, as Bedrock sent them */
    public List<JsonNode> rawAssessments() {
        return assessments.stream().map(GuardrailAssessment::raw).toList();
    }
}
