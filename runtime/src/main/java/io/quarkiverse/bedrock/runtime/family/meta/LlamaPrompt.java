package io.quarkiverse.bedrock.runtime.family.meta;

import java.util.List;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Role;

/**
 * The Llama 3 chat prompt template: {@code <|begin_of_text|>}, then one
 * {@code <|start_header_id|>role<|end_header_id|>\n\n text <|eot_id|>} per turn (system prompts first, joined), then an
 * open assistant header for the answer. When the conversation ends with an assistant message, that message is left
 * open so the model continues it (prefill).
 */
final class LlamaPrompt {

    /** Starts every prompt. */
    static final String BEGIN_OF_TEXT = "<|begin_of_text|>";
    /** Opens a role header. */
    static final String START_HEADER = "<|start_header_id|>";
    /** Closes a role header. */
    static final String END_HEADER = "<|end_header_id|>";
    /** Ends a turn. */
    static final String EOT = "<|eot_id|>";

    private LlamaPrompt() {
    }

    /**
     * @param request a request whose messages hold text only
     * @return the prompt
     */
    static String of(ChatRequest request) {
        StringBuilder prompt = new StringBuilder(BEGIN_OF_TEXT);
        if (!request.system().isEmpty()) {
            header(prompt, "system").append(String.join("\n\n", request.system())).append(EOT);
        }
        List<Message> messages = request.messages();
        for (int i = 0; i < messages.size(); i++) {
            Message m = messages.get(i);
            boolean last = i == messages.size() - 1;
            header(prompt, m.role() == Role.USER ? "user" : "assistant").append(text(m));
            if (last && m.role() == Role.ASSISTANT) {
                return prompt.toString();
            }
            prompt.append(EOT);
        }
        return header(prompt, "assistant").toString();
    }

    private static StringBuilder header(StringBuilder prompt, String role) {
        return prompt.append(START_HEADER).append(role).append(END_HEADER).append("\n\n");
    }

    private static String text(Message m) {
        StringBuilder sb = new StringBuilder();
        for (ContentBlock b : m.content()) {
            if (b instanceof ContentBlock.Text t) {
                sb.append(t.text());
            }
        }
        return sb.toString();
    }
}
