package io.quarkiverse.bedrock.api.guardrail;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one guardrail found in one piece of content.
 *
 * @param findings the findings of every policy, in the order Bedrock listed them
 * @param processingLatencyMs the guardrail's processing latency, or -1 when Bedrock did not report it
 * @param raw the assessment as Bedrock sent it
 */
public record GuardrailAssessment(List<GuardrailFinding> findings, long processingLatencyMs, JsonNode raw) {

    /** Copies the list. */
    public GuardrailAssessment {
        findings = List.copyOf(findings);
    }

    /**
     * @param policy a policy name, e.g. {@code wordPolicy}
     * @return the findings of that policy
     */
    public List<GuardrailFinding> findings(String policy) {
        return findings.stream().filter(f -> f.policy().equals(policy)).toList();
    }

    /** @return whether any policy blocked something */
    public boolean blocked() {
        return findings.stream().anyMatch(f -> "BLOCKED".equals(f.action()));
    }
}
