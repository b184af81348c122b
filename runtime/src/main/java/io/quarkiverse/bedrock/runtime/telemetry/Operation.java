package io.quarkiverse.bedrock.runtime.telemetry;

import java.util.List;

import io.quarkiverse.bedrock.api.ChatRequest;

/**
 * What is about to be sent: everything a span or a metric needs to know before the answer.
 *
 * @param client the client's name ({@code <default>} for the default client)
 * @param name the GenAI operation name: {@code chat}, {@code embeddings}, or one of ours ({@code count_tokens},
 *        {@code apply_guardrail}, ...)
 * @param model the requested model id, null for operations without a model (guardrails, async invocation look-ups)
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
    /** Our operation name of ApplyGuardrail calls (the conventions define none for guardrails). */
    public static final String APPLY_GUARDRAIL = "apply_guardrail";
    /** Our operation name of InvokeGuardrailChecks calls. */
    public static final String GUARDRAIL_CHECKS = "invoke_guardrail_checks";
    /** Our operation name of StartAsyncInvoke calls. */
    public static final String START_ASYNC_INVOKE = "start_async_invoke";
    /** Our operation name of GetAsyncInvoke calls. */
    public static final String GET_ASYNC_INVOKE = "get_async_invoke";
    /** Our operation name of one ListAsyncInvokes page. */
    public static final String LIST_ASYNC_INVOKES = "list_async_invokes";
    /** Our operation name of waiting for an asynchronous invocation to end (its polls included). */
    public static final String AWAIT_ASYNC_INVOKE = "await_async_invoke";

    /** @return the span name: {@code {operation} {model}}, or the operation alone when there is no model */
    public String spanName() {
        return model == null ? name : name + " " + model;
    }

    /** @return the stop sequences of the request, empty when none */
    public List<String> stopSequences() {
        return request == null ? List.of() : request.stopSequences();
    }
}
