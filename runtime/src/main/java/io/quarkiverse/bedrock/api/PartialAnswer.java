package io.quarkiverse.bedrock.api;

import java.util.List;

/**
 * What a stream delivered before it failed: a failure after the first chunk is never retried (the caller already
 * has part of the answer), so it carries this instead.
 *
 * @param received the answer assembled from the chunks received (text, reasoning, complete tool calls); no stop reason
 * @param openToolCalls tool calls that started and did not complete, with the argument JSON received so far
 * @param chunks how many chunks reached the subscriber
 * @param requestIds the AWS request ids of every attempt, in order (an attempt without an answer has none)
 */
public record PartialAnswer(ChatResponse received, List<OpenToolCall> openToolCalls, int chunks,
        List<String> requestIds) {

    /**
     * A tool call cut off mid-way.
     *
     * @param index the content block index of the call
     * @param id the tool use id
     * @param name the tool's name
     * @param partialJson the argument JSON received so far (not valid JSON in general)
     */
    public record OpenToolCall(int index, String id, String name, String partialJson) {
    }

    /** @return the text received, empty when none */
    public String text() {
        return received.text();
    }
}
