package io.quarkiverse.bedrock.runtime.telemetry;

import java.time.Duration;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.quarkiverse.bedrock.api.async.AsyncInvoke;
import io.quarkiverse.bedrock.api.async.AsyncInvokePage;
import io.quarkiverse.bedrock.api.async.AsyncInvokes;
import io.quarkiverse.bedrock.api.async.ListAsyncInvokesRequest;
import io.quarkiverse.bedrock.api.async.StartAsyncInvokeRequest;
import io.smallrye.mutiny.Uni;

/**
 * Asynchronous invocation calls reported as operations of their own: {@code start_async_invoke} (with the model),
 * {@code get_async_invoke}, {@code list_async_invokes} (one per page) and {@code await_async_invoke} (one for the whole
 * wait, its polls included); {@link #listAll} pages through {@link #list}, so each page it fetches is one
 * {@code list_async_invokes} operation.
 */
final class ObservedAsyncInvokes implements AsyncInvokes {

    private final AsyncInvokes delegate;
    private final ObservedBedrockClient client;

    ObservedAsyncInvokes(AsyncInvokes delegate, ObservedBedrockClient client) {
        this.delegate = delegate;
        this.client = client;
    }

    @Override
    public Uni<String> start(StartAsyncInvokeRequest request) {
        return client.observe(
                () -> client.operation(Operation.START_ASYNC_INVOKE, request.modelId(), "start-async-invoke", null),
                () -> delegate.start(request), arn -> Outcome.EMPTY);
    }

    @Override
    public Uni<AsyncInvoke> get(String invocationArn, BedrockOptions options) {
        return client.observe(() -> client.operation(Operation.GET_ASYNC_INVOKE, null, "get-async-invoke", null),
                () -> delegate.get(invocationArn, options), job -> Outcome.EMPTY);
    }

    @Override
    public Uni<AsyncInvokePage> list(ListAsyncInvokesRequest request) {
        return client.observe(() -> client.operation(Operation.LIST_ASYNC_INVOKES, null, "list-async-invokes", null),
                () -> delegate.list(request), page -> Outcome.EMPTY);
    }

    @Override
    public Uni<AsyncInvoke> awaitCompletion(String invocationArn, Duration interval, Duration deadline,
            BedrockOptions options) {
        return client.observe(() -> client.operation(Operation.AWAIT_ASYNC_INVOKE, null, "get-async-invoke", null),
                () -> delegate.awaitCompletion(invocationArn, interval, deadline, options), job -> Outcome.EMPTY);
    }
}
