package io.quarkiverse.bedrock.runtime.client;

import java.util.function.Function;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.Chunk;
import io.quarkiverse.bedrock.api.ModelId;
import io.quarkiverse.bedrock.api.error.BedrockTimeoutException;
import io.quarkiverse.bedrock.runtime.auth.CredentialsResolver;
import io.quarkiverse.bedrock.runtime.auth.RegionResolver;
import io.quarkiverse.bedrock.runtime.auth.RequestSigner;
import io.quarkiverse.bedrock.runtime.config.ClientConfig;
import io.quarkiverse.bedrock.runtime.config.ClientSettings;
import io.quarkiverse.bedrock.runtime.family.StreamEvents;
import io.quarkiverse.bedrock.runtime.resilience.AttemptHeaders;
import io.quarkiverse.bedrock.runtime.resilience.BudgetGate;
import io.quarkiverse.bedrock.runtime.resilience.ModelBudgets;
import io.quarkiverse.bedrock.runtime.resilience.RetryListener;
import io.quarkiverse.bedrock.runtime.resilience.RetryPolicy;
import io.quarkiverse.bedrock.runtime.resilience.StreamDeadline;
import io.quarkiverse.bedrock.runtime.resilience.StreamProgress;
import io.quarkiverse.bedrock.runtime.telemetry.TraceScope;
import io.quarkiverse.bedrock.runtime.transport.StreamingHttpClient;
import io.quarkiverse.bedrock.runtime.transport.StreamingHttpClient.StreamingAnswer;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Sends one client's calls to a model: chooses the region and endpoint, signs, sends on the Vert.x HTTP client (answers
 * read whole up to {@code max-response-size}, or event streams), with the client's timeouts. The one place that reads
 * the client's connection settings; it owns the HTTP client it was given.
 */
final class BedrockCalls {

    private final ClientSettings settings;
    private final ClientConfig config;
    private final RegionResolver regions;
    private final SignedRequests signed;
    private final StreamingHttpClient streaming;
    private final RetryPolicy retry;
    private final BudgetGate budgets;
    private final RequestTarget.Recent targets;

    /**
     * @param settings the client's name and settings
     * @param regions chooses the region of each call
     * @param credentials chooses the credentials of each call
     * @param signer signs each call
     * @param streaming sends streaming calls
     */
    BedrockCalls(ClientSettings settings, RegionResolver regions, CredentialsResolver credentials, RequestSigner signer,
            StreamingHttpClient streaming) {
        this.settings = settings;
        this.config = settings.config();
        this.targets = new RequestTarget.Recent(config.endpointOverride());
        this.regions = regions;
        this.signed = new SignedRequests(credentials, signer);
        this.streaming = streaming;
        this.retry = new RetryPolicy(config.retry(), settings.prefix(), RetryListener.NONE);
        this.budgets = new BudgetGate(ModelBudgets.of(config.budgets(), settings.prefix()), settings.prefix());
    }

    /**
     * @param modelId the model
     * @param options the request options (region, credentials)
     * @param operation {@code converse}, {@code invoke} or {@code count-tokens}
     * @param body the JSON body
     * @return the answer, retried as the client's retry settings say; a {@link BedrockTimeoutException} naming
     *         {@code timeout} when no complete answer came within it, retries included
     */
    Uni<Answer> post(ModelId modelId, BedrockOptions options, String operation, byte[] body) {
        RequestTarget target = target(modelId, options, operation);
        Uni<Answer> attempt = signed.send(target, body, options, new AttemptHeaders(retry.maxAttempts()),
                (uri, headers) -> TraceScope.within(streaming.postForAnswer(uri, headers, body,
                        config.maxResponseSize().asLongValue(), settings.prefix() + "max-response-size"))
                        .map(answer -> new Answer(answer.body(), answer.header().apply("x-amzn-RequestId"),
                                answer.header().apply("X-Amzn-Bedrock-Input-Token-Count"),
                                answer.header().apply("X-Amzn-Bedrock-Output-Token-Count"))));
        RetryPolicy.Call call = new RetryPolicy.Call(operation, target.encodedModelId(), config.timeout(), "timeout");
        // counting tokens is not generating them: the model's budgets do not apply
        Uni<Answer> answer = "count-tokens".equals(operation) ? retry.call(call, attempt)
                : budgets.call(modelId.value(), body, config.timeout(), "timeout",
                        reservation -> retry.call(call, attempt).invoke(a -> settle(reservation, a)));
        return answer.ifNoItem().after(config.timeout()).on(streaming.deadlines()).failWith(() -> new BedrockTimeoutException(
                settings.prefix() + "timeout", config.timeout(), "No complete answer"));
    }

    /**
     * @param modelId the model
     * @param options the request options (region, credentials)
     * @param operation {@code converse-stream} or {@code invoke-with-response-stream}
     * @param body the JSON body
     * @param events makes the converter of the answer's messages, once its headers arrived
     * @return the chunks, retried until the first content chunk; the stream fails when the body stays silent for the
     *         client's {@code stream-idle-timeout}, or lasts longer than its {@code stream-timeout}
     */
    Multi<Chunk> stream(ModelId modelId, BedrockOptions options, String operation, byte[] body,
            Function<StreamingAnswer, StreamEvents> events) {
        RequestTarget target = target(modelId, options, operation);
        StreamProgress progress = new StreamProgress(modelId.value());
        AttemptHeaders attemptHeaders = new AttemptHeaders(retry.maxAttempts());
        Multi<Chunk> attempts = budgets.stream(modelId.value(), body, config.streamTimeout(), "stream-timeout",
                reservation -> retry.stream(
                        new RetryPolicy.Call(operation, target.encodedModelId(), config.streamTimeout(), "stream-timeout"),
                        () -> signed.send(target, body, options, attemptHeaders,
                                (uri, headers) -> TraceScope.within(streaming.post(uri, headers, body)))
                                .onItem().transformToMulti(answer -> {
                                    progress.answered(answer.requestId());
                                    return StreamedChunks.of(answer, events.apply(answer), config.streamIdleTimeout(),
                                            settings.prefix() + "stream-idle-timeout", streaming.deadlines());
                                }),
                        progress).onItem().invoke(chunk -> {
                            if (chunk instanceof Chunk.UsageChunk u && u.usage() != null) {
                                reservation.settle(u.usage().inputTokens() + (long) u.usage().outputTokens());
                            }
                        }));
        return StreamDeadline.of(attempts, config.streamTimeout(), () -> progress.withProgress(new BedrockTimeoutException(
                settings.prefix() + "stream-timeout", config.streamTimeout(), "The stream did not end")),
                streaming.deadlines());
    }

    /** Corrects the token estimate of a call with the counts its answer's headers report, when they do. */
    private static void settle(ModelBudgets.Reservation reservation, Answer answer) {
        try {
            String output = answer.outputTokenCount();
            if (answer.inputTokenCount() != null && output != null) {
                reservation.settle(Long.parseLong(answer.inputTokenCount().trim()) + Long.parseLong(output.trim()));
            }
        } catch (NumberFormatException e) {
            // not a count: the estimate stays
        }
    }

    /** Closes the HTTP client. */
    void close() {
        streaming.close();
    }

    private RequestTarget target(ModelId modelId, BedrockOptions options, String operation) {
        return targets.of(regions.resolve(options), modelId, operation);
    }
}
