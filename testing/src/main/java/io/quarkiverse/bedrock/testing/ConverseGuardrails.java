package io.quarkiverse.bedrock.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A Converse {@code guardrailConfig}, applied as the emulated guardrails of {@link GuardrailOperations} do: a user
 * text containing the word {@value GuardrailOperations#BLOCKED_WORD} makes the guardrail intervene, so the answer is
 * the blocked message with stop reason {@code guardrail_intervened}; with {@code trace} enabled the answer carries the
 * guardrail assessment ({@code trace.guardrail}, in the {@code metadata} event of a stream).
 */
final class ConverseGuardrails {

    private static final Pattern BLOCKED = Pattern.compile("\\b" + GuardrailOperations.BLOCKED_WORD + "\\b",
            Pattern.CASE_INSENSITIVE);

    private final JsonNode config;
    private final boolean blocked;

    private ConverseGuardrails(JsonNode request) {
        this.config = request.path("guardrailConfig");
        boolean b = false;
        for (JsonNode m : request.path("messages")) {
            if ("user".equals(m.path("role").asText())) {
                for (JsonNode c : m.path("content")) {
                    b |= c.path("text").isTextual() && BLOCKED.matcher(c.path("text").asText()).find();
                }
            }
        }
        this.blocked = b;
    }

    /**
     * @param request the Converse request
     * @return its guardrail, or null when it has none
     */
    static ConverseGuardrails of(JsonNode request) {
        JsonNode config = request.path("guardrailConfig");
        if (!config.isObject()) {
            return null;
        }
        if (!config.path("guardrailIdentifier").isTextual() || !config.path("guardrailVersion").isTextual()) {
            throw BadRequest.validation("1 validation error detected: Value null at 'guardrailConfig."
                    + (config.path("guardrailIdentifier").isTextual() ? "guardrailVersion" : "guardrailIdentifier")
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return new ConverseGuardrails(request);
    }

    /** @return the ConverseResponse, changed when the guardrail intervened, with its trace when asked for */
    ObjectNode response(ObjectNode response) {
        if (blocked) {
            ObjectNode message = response.putObject("output").putObject("message").put("role", "assistant");
            message.putArray("content").addObject().put("text", GuardrailOperations.BLOCKED_MESSAGE);
            response.put("stopReason", "guardrail_intervened");
        }
        if (traced()) {
            response.putObject("trace").set("guardrail", trace());
        }
        return response;
    }

    /** @return the ConverseStream events, changed when the guardrail intervened, with the trace when asked for */
    List<StreamEvent> events(List<StreamEvent> events) {
        List<StreamEvent> out = new ArrayList<>();
        if (blocked) {
            out.add(new StreamEvent("messageStart", Json.object().put("role", "assistant")));
            ObjectNode delta = Json.object().put("contentBlockIndex", 0);
            delta.putObject("delta").put("text", GuardrailOperations.BLOCKED_MESSAGE);
            out.add(new StreamEvent("contentBlockDelta", delta));
            out.add(new StreamEvent("contentBlockStop", Json.object().put("contentBlockIndex", 0)));
            out.add(new StreamEvent("messageStop", Json.object().put("stopReason", "guardrail_intervened")));
            events.stream().filter(e -> e.type().equals("metadata")).forEach(out::add);
        } else {
            out.addAll(events);
        }
        if (traced()) {
            out.stream().filter(e -> e.type().equals("metadata"))
                    .forEach(e -> e.payload().putObject("trace").set("guardrail", trace()));
        }
        return out;
    }

    private boolean traced() {
        String trace = config.path("trace").asText("disabled");
        return trace.equals("enabled") || trace.equals("enabled_full");
    }

    private ObjectNode trace() {
        ObjectNode trace = Json.object();
        ObjectNode assessment = trace.putObject("inputAssessment").putObject(config.path("guardrailIdentifier").asText());
        if (blocked) {
            trace.put("actionReason", "Guardrail blocked.");
            ObjectNode words = assessment.putObject("wordPolicy");
            words.putArray("customWords").addObject().put("match", GuardrailOperations.BLOCKED_WORD)
                    .put("action", "BLOCKED").put("detected", true);
        }
        assessment.putObject("invocationMetrics").put("guardrailProcessingLatency", 1);
        return trace;
    }
}
