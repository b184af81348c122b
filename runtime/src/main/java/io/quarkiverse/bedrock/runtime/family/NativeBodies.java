package io.quarkiverse.bedrock.runtime.family;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;

/** Helpers shared by the native formats of model families. */
public final class NativeBodies {

    private NativeBodies() {
    }

    /**
     * Adds the request's {@code additionalModelRequestFields} at the top level of a native body, where InvokeModel
     * expects model-specific fields (e.g. gpt-oss {@code seed}); a field set here replaces the family's own.
     *
     * @param body the native body
     * @param request the request
     * @param json the mapper
     * @return the body
     */
    public static ObjectNode withAdditionalFields(ObjectNode body, ChatRequest request, ObjectMapper json) {
        for (Map.Entry<String, Object> field : request.options().additionalModelRequestFields().entrySet()) {
            body.set(field.getKey(), json.valueToTree(field.getValue()));
        }
        return body;
    }

    /**
     * @param request a request
     * @return whether a message holds an image or a document, which text-only native formats cannot carry
     */
    public static boolean hasAttachments(ChatRequest request) {
        return request.messages().stream().map(Message::content).flatMap(List::stream)
                .anyMatch(b -> b instanceof ContentBlock.Image || b instanceof ContentBlock.Document);
    }
}
