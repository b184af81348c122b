package io.quarkiverse.bedrock.api;

import java.util.Objects;

/**
 * One block of a message's content. Text for now; the sealed hierarchy grows with tool calls, tool results, images,
 * documents and reasoning.
 */
public sealed interface ContentBlock {

    /**
     * Plain text.
     *
     * @param text the text, never null
     */
    record Text(String text) implements ContentBlock {
        /** Checks the text is present. */
        public Text {
            Objects.requireNonNull(text, "text must not be null");
        }
    }

    /**
     * @param text the text
     * @return a text block
     */
    static ContentBlock text(String text) {
        return new Text(text);
    }
}
