package io.quarkiverse.bedrock.testing;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the emulator needs to know about a request, whatever its body format.
 *
 * @param lastUserText the text of the last user turn (empty when it only has tool results)
 * @param inputTokens the tokens of every text in the request (system, messages, tool results)
 * @param tools the tools offered
 * @param forcedTool the tool the request forces ({@code toolChoice}), "*" for any tool, or null
 * @param afterToolResult whether the last user turn carries tool results
 * @param thinking whether extended thinking is enabled
 * @param maxTokens the request's output token limit, or 0 when absent
 * @param outputSchema the JSON Schema the answer text must follow (Converse {@code outputConfig.textFormat}), or null
 * @param citedDocuments the documents sent with citations enabled, in request order
 */
record Prompt(String lastUserText, int inputTokens, List<ToolSpec> tools, String forcedTool, boolean afterToolResult,
        boolean thinking, int maxTokens, JsonNode outputSchema, List<CitedDocument> citedDocuments) {

    Prompt {
        tools = List.copyOf(tools);
        citedDocuments = List.copyOf(citedDocuments);
    }

    /** A prompt without output schema or cited documents. */
    Prompt(String lastUserText, int inputTokens, List<ToolSpec> tools, String forcedTool, boolean afterToolResult,
            boolean thinking, int maxTokens) {
        this(lastUserText, inputTokens, tools, forcedTool, afterToolResult, thinking, maxTokens, null, List.of());
    }

    /**
     * A document the model may cite.
     *
     * @param index its index among the request's documents (what a citation's location names)
     * @param name its name
     * @param text its text (the bytes read as UTF-8)
     */
    record CitedDocument(int index, String name, String text) {
    }
}
