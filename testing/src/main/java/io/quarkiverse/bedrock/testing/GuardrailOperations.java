package io.quarkiverse.bedrock.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.vertx.core.http.HttpServerRequest;

/**
 * ApplyGuardrail and InvokeGuardrailChecks, with deterministic policies: any guardrail blocks a text containing the
 * word {@value #BLOCKED_WORD} (a custom-word match); a guardrail check scores a content-filter or prompt-attack category
 * 0.9 when a text names it ({@code violence}, {@code prompt injection}, ...) and 0.0 otherwise, and finds e-mail
 * addresses and phone numbers as sensitive information.
 */
final class GuardrailOperations {

    /** The word every emulated guardrail blocks. */
    static final String BLOCKED_WORD = "blocked";
    /** The output text of a guardrail that intervened (the default blocked message of a guardrail). */
    static final String BLOCKED_MESSAGE = "Sorry, the model cannot answer this question.";

    private static final Pattern VERSION = Pattern.compile("(|([1-9][0-9]{0,7})|(DRAFT))");
    private static final Pattern BLOCKED = Pattern.compile("\\b" + BLOCKED_WORD + "\\b", Pattern.CASE_INSENSITIVE);
    private static final Map<String, Pattern> PII = Map.of(
            "EMAIL", Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"),
            "PHONE", Pattern.compile("\\+?\\d[\\d -]{7,}\\d"));
    private static final int CHARACTERS_PER_UNIT = 1000;

    /** POST /guardrail/{guardrailIdentifier}/version/{guardrailVersion}/apply */
    void apply(HttpServerRequest request, byte[] body, Map<String, String> labels) {
        String version = labels.get("guardrailVersion");
        if (!VERSION.matcher(version).matches()) {
            throw BadRequest.validation("1 validation error detected: Value '" + version + "' at 'guardrailVersion'"
                    + " failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + VERSION.pattern());
        }
        JsonNode json = Json.parseObject(body);
        String source = json.path("source").asText("");
        if (!source.equals("INPUT") && !source.equals("OUTPUT")) {
            throw BadRequest.validation("1 validation error detected: Value '" + source + "' at 'source' failed to"
                    + " satisfy constraint: Member must satisfy enum value set: [INPUT, OUTPUT]");
        }
        List<String> texts = new ArrayList<>();
        for (JsonNode block : json.path("content")) {
            if (block.path("text").has("text")) {
                texts.add(block.path("text").path("text").asText());
            }
        }
        if (texts.isEmpty() && json.path("content").isEmpty()) {
            throw BadRequest.validation("1 validation error detected: Value null at 'content' failed to satisfy"
                    + " constraint: Member must not be null");
        }
        int characters = texts.stream().mapToInt(String::length).sum();
        boolean blocked = texts.stream().anyMatch(t -> BLOCKED.matcher(t).find());
        ObjectNode out = Json.object();
        ObjectNode usage = out.putObject("usage");
        for (String unit : List.of("topicPolicyUnits", "contentPolicyUnits", "sensitiveInformationPolicyUnits",
                "sensitiveInformationPolicyFreeUnits", "contextualGroundingPolicyUnits")) {
            usage.put(unit, 0);
        }
        usage.put("wordPolicyUnits", units(characters));
        out.put("action", blocked ? "GUARDRAIL_INTERVENED" : "NONE");
        ArrayNode outputs = out.putArray("outputs");
        ArrayNode assessments = out.putArray("assessments");
        ObjectNode assessment = assessments.addObject();
        if (blocked) {
            out.put("actionReason", "Guardrail blocked.");
            outputs.addObject().put("text", BLOCKED_MESSAGE);
            ObjectNode words = assessment.putObject("wordPolicy");
            words.putArray("customWords").addObject().put("match", BLOCKED_WORD).put("action", "BLOCKED")
                    .put("detected", true);
            words.putArray("managedWordLists");
        } else if ("FULL".equals(json.path("outputScope").asText())) {
            texts.forEach(t -> outputs.addObject().put("text", t));
        }
        ObjectNode text = out.putObject("guardrailCoverage").putObject("textCharacters");
        text.put("guarded", characters).put("total", characters);
        JsonAnswer.write(request.response(), out);
    }

    /** POST /guardrail-checks/invoke */
    void checks(HttpServerRequest request, byte[] body, Map<String, String> labels) {
        JsonNode json = Json.parseObject(body);
        JsonNode messages = json.path("messages");
        JsonNode checks = json.path("checks");
        if (!messages.isArray() || messages.isEmpty() || !checks.isObject() || checks.isEmpty()) {
            throw BadRequest.validation("The request must contain at least one message and one check.");
        }
        int characters = 0;
        List<String> texts = new ArrayList<>();
        for (JsonNode m : messages) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode c : m.path("content")) {
                sb.append(c.path("text").asText(""));
            }
            texts.add(sb.toString());
            characters += sb.length();
        }
        String all = String.join("\n", texts).toLowerCase(Locale.ROOT);
        ObjectNode out = Json.object();
        ObjectNode results = out.putObject("results");
        ObjectNode usage = out.putObject("usage");
        for (String filter : List.of("contentFilter", "promptAttack")) {
            if (checks.has(filter)) {
                ArrayNode list = results.putObject(filter).putArray("results");
                for (JsonNode c : checks.path(filter).path("categories")) {
                    String category = c.path("category").asText("");
                    boolean named = all.contains(category.toLowerCase(Locale.ROOT).replace('_', ' '));
                    list.addObject().put("category", category).put("severityScore", named ? 0.9 : 0.0);
                }
                usage.putObject(filter).put("textUnits", units(characters));
            }
        }
        if (checks.has("sensitiveInformation")) {
            ObjectNode sensitive = results.putObject("sensitiveInformation");
            ArrayNode list = sensitive.putArray("results");
            for (JsonNode e : checks.path("sensitiveInformation").path("entities")) {
                String type = e.path("type").asText("");
                Pattern p = PII.get(type);
                for (int i = 0; p != null && i < messages.size(); i++) {
                    JsonNode content = messages.get(i).path("content");
                    for (int j = 0; j < content.size(); j++) {
                        Matcher m = p.matcher(content.get(j).path("text").asText(""));
                        while (m.find()) {
                            list.addObject().put("type", type).put("confidenceScore", 0.99)
                                    .put("beginOffset", m.start()).put("endOffset", m.end())
                                    .put("messageIndex", i).put("contentIndex", j);
                        }
                    }
                }
            }
            sensitive.put("truncated", false);
            usage.putObject("sensitiveInformation").put("textUnits", units(characters));
        }
        JsonAnswer.write(request.response(), out);
    }

    private static int units(int characters) {
        return Math.max(1, (characters + CHARACTERS_PER_UNIT - 1) / CHARACTERS_PER_UNIT);
    }
}
