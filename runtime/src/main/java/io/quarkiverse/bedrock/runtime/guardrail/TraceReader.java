package io.quarkiverse.bedrock.runtime.guardrail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.guardrail.GuardrailAssessment;
import io.quarkiverse.bedrock.api.guardrail.GuardrailTrace;

/** Reads the {@code trace.guardrail} of a Converse answer or stream {@code metadata} event. */
public final class TraceReader {

    private TraceReader() {
    }

    /**
     * @param trace a {@code GuardrailTraceAssessment}, or a missing node
     * @return the typed trace, null when there is none
     */
    public static GuardrailTrace read(JsonNode trace) {
        if (!trace.isObject()) {
            return null;
        }
        Map<String, GuardrailAssessment> input = new LinkedHashMap<>();
        trace.path("inputAssessment").fields()
                .forEachRemaining(e -> input.put(e.getKey(), AssessmentReader.assessment(e.getValue())));
        Map<String, List<GuardrailAssessment>> output = new LinkedHashMap<>();
        trace.path("outputAssessments").fields()
                .forEachRemaining(e -> output.put(e.getKey(), AssessmentReader.assessments(e.getValue())));
        List<String> modelOutput = new ArrayList<>();
        trace.path("modelOutput").forEach(o -> modelOutput.add(o.asText()));
        return new GuardrailTrace(trace.path("actionReason").asText(null), input, output, modelOutput, trace);
    }

    /**
     * A Converse request's {@code guardrailConfig} may carry {@code streamProcessingMode}, which only ConverseStream
     * accepts.
     *
     * @param converseBody a Converse request body
     * @return the body, without the stream-only member
     */
    public static ObjectNode withoutStreamOnlyMembers(ObjectNode converseBody) {
        if (converseBody.path("guardrailConfig") instanceof ObjectNode config) {
            config.remove("streamProcessingMode");
        }
        return converseBody;
    }
}
