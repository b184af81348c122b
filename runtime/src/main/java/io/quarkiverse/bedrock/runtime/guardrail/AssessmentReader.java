package io.quarkiverse.bedrock.runtime.guardrail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.api.guardrail.GuardrailAssessment;
import io.quarkiverse.bedrock.api.guardrail.GuardrailFinding;
import io.quarkiverse.bedrock.api.guardrail.GuardrailUsage;

/** Reads Bedrock's {@code GuardrailAssessment} and {@code GuardrailUsage} shapes into the typed API. */
public final class AssessmentReader {

    /** Per policy: its finding lists, and the member that names what matched. */
    private static final Map<String, Map<String, String>> POLICIES = Map.of(
            "topicPolicy", Map.of("topics", "name"),
            "contentPolicy", Map.of("filters", "type"),
            "wordPolicy", Map.of("customWords", "match", "managedWordLists", "match"),
            "sensitiveInformationPolicy", Map.of("piiEntities", "type", "regexes", "name"),
            "contextualGroundingPolicy", Map.of("filters", "type"),
            "automatedReasoningPolicy", Map.of("findings", ""));
    private static final List<String> ORDER = List.of("topicPolicy", "contentPolicy", "wordPolicy",
            "sensitiveInformationPolicy", "contextualGroundingPolicy", "automatedReasoningPolicy");

    private AssessmentReader() {
    }

    /**
     * @param assessment a {@code GuardrailAssessment} object
     * @return the typed assessment
     */
    public static GuardrailAssessment assessment(JsonNode assessment) {
        List<GuardrailFinding> findings = new ArrayList<>();
        for (String policy : ORDER) {
            JsonNode p = assessment.path(policy);
            if (!p.isObject()) {
                continue;
            }
            Map<String, String> lists = POLICIES.get(policy);
            p.fieldNames().forEachRemaining(kind -> {
                JsonNode list = p.path(kind);
                if (!list.isArray()) {
                    return;
                }
                String nameMember = lists.getOrDefault(kind, "name");
                for (JsonNode f : list) {
                    String name = nameMember.isEmpty() ? firstField(f) : f.path(nameMember).asText(null);
                    findings.add(new GuardrailFinding(policy, kind, name, f.path("action").asText(null),
                            f.path("detected").asBoolean(true), f));
                }
            });
        }
        JsonNode latency = assessment.path("invocationMetrics").path("guardrailProcessingLatency");
        return new GuardrailAssessment(findings, latency.isNumber() ? latency.asLong() : -1, assessment);
    }

    /** An automated reasoning finding is a union: its one member names its kind (valid, invalid, ...). */
    private static String firstField(JsonNode f) {
        return f.fieldNames().hasNext() ? f.fieldNames().next() : null;
    }

    /**
     * @param assessments a {@code GuardrailAssessmentList}
     * @return the typed assessments
     */
    public static List<GuardrailAssessment> assessments(JsonNode assessments) {
        List<GuardrailAssessment> out = new ArrayList<>();
        for (JsonNode a : assessments) {
            out.add(assessment(a));
        }
        return out;
    }

    /**
     * @param usage a {@code GuardrailUsage} object (missing members count as zero)
     * @return the typed usage
     */
    public static GuardrailUsage usage(JsonNode usage) {
        if (!usage.isObject()) {
            return GuardrailUsage.EMPTY;
        }
        return new GuardrailUsage(usage.path("topicPolicyUnits").asInt(0), usage.path("contentPolicyUnits").asInt(0),
                usage.path("contentPolicyImageUnits").asInt(0), usage.path("wordPolicyUnits").asInt(0),
                usage.path("sensitiveInformationPolicyUnits").asInt(0),
                usage.path("sensitiveInformationPolicyFreeUnits").asInt(0),
                usage.path("contextualGroundingPolicyUnits").asInt(0),
                usage.path("automatedReasoningPolicyUnits").asInt(0), usage.path("automatedReasoningPolicies").asInt(0));
    }
}
