package io.quarkiverse.bedrock.api;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One turn of a conversation.
 *
 * @param role who wrote it
 * @param content its content blocks, in order
 */
public record Message(Role role, List<ContentBlock> content) {

    /** Validates and freezes the content list. */
    public Message {
        Objects.requireNonNull(role, "role must not be null");
        Objects.requireNonNull(content, "content must not be null");
        content = List.copyOf(content);
    }

    /**
     * @param text the user's text
     * @return a user message holding one text block
     */
    public static Message user(String text) {
        return new Message(Role.USER, List.of(ContentBlock.text(text)));
    }

    /**
     * @param text the assistant's text
     * @return an assistant message holding one text block
     */
    public static Message assistant(String text) {
        return new Message(Role.ASSISTANT, List.of(ContentBlock.text(text)));
    }

    /** @return the concatenated text of the text blocks */
    public String text() {
        return content.stream()
                .filter(ContentBlock.Text.class::isInstance)
                .map(b -> ((ContentBlock.Text) b).text())
                .collect(Collectors.joining());
    }
}
