package io.quarkiverse.bedrock.runtime.validation;

import java.util.ArrayList;
import java.util.List;

import io.quarkiverse.bedrock.api.ChatRequest;
import io.quarkiverse.bedrock.api.ContentBlock;
import io.quarkiverse.bedrock.api.Message;
import io.quarkiverse.bedrock.api.Role;
import io.quarkiverse.bedrock.api.error.InvalidRequestException;

/**
 * The mistakes Bedrock users hit most, caught before a request is signed and sent, with a message that says what to
 * fix (Bedrock's own answers name JSON paths of a body the caller never wrote). Other limits are checked where their
 * values are set: request metadata in {@link io.quarkiverse.bedrock.api.BedrockOptions}; thinking with a forced tool
 * choice and the number of cache points are made valid by the Claude family itself.
 */
public final class RequestChecks {

    private RequestChecks() {
    }

    /**
     * @param request a chat request about to be sent
     * @throws InvalidRequestException when the conversation does not start with the user, or holds blank text, or a
     *         prompt ARN comes with members its stored prompt defines
     */
    public static void check(ChatRequest request) {
        if (request.modelId().isPrompt()) {
            checkPromptRequest(request);
        } else if (!request.options().promptVariables().isEmpty()) {
            throw new InvalidRequestException("prompt_variables are set but model id '" + request.modelId() + "' is not a"
                    + " Prompt management prompt ARN (arn:aws:bedrock:<region>:<account>:prompt/<id>): use the prompt's"
                    + " ARN as model id, or remove the variables");
        }
        List<Message> messages = request.messages();
        if (!messages.isEmpty() && messages.get(0).role() != Role.USER) {
            throw new InvalidRequestException("The conversation starts with a message of role '"
                    + messages.get(0).role().wireName() + "': Bedrock requires the first message to come from the user;"
                    + " start with user(...)");
        }
        for (int i = 0; i < request.system().size(); i++) {
            String system = request.system().get(i);
            if (system == null || system.isBlank()) {
                throw new InvalidRequestException("System prompt " + i + " is blank: Bedrock rejects blank text;"
                        + " remove it");
            }
        }
        for (int i = 0; i < messages.size(); i++) {
            List<ContentBlock> content = messages.get(i).content();
            for (int j = 0; j < content.size(); j++) {
                if (content.get(j) instanceof ContentBlock.Text t && (t.text() == null || t.text().isBlank())) {
                    throw new InvalidRequestException("Message " + i + " (" + messages.get(i).role().wireName()
                            + "), content block " + j + " is blank text: Bedrock rejects blank text blocks; remove the"
                            + " block or give it text");
                }
            }
        }
    }

    /** Bedrock rejects these Converse members with a prompt ARN: the stored prompt defines them. */
    private static void checkPromptRequest(ChatRequest request) {
        List<String> set = new ArrayList<>();
        if (!request.system().isEmpty()) {
            set.add("system");
        }
        if (!request.tools().isEmpty()) {
            set.add("tools");
        }
        if (request.maxTokens().isPresent() || request.temperature().isPresent() || request.topP().isPresent()
                || !request.stopSequences().isEmpty()) {
            set.add("inference parameters (maxTokens, temperature, topP, stopSequences)");
        }
        if (!request.options().additionalModelRequestFields().isEmpty()) {
            set.add("additional_model_request_fields");
        }
        if (!set.isEmpty()) {
            throw new InvalidRequestException("Model id '" + request.modelId() + "' is a Prompt management prompt, which"
                    + " defines its own system prompt, tools and inference parameters: remove " + String.join(", ", set)
                    + " from the request (pass values through prompt_variables)");
        }
    }
}
