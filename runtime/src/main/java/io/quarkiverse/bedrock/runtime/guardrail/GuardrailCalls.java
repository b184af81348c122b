package io.quarkiverse.bedrock.runtime.guardrail;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.guardrail.ApplyGuardrailRequest;
import io.quarkiverse.bedrock.api.guardrail.GuardrailAction;
import io.quarkiverse.bedrock.api.guardrail.GuardrailChecksRequest;
import io.quarkiverse.bedrock.api.guardrail.GuardrailChecksResult;
import io.quarkiverse.bedrock.api.guardrail.GuardrailResult;
import io.quarkiverse.bedrock.api.guardrail.Guardrails;
import io.quarkiverse.bedrock.runtime.operations.OperationCall;
import io.quarkiverse.bedrock.runtime.operations.OperationCalls;
import io.smallrye.mutiny.Uni;

/** ApplyGuardrail and InvokeGuardrailChecks: request bodies, calls, typed answers. */
public final class GuardrailCalls implements Guardrails {

    private final OperationCalls calls;

    /** @param calls sends the calls */
    public GuardrailCalls(OperationCalls calls) {
        this.calls = calls;
    }

    @Override
    public Uni<GuardrailResult> apply(ApplyGuardrailRequest request) {
        return Uni.createFrom().deferred(() -> {
            byte[] body = bytes(applyBody(request));
            String id = OperationCall.encode(request.guardrailIdentifier());
            String version = OperationCall.encode(request.guardrailVersion());
            OperationCall call = new OperationCall("ApplyGuardrail", "POST",
                    "/guardrail/" + id + "/version/" + version + "/apply", "", body,
                    (api, h) -> api.applyGuardrail(id, version, h.authorization(), h.amzDate(), h.contentSha256(),
                            h.securityToken(), body));
            return calls.send(call, request.options()).map(a -> result(a.body(), a.requestId()));
        });
    }

    ObjectNode applyBody(ApplyGuardrailRequest request) {
        ObjectNode body = calls.json().createObjectNode();
        body.put("source", request.source().name());
        ArrayNode content = body.putArray("content");
        for (ApplyGuardrailRequest.Content c : request.content()) {
            ObjectNode block = content.addObject();
            if (c.text() != null) {
                ObjectNode text = block.putObject("text").put("text", c.text());
                if (!c.qualifiers().isEmpty()) {
                    ArrayNode q = text.putArray("qualifiers");
                    c.qualifiers().forEach(q::add);
                }
            } else {
                block.putObject("image").put("format", c.imageFormat().wireName()).putObject("source")
                        .put("bytes", Base64.getEncoder().encodeToString(c.image()));
            }
        }
        if (request.outputScope() != null) {
            body.put("outputScope", request.outputScope().name());
        }
        return body;
    }

    static GuardrailResult result(JsonNode body, String requestId) {
        List<String> outputs = new ArrayList<>();
        for (JsonNode o : body.path("outputs")) {
            outputs.add(o.path("text").asText(""));
        }
        JsonNode text = body.path("guardrailCoverage").path("textCharacters");
        String action = body.path("action").asText(null);
        return new GuardrailResult(GuardrailAction.fromWire(action), action, body.path("actionReason").asText(null),
                outputs, AssessmentReader.assessments(body.path("assessments")),
                AssessmentReader.usage(body.path("usage")), text.path("guarded").asInt(-1), text.path("total").asInt(-1),
                requestId);
    }

    @Override
    public Uni<GuardrailChecksResult> check(GuardrailChecksRequest request) {
        return Uni.createFrom().deferred(() -> {
            byte[] body = bytes(checksBody(request));
            OperationCall call = new OperationCall("InvokeGuardrailChecks", "POST", "/guardrail-checks/invoke", "", body,
                    (api, h) -> api.guardrailChecks(h.authorization(), h.amzDate(), h.contentSha256(),
                            h.securityToken(), body));
            return calls.send(call, request.options()).map(a -> checksResult(a.body(), a.requestId()));
        });
    }

    ObjectNode checksBody(GuardrailChecksRequest request) {
        ObjectNode body = calls.json().createObjectNode();
        ArrayNode messages = body.putArray("messages");
        for (GuardrailChecksRequest.Message m : request.messages()) {
            ObjectNode message = messages.addObject().put("role", m.role());
            ArrayNode content = message.putArray("content");
            m.texts().forEach(t -> content.addObject().put("text", t));
        }
        ObjectNode checks = body.putObject("checks");
        categories(checks, "contentFilter", "categories", "category", request.contentFilters());
        categories(checks, "promptAttack", "categories", "category", request.promptAttacks());
        categories(checks, "sensitiveInformation", "entities", "type", request.sensitiveInformation());
        return body;
    }

    private static void categories(ObjectNode checks, String check, String list, String member, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode array = checks.putObject(check).putArray(list);
            values.forEach(v -> array.addObject().put(member, v));
        }
    }

    static GuardrailChecksResult checksResult(JsonNode body, String requestId) {
        JsonNode results = body.path("results");
        List<GuardrailChecksResult.Entity> entities = new ArrayList<>();
        for (JsonNode e : results.path("sensitiveInformation").path("results")) {
            entities.add(new GuardrailChecksResult.Entity(e.path("type").asText(), e.path("confidenceScore").asDouble(),
                    e.path("messageIndex").asInt(), e.path("contentIndex").asInt(), e.path("beginOffset").asInt(),
                    e.path("endOffset").asInt()));
        }
        Map<String, Integer> units = new HashMap<>();
        body.path("usage").fields().forEachRemaining(e -> units.put(e.getKey(), e.getValue().path("textUnits").asInt(0)));
        return new GuardrailChecksResult(scores(results.path("contentFilter")), scores(results.path("promptAttack")),
                entities, results.path("sensitiveInformation").path("truncated").asBoolean(false), units, requestId);
    }

    private static Map<String, Double> scores(JsonNode result) {
        Map<String, Double> out = new LinkedHashMap<>();
        for (JsonNode r : result.path("results")) {
            out.put(r.path("category").asText(), r.path("severityScore").asDouble());
        }
        return out;
    }

    private byte[] bytes(JsonNode node) {
        try {
            return calls.json().writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise the request body", e);
        }
    }
}
