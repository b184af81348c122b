package io.quarkiverse.bedrock.api.async;

import java.time.Duration;

import io.quarkiverse.bedrock.api.BedrockOptions;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Asynchronous invocations (StartAsyncInvoke, GetAsyncInvoke, ListAsyncInvokes): long-running model jobs, such as
 * video generation or segmented embeddings, whose output Bedrock writes to S3. Obtain it from
 * {@link io.quarkiverse.bedrock.api.BedrockClient#asyncInvokes()}.
 */
public interface AsyncInvokes {

    /**
     * @param request the model, its input and the output location
     * @return the invocation's ARN
     */
    Uni<String> start(StartAsyncInvokeRequest request);

    /**
     * @param invocationArn the invocation's ARN
     * @param options per-request region and credentials
     * @return the invocation; fails with {@link io.quarkiverse.bedrock.api.error.ResourceNotFoundException} for an
     *         unknown ARN
     */
    Uni<AsyncInvoke> get(String invocationArn, BedrockOptions options);

    /**
     * @param invocationArn the invocation's ARN
     * @return the invocation
     */
    default Uni<AsyncInvoke> get(String invocationArn) {
        return get(invocationArn, BedrockOptions.NONE);
    }

    /**
     * @param request filters, order, page size and page token
     * @return one page
     */
    Uni<AsyncInvokePage> list(ListAsyncInvokesRequest request);

    /**
     * @param request filters, order and page size (its page token is where to start)
     * @return every matching invocation, fetching the next page (with {@link #list}) only when the subscriber asks for
     *         more
     */
    default Multi<AsyncInvoke> listAll(ListAsyncInvokesRequest request) {
        return list(request).onItem().transformToMulti(page -> {
            Multi<AsyncInvoke> items = Multi.createFrom().iterable(page.invocations());
            if (page.nextToken() == null || page.nextToken().equals(request.nextToken())) {
                return items;
            }
            return Multi.createBy().concatenating().streams(items,
                    Multi.createFrom().deferred(() -> listAll(request.page(page.nextToken()))));
        });
    }

    /**
     * Polls an invocation until it is completed or failed.
     *
     * @param invocationArn the invocation's ARN
     * @param interval the time between two polls
     * @param deadline how long to wait at most, from subscription
     * @param options per-request region and credentials
     * @return the finished invocation (check {@link AsyncInvoke#status()}: a failed job is an answer, not an error);
     *         fails with {@link AsyncInvokeDeadlineException} when it has not finished by the deadline
     */
    Uni<AsyncInvoke> awaitCompletion(String invocationArn, Duration interval, Duration deadline, BedrockOptions options);

    /**
     * @param invocationArn the invocation's ARN
     * @param interval the time between two polls
     * @param deadline how long to wait at most
     * @return the finished invocation
     */
    default Uni<AsyncInvoke> awaitCompletion(String invocationArn, Duration interval, Duration deadline) {
        return awaitCompletion(invocationArn, interval, deadline, BedrockOptions.NONE);
    }
}
