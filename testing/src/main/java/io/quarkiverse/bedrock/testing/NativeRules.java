package io.quarkiverse.bedrock.testing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkiverse.bedrock.runtime.catalog.ModelCapabilities;

/**
 * Bedrock's checks of InvokeModel bodies, per family, with the messages the model's own API answers through Bedrock
 * ({@code The model returned the following errors: ...}): Anthropic Messages (first turn from the user, consecutive turns
 * of one role merged as the Messages API does, no empty text, each {@code tool_result} answering a {@code tool_use} of
 * the previous turn and each {@code tool_use} answered), Amazon Nova (the Converse rules), OpenAI chat completions
 * (each {@code tool} message answering a {@code tool_calls} entry). The model's capabilities are checked for every
 * family.
 */
final class NativeRules {

    private static final String MODEL_ERRORS = "The model returned the following errors: ";
    private static final Pattern ANTHROPIC_TOOL_NAME = Pattern.compile("^[a-zA-Z0-9_-]{1,64}$");

    private NativeRules() {
    }

    /**
     * @param family the model family
     * @param body the native body
     * @param prompt the body as the codec read it
     * @param model the model's capabilities, empty when the id hides the model
     * @param streaming whether it is InvokeModelWithResponseStream
     * @throws BadRequest with the answer to the first broken rule
     */
    static void check(ModelFamily family, JsonNode body, Prompt prompt, Optional<ModelCapabilities> model,
            boolean streaming) {
        switch (family) {
            case ANTHROPIC -> anthropic(body);
            case NOVA -> ConversationRules.check(body, model);
            case OPENAI -> openAi(body);
            default -> {
                // prompt-string families (Llama, Mistral text, Titan, Cohere): no turn structure to check
            }
        }
        model.ifPresent(m -> ModelRules.capabilities(m, prompt, streaming, true));
    }

    private static void anthropic(JsonNode body) {
        JsonNode messages = body.path("messages");
        if (!messages.isArray()) {
            return;
        }
        if (messages.isEmpty() || !messages.get(0).path("role").asText("").equals("user")) {
            throw BadRequest.validation(MODEL_ERRORS + "messages: first message must use the \"user\" role");
        }
        for (int k = 0; k < body.path("tools").size(); k++) {
            JsonNode tool = body.path("tools").get(k);
            if (tool.has("input_schema") && !ANTHROPIC_TOOL_NAME.matcher(tool.path("name").asText("")).matches()) {
                throw BadRequest.validation(MODEL_ERRORS + "tools." + k + ".custom.name: String should match pattern '"
                        + ANTHROPIC_TOOL_NAME.pattern() + "'");
            }
        }
        // the Messages API merges consecutive turns of one role: check tool blocks turn by merged turn
        String previousRole = null;
        List<String> pendingUses = List.of();
        int pendingAt = -1;
        List<String> turnUses = new ArrayList<>();
        Set<String> turnResults = new LinkedHashSet<>();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText("");
            if (!role.equals(previousRole)) {
                if (previousRole != null) {
                    pendingUses = closeTurn(previousRole, pendingUses, pendingAt, turnUses, turnResults);
                    pendingAt = i - 1;
                }
                turnUses = new ArrayList<>();
                turnResults = new LinkedHashSet<>();
                previousRole = role;
            }
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                if (content.asText().isEmpty() && i < messages.size() - 1) {
                    throw BadRequest.validation(MODEL_ERRORS + "messages." + i + ": all messages must have non-empty"
                            + " content except for the optional final assistant message");
                }
                continue;
            }
            for (int j = 0; j < content.size(); j++) {
                JsonNode block = content.get(j);
                String type = block.path("type").asText("");
                if (type.equals("text") && block.path("text").asText("").isEmpty()) {
                    throw BadRequest.validation(MODEL_ERRORS + "messages: text content blocks must be non-empty");
                }
                if (type.equals("tool_use")) {
                    turnUses.add(block.path("id").asText(""));
                } else if (type.equals("tool_result")) {
                    String id = block.path("tool_use_id").asText("");
                    if (!role.equals("user") || !pendingUses.contains(id)) {
                        throw BadRequest.validation(MODEL_ERRORS + "messages." + i + ".content." + j
                                + ": unexpected `tool_use_id` found in `tool_result` blocks: " + id
                                + ". Each `tool_result` block must have a corresponding `tool_use` block in the"
                                + " previous message.");
                    }
                    turnResults.add(id);
                }
            }
        }
        if (previousRole != null && previousRole.equals("user")) {
            closeTurn(previousRole, pendingUses, pendingAt, turnUses, turnResults);
        }
    }

    /** @return the tool uses the next turn must answer */
    private static List<String> closeTurn(String role, List<String> pendingUses, int pendingAt, List<String> uses,
            Set<String> results) {
        if (role.equals("user")) {
            List<String> missing = pendingUses.stream().filter(id -> !results.contains(id)).toList();
            if (!missing.isEmpty()) {
                throw BadRequest.validation(MODEL_ERRORS + "messages." + pendingAt + ": `tool_use` ids were found"
                        + " without `tool_result` blocks immediately after: " + String.join(", ", missing)
                        + ". Each `tool_use` block must have a corresponding `tool_result` block in the next message.");
            }
            return List.of();
        }
        return uses;
    }

    private static void openAi(JsonNode body) {
        Set<String> callIds = new LinkedHashSet<>();
        for (JsonNode m : body.path("messages")) {
            String role = m.path("role").asText("");
            if (role.equals("assistant")) {
                callIds.clear();
                m.path("tool_calls").forEach(tc -> callIds.add(tc.path("id").asText("")));
            } else if (role.equals("tool")) {
                if (!callIds.contains(m.path("tool_call_id").asText(""))) {
                    throw BadRequest.validation(MODEL_ERRORS + "Invalid parameter: messages with role 'tool' must be"
                            + " a response to a preceeding message with 'tool_calls'.");
                }
            } else {
                callIds.clear();
            }
        }
    }
}
