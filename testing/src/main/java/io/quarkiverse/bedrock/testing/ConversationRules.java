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
 * Bedrock's checks of a Converse-shaped conversation (Converse, ConverseStream, CountTokens and the Amazon Nova native
 * body, which has the same shape), each answering with Bedrock's message: the first message is from the user, roles
 * alternate, no content is empty or blank, tool blocks need a {@code toolConfig}, each {@code toolResult} answers a
 * {@code toolUse} of the previous turn and every {@code toolUse} is answered, tool names match the service model's
 * pattern, and image, document and system blocks only go to models that take them.
 */
final class ConversationRules {

    static final String FIRST_USER = "A conversation must start with a user message. Try again with a conversation that"
            + " starts with a user message.";
    static final String ALTERNATE = "A conversation must alternate between user and assistant roles. Make sure the"
            + " conversation alternates between user and assistant roles and try again.";
    static final String TOOL_CONFIG = "The toolConfig field must be defined when using toolUse and toolResult content"
            + " blocks.";
    private static final Pattern TOOL_NAME = Pattern.compile("[a-zA-Z0-9_-]+");

    private ConversationRules() {
    }

    /**
     * @param body the request body
     * @param model the model's capabilities, empty when the id hides the model
     * @throws BadRequest with Bedrock's answer to the first broken rule
     */
    static void check(JsonNode body, Optional<ModelCapabilities> model) {
        JsonNode messages = body.path("messages");
        if (!messages.isArray() || messages.isEmpty() || !messages.get(0).path("role").asText("").equals("user")) {
            throw BadRequest.validation(FIRST_USER);
        }
        boolean hasToolConfig = body.path("toolConfig").path("tools").size() > 0;
        checkSystem(body.path("system"), model);
        checkToolNames(body.path("toolConfig").path("tools"));
        String previousRole = null;
        List<String> pendingToolUses = List.of();
        for (int i = 0; i < messages.size(); i++) {
            JsonNode message = messages.get(i);
            String role = message.path("role").asText("");
            if (role.equals(previousRole)) {
                throw BadRequest.validation(ALTERNATE);
            }
            previousRole = role;
            JsonNode content = message.path("content");
            if (!content.isArray() || content.isEmpty()) {
                throw BadRequest.validation("The content field in the Message object at messages." + i
                        + " is empty. Add a ContentBlock object to the content field and try again.");
            }
            List<String> toolUses = new ArrayList<>();
            Set<String> answered = new LinkedHashSet<>();
            int results = 0;
            for (int j = 0; j < content.size(); j++) {
                JsonNode block = content.get(j);
                String at = "messages." + i + ".content." + j;
                if (block.has("text") && block.get("text").asText("").isBlank()) {
                    throw BadRequest.validation("The text field in the ContentBlock object at " + at
                            + " is blank. Add text to the text field, and try again.");
                }
                if (block.has("toolUse") || block.has("toolResult")) {
                    if (!hasToolConfig) {
                        throw BadRequest.validation(TOOL_CONFIG);
                    }
                }
                if (block.has("toolUse")) {
                    toolUses.add(block.get("toolUse").path("toolUseId").asText(""));
                }
                if (block.has("toolResult")) {
                    results++;
                    answered.add(block.get("toolResult").path("toolUseId").asText(""));
                }
                if (model.isPresent() && block.has("image") && !model.get().images()) {
                    throw BadRequest.validation("This model doesn't support the image content block that you"
                            + " provided. Try again with a model that supports images.");
                }
                if (model.isPresent() && block.has("document") && !model.get().documents()) {
                    throw BadRequest.validation("This model doesn't support the document content block that you"
                            + " provided. Try again with a model that supports documents.");
                }
            }
            if (role.equals("user")) {
                checkToolResults(i, pendingToolUses, answered, results);
            }
            pendingToolUses = role.equals("assistant") ? toolUses : List.of();
        }
    }

    /** Every toolResult answers a toolUse of the previous (assistant) turn, and every such toolUse is answered. */
    private static void checkToolResults(int i, List<String> toolUses, Set<String> answered, int results) {
        if (results > toolUses.size()) {
            throw BadRequest.validation("The number of toolResult blocks at messages." + i
                    + ".content exceeds the number of toolUse blocks of previous turn.");
        }
        List<String> missing = toolUses.stream().filter(id -> !answered.contains(id)).toList();
        if (!missing.isEmpty()) {
            throw BadRequest.validation("Expected toolResult blocks at messages." + i
                    + ".content for the following Ids: " + String.join(", ", missing));
        }
    }

    private static void checkSystem(JsonNode system, Optional<ModelCapabilities> model) {
        if (system.isArray() && !system.isEmpty() && model.isPresent() && !model.get().system()) {
            throw BadRequest.validation("This model doesn't support system messages. Try again without a system"
                    + " message or with a model that supports them.");
        }
        for (int j = 0; j < system.size(); j++) {
            JsonNode s = system.get(j);
            if (s.has("text") && s.get("text").asText("").isBlank()) {
                throw BadRequest.validation("The text field in the SystemContentBlock object at system." + j
                        + " is blank. Add text to the text field, and try again.");
            }
        }
    }

    /** Constraint messages in the service's own words (1-based member index, as Coral writes them). */
    private static void checkToolNames(JsonNode tools) {
        for (int k = 0; k < tools.size(); k++) {
            JsonNode spec = tools.get(k).path("toolSpec");
            if (spec.isMissingNode()) {
                continue;
            }
            String name = spec.path("name").asText("");
            String at = "toolConfig.tools." + (k + 1) + ".member.toolSpec.name";
            if (name.isEmpty() || name.length() > 64) {
                throw BadRequest.validation("1 validation error detected: Value '" + name + "' at '" + at
                        + "' failed to satisfy constraint: Member must have length "
                        + (name.isEmpty() ? "greater than or equal to 1" : "less than or equal to 64"));
            }
            if (!TOOL_NAME.matcher(name).matches()) {
                throw BadRequest.validation("1 validation error detected: Value '" + name + "' at '" + at
                        + "' failed to satisfy constraint: Member must satisfy regular expression pattern:"
                        + " [a-zA-Z0-9_-]+");
            }
        }
    }
}
