package io.quarkiverse.bedrock.runtime.telemetry;

import java.util.List;

import io.quarkiverse.bedrock.api.ChatRequest;

/**
 * What is about to be sent: everything a span or a metric needs to know before the answer.
 *
 * @param client the client's name ({@code <default>} for the default client)
 * @param name the GenAI operation name: {@code chat}, {@code embeddings} or {@code count_tokens}
 * @param model the requested model id
 * @param stream whether the answer is streamed
 * @param api the Bedrock API the request goes to: {@code converse}, {@code converse-stream}, {@code invoke},
 *        {@code invoke-with-response-stream}, {@code count-tokens}; null when not known before sending
 * @param request the chat request, null for embeddings
 * @param guardrailId the guardrail identifier of the request, or null
 * @param server where the request goes
 */
public record Operation(String client, String name, String model, boolean stream, String api, ChatRequest request,
        String guardrailId, ServerAddress server) {

    /** GenAI operation name of chat calls. */
    public static final String CHAT = "chat";
    /** GenAI operation name of embedding calls. */
    public static final String EMBEDDINGS = "embeddings";
    /** Our operation name of CountTokens calls (not one of the conventions' predefined values). */
    public static final String COUNT_TOKENS = "count_tokens";

    /** @return the stop sequences of the request, empty when none */
    public List<String> stopSequences() {
        return request == null ? List.of() : request.stopSequences();
    }
}
