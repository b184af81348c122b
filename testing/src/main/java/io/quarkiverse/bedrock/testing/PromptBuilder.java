package io.quarkiverse.bedrock.testing;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** Collects the parts of a request that make a {@link Prompt}, whatever the body format. */
final class PromptBuilder {

    private final StringBuilder allText = new StringBuilder();
    private final List<ToolSpec> tools = new ArrayList<>();
    private String lastUserText = "";
    private boolean afterToolResult;
    private String forcedTool;
    private boolean thinking;
    private int maxTokens;
    private JsonNode outputSchema;
    private final List<Prompt.CitedDocument> citedDocuments = new ArrayList<>();

    /** Counts a system or assistant text. */
    PromptBuilder text(String text) {
        if (text != null && !text.isEmpty()) {
            allText.append(' ').append(text);
        }
        return this;
    }

    /** Starts a new user turn: its text becomes the last user text. */
    PromptBuilder userTurn(String text, boolean hasToolResult) {
        text(text);
        lastUserText = text == null ? "" : text;
        afterToolResult = hasToolResult;
        return this;
    }

    PromptBuilder tool(String name, JsonNode schema) {
        if (name == null || name.isBlank()) {
            throw BadRequest.validation("The value at toolConfig.tools.name must not be empty.");
        }
        tools.add(new ToolSpec(name, schema));
        allText.append(' ').append(name);
        return this;
    }

    PromptBuilder forcedTool(String name) {
        this.forcedTool = name;
        return this;
    }

    PromptBuilder thinking(boolean enabled) {
        this.thinking = enabled;
        return this;
    }

    PromptBuilder maxTokens(int max) {
        this.maxTokens = max;
        return this;
    }

    PromptBuilder outputSchema(JsonNode schema) {
        this.outputSchema = schema;
        return this;
    }

    PromptBuilder citedDocument(Prompt.CitedDocument document) {
        citedDocuments.add(document);
        return this;
    }

    Prompt build() {
        return new Prompt(lastUserText, Math.max(1, Tokens.count(allText.toString())), tools, forcedTool,
                afterToolResult, thinking, maxTokens, outputSchema, citedDocuments);
    }

    /** @return the node's text: itself when textual, else its JSON */
    static String asText(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "";
        }
        return node.isTextual() ? node.asText() : node.toString();
    }
}
