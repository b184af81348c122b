package io.quarkiverse.bedrock.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A scripted answer for the next request: given text, tool calls, thinking, a fault, or a recorded exchange to replay.
 * Queue replies with {@link BedrockEmulator#enqueue(Reply...)}; each request takes the next one, and requests find the
 * deterministic generator when the queue is empty. Immutable: the {@code with*} methods return a copy.
 *
 * @param text the answer text, or null (the generator writes it unless there are tool calls)
 * @param toolCalls the tool calls of the answer, all in one turn (parallel calls)
 * @param thinking the reasoning text, or null (the generator writes it when the request enables thinking)
 * @param stopReason the Converse stop reason ({@code end_turn}, {@code tool_use}, {@code max_tokens}...), or null to derive it
 * @param fault a fault to inject, or null
 * @param replay a {@code reqllm} fixture file to replay byte for byte, or null
 */
public record Reply(String text, List<ToolCall> toolCalls, String thinking, String stopReason, Fault fault, Path replay) {

    /** Copies the tool calls. */
    public Reply {
        toolCalls = List.copyOf(toolCalls);
    }

    /** @param text the answer text @return a reply with that text */
    public static Reply text(String text) {
        return new Reply(Objects.requireNonNull(text, "text"), List.of(), null, null, null, null);
    }

    /**
     * @param calls the calls to make in one turn (several = parallel calls)
     * @return a reply that calls tools, with stop reason {@code tool_use}
     */
    public static Reply toolCalls(ToolCall... calls) {
        if (calls.length == 0) {
            throw new IllegalArgumentException("Give at least one tool call");
        }
        return new Reply(null, List.of(calls), null, null, null, null);
    }

    /**
     * @param name the tool name
     * @param inputJson the arguments, a JSON object
     * @return a reply making that one call
     */
    public static Reply toolCall(String name, String inputJson) {
        return toolCalls(ToolCall.of(name, inputJson));
    }

    /** @param fault the fault @return a generated answer carrying that fault */
    public static Reply fault(Fault fault) {
        return new Reply(null, List.of(), null, null, Objects.requireNonNull(fault, "fault"), null);
    }

    /**
     * @param fixture a {@code reqllm} fixture file (see {@code shared/testdata/reqllm}), or the {@code NN.request.json}
     *        of a {@code bedrock-recorded} exchange
     * @return a reply sending that recorded response exactly as recorded
     */
    public static Reply replay(Path fixture) {
        return new Reply(null, List.of(), null, null, null, Objects.requireNonNull(fixture, "fixture"));
    }

    /** @return a reply the deterministic generator writes entirely */
    public static Reply generated() {
        return new Reply(null, List.of(), null, null, null, null);
    }

    /** @param reasoning the reasoning text @return this reply with a thinking block before the answer */
    public Reply withThinking(String reasoning) {
        return new Reply(text, toolCalls, reasoning, stopReason, fault, replay);
    }

    /** @param reason a Converse stop reason @return this reply with that stop reason */
    public Reply withStopReason(String reason) {
        return new Reply(text, toolCalls, thinking, reason, fault, replay);
    }

    /** @param f the fault @return this reply with that fault */
    public Reply withFault(Fault f) {
        return new Reply(text, toolCalls, thinking, stopReason, f, replay);
    }

    /** @param answerText text to say before the tool calls @return this reply with that text */
    public Reply withText(String answerText) {
        return new Reply(answerText, toolCalls, thinking, stopReason, fault, replay);
    }
}
