package io.quarkiverse.bedrock.testing;

import java.util.List;

/**
 * The content of one emulated answer, before it is written in a wire format.
 *
 * @param thinking the reasoning tokens (empty when thinking is off)
 * @param signature the signature of the reasoning, or null when there is no reasoning
 * @param textTokens the answer text, one entry per token
 * @param toolCalls the tool calls, with their ids
 * @param stopReason the Converse stop reason: {@code end_turn}, {@code tool_use}, {@code max_tokens}...
 * @param inputTokens tokens counted in the request
 * @param outputTokens tokens of thinking, text and tool calls together
 * @param cited the documents the text cites (documents sent with citations enabled), empty for uncited text
 */
record Answer(List<String> thinking, String signature, List<String> textTokens, List<ToolCall> toolCalls,
        String stopReason, int inputTokens, int outputTokens, List<Prompt.CitedDocument> cited) {

    Answer {
        thinking = List.copyOf(thinking);
        textTokens = List.copyOf(textTokens);
        toolCalls = List.copyOf(toolCalls);
        cited = List.copyOf(cited);
    }

    /** @return the answer text */
    String text() {
        return String.join("", textTokens);
    }

    /** @return the reasoning text */
    String thinkingText() {
        return String.join("", thinking);
    }

    /** @return whether there is a reasoning block */
    boolean hasThinking() {
        return !thinking.isEmpty();
    }

    /** @return whether there is a text block */
    boolean hasText() {
        return !textTokens.isEmpty();
    }
}
