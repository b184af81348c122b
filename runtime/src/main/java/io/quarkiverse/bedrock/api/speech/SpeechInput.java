package io.quarkiverse.bedrock.api.speech;

import java.util.Objects;

import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/** What the caller sends into a {@link SpeechSession}. */
public sealed interface SpeechInput {

    /**
     * A typed user turn, sent as one text content ({@code contentStart} TEXT/USER, {@code textInput}, {@code contentEnd}).
     *
     * @param text the text, not blank
     */
    record Text(String text) implements SpeechInput {
        /** Checks the text. */
        public Text {
            if (text == null || text.isBlank()) {
                throw new InvalidRequestException("A speech text input needs a non-blank text");
            }
        }
    }

    /**
     * A chunk of the user's microphone audio: 16 kHz, 16-bit little-endian signed PCM, mono. The first chunk opens the
     * session's audio content; chunks of about 32 ms (1024 bytes) are what the service expects, at most 1 MB.
     *
     * @param pcm the samples
     */
    record AudioChunk(byte[] pcm) implements SpeechInput {
        /** Checks the chunk. */
        public AudioChunk {
            Objects.requireNonNull(pcm, "pcm");
            if (pcm.length == 0 || pcm.length % 2 != 0 || pcm.length > 700_000) {
                throw new InvalidRequestException("An audio chunk must hold whole 16-bit samples, 2 to 700000 bytes"
                        + " (it is base64-encoded into an event of at most 1 MB); this one has " + pcm.length);
            }
        }

        @Override
        public String toString() {
            return "AudioChunk[" + pcm.length + " bytes]";
        }
    }

    /** Closes the open audio content (the microphone stopped). The next {@link AudioChunk} opens a new one. */
    record AudioEnd() implements SpeechInput {
    }

    /**
     * The result of a {@link SpeechEvent.ToolUse}.
     *
     * @param toolUseId the id from the tool use
     * @param content the result, usually JSON text
     */
    record ToolResult(String toolUseId, String content) implements SpeechInput {
        /** Checks both parts. */
        public ToolResult {
            if (toolUseId == null || toolUseId.isBlank()) {
                throw new InvalidRequestException("A tool result needs the toolUseId of the tool use it answers");
            }
            Objects.requireNonNull(content, "content");
        }
    }
}
