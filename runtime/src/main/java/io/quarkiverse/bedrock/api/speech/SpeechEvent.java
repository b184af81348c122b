package io.quarkiverse.bedrock.api.speech;

import com.fasterxml.jackson.databind.JsonNode;

/** What a {@link SpeechSession} receives from the model, in order. */
public sealed interface SpeechEvent {

    /** The kind of a content block. */
    enum ContentType {
        /** Text: a transcript of the user or the assistant's text. */
        TEXT,
        /** Audio: the assistant's speech. */
        AUDIO,
        /** A tool use. */
        TOOL
    }

    /** Who a content block belongs to. */
    enum Role {
        /** The user: a transcript of what they said or typed. */
        USER,
        /** The assistant. */
        ASSISTANT,
        /** A tool. */
        TOOL,
        /** The system. */
        SYSTEM
    }

    /**
     * The model starts answering a user turn.
     *
     * @param completionId the completion's id
     */
    record CompletionStarted(String completionId) implements SpeechEvent {
    }

    /**
     * A content block starts.
     *
     * @param contentId the block's id
     * @param type its type
     * @param role its role
     * @param speculative for assistant text: true when it previews speech not yet generated ({@code SPECULATIVE}),
     *        false when it is the transcript of speech generated ({@code FINAL})
     */
    record ContentStarted(String contentId, ContentType type, Role role, boolean speculative) implements SpeechEvent {
    }

    /**
     * Text: with role USER the transcript of what the user said, with role ASSISTANT what the model says.
     *
     * @param contentId the block's id
     * @param role the role
     * @param text the text
     */
    record TextOutput(String contentId, Role role, String text) implements SpeechEvent {
    }

    /**
     * A chunk of the assistant's speech: 24 kHz (or the configured rate), 16-bit little-endian signed PCM, mono.
     *
     * @param contentId the block's id
     * @param pcm the samples
     */
    record AudioOutput(String contentId, byte[] pcm) implements SpeechEvent {
        @Override
        public String toString() {
            return "AudioOutput[contentId=" + contentId + ", " + pcm.length + " bytes]";
        }
    }

    /**
     * The model calls a tool: answer with {@link SpeechSession#sendToolResult}.
     *
     * @param toolUseId the id to answer with
     * @param toolName the tool
     * @param input the arguments
     */
    record ToolUse(String toolUseId, String toolName, JsonNode input) implements SpeechEvent {
    }

    /**
     * A content block ends.
     *
     * @param contentId the block's id
     * @param type its type
     * @param stopReason why: {@code END_TURN}, {@code PARTIAL_TURN}, {@code TOOL_USE}, {@code INTERRUPTED}
     * @param interrupted whether the user barged in: stop playing the audio already received
     */
    record ContentEnded(String contentId, ContentType type, String stopReason, boolean interrupted) implements SpeechEvent {
    }

    /**
     * Token usage so far in this session.
     *
     * @param inputTokens input tokens so far
     * @param outputTokens output tokens so far
     * @param totalTokens both
     */
    record Usage(int inputTokens, int outputTokens, int totalTokens) implements SpeechEvent {
    }

    /**
     * The model finished answering.
     *
     * @param completionId the completion's id
     * @param stopReason why, e.g. {@code END_TURN}
     */
    record CompletionEnded(String completionId, String stopReason) implements SpeechEvent {
    }

    /**
     * The client replaced the service session by a new one, before the session cap, and replayed the history it kept
     * (see {@link SpeechSessionRequest#rolloverBefore()}).
     *
     * @param sessionNumber 2 for the first rollover, then 3, ...
     * @param replayedTurns how many history turns were replayed
     */
    record SessionRolledOver(int sessionNumber, int replayedTurns) implements SpeechEvent {
    }
}
