package io.quarkiverse.bedrock.testing;

import java.util.List;

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
 */
record Prompt(String lastUserText, int inputTokens, List<ToolSpec> tools, String forcedTool, boolean afterToolResult,
        boolean thinking, int maxTokens) {

    Prompt {
        tools = List.copyOf(tools);
    }
}
