package io.quarkiverse.bedrock.api.guardrail;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the guardrail of a chat request found, when its {@code trace} is enabled ({@link GuardrailConfig}).
 *
 * @param actionReason why the guardrail acted, may be null
 * @param inputAssessments the assessment of the input, by guardrail id
 * @param outputAssessments the assessments of the model's output, by guardrail id
 * @param modelOutput the model's original output, when the guardrail replaced it (trace {@code enabled_full})
 * @param raw the trace as Bedrock sent it
 */
public record GuardrailTrace(String actionReason, Map<String, GuardrailAssessment> inputAssessments,
        Map<String, List<GuardrailAssessment>> outputAssessments, List<String> modelOutput, JsonNode raw) {

    /** Copies the collections. */
    public GuardrailTrace {
        inputAssessments = Map.copyOf(inputAssessments);
        outputAssessments = Map.copyOf(outputAssessments);
        modelOutput = List.copyOf(modelOutput);
    }

    /** @return every finding of the input and output assessments */
    public List<GuardrailFinding> findings() {
        return java.util.stream.Stream.concat(inputAssessments.values().stream(),
                outputAssessments.values().stream().flatMap(List::stream))
                .flatMap(a -> a.findings().stream()).toList();
    }
}
