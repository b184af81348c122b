package io.quarkiverse.bedrock.runtime.family.anthropic;

import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * Where Anthropic prompt caching puts its checkpoints: after the tools, after the system prompt, and after the chosen
 * message ({@code anthropicCacheMessage}, the last one by default). The TTL ({@code 5m} or {@code 1h}) is sent only when
 * it was given.
 */
final class ClaudePromptCache {

    private ClaudePromptCache() {
    }

    /**
     * @param request the request
     * @return whether caching is asked for
     */
    static boolean enabled(ChatRequest request) {
        return request.options().anthropicPromptCache().orElse(false);
    }

    /**
     * @param request the request
     * @return the index of the message that gets the checkpoint
     * @throws InvalidRequestException when {@code anthropicCacheMessage} points outside the conversation
     */
    static int messageIndex(ChatRequest request) {
        List<Message> messages = request.messages();
        int option = request.options().anthropicCacheMessage();
        int index = option < 0 ? messages.size() + option : option;
        if (index < 0 || index >= messages.size()) {
            throw new InvalidRequestException("anthropic_cache_message is " + option + " but the conversation has "
                    + messages.size() + " message(s): use 0 to " + (messages.size() - 1) + ", or -1 for the last");
        }
        return index;
    }

    /**
     * @param request the request
     * @param json the mapper
     * @return the native {@code cache_control} object
     */
    static ObjectNode cacheControl(ChatRequest request, ObjectMapper json) {
        ObjectNode control = json.createObjectNode().put("type", "ephemeral");
        request.options().anthropicPromptCacheTtl().ifPresent(ttl -> control.put("ttl", ttl));
        return control;
    }

    /**
     * @param request the request
     * @param json the mapper
     * @return a Converse {@code cachePoint} content block
     */
    static ObjectNode cachePoint(ChatRequest request, ObjectMapper json) {
        ObjectNode block = json.createObjectNode();
        ObjectNode point = block.putObject("cachePoint").put("type", "default");
        request.options().anthropicPromptCacheTtl().ifPresent(ttl -> point.put("ttl", ttl));
        return block;
    }
}
