package io.quarkiverse.bedrock.api.guardrail;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One thing a guardrail policy found: a denied topic, a content filter, a custom or managed word, a PII entity or
 * regex, a contextual grounding score, an automated reasoning finding.
 *
 * @param policy the policy, as Bedrock names it: {@code topicPolicy}, {@code contentPolicy}, {@code wordPolicy},
 *        {@code sensitiveInformationPolicy}, {@code contextualGroundingPolicy} or {@code automatedReasoningPolicy}
 * @param kind the list the finding came from, e.g. {@code topics}, {@code filters}, {@code customWords},
 *        {@code managedWordLists}, {@code piiEntities}, {@code regexes}, {@code findings}
 * @param name what matched: the topic name, filter type, word, entity type or regex name (null when Bedrock gave none)
 * @param action what the policy did, e.g. {@code BLOCKED}, {@code ANONYMIZED}, {@code NONE} (null when not given)
 * @param detected whether the policy detected it ({@code true} when Bedrock did not say)
 * @param raw the finding as Bedrock sent it, for the fields not lifted here (confidence, score, threshold, ...)
 */
public record GuardrailFinding(String policy, String kind, String name, String action, boolean detected, JsonNode raw) {
}
