package io.quarkiverse.bedrock.runtime.telemetry;

import io.smallrye.mutiny.Context;
import io.smallrye.mutiny.Uni;

/**
 * Sends a call's HTTP requests within its trace context (its Bedrock span), so that the HTTP client's span (REST
 * client, Vert.x) is a child of the Bedrock span and the request's {@code traceparent} carries it. The call's
 * observation puts it in the Mutiny context of the call's subscription; every attempt, retries included, is sent
 * within it.
 */
public interface TraceScope {

    /** The key of the Mutiny {@link Context} entry holding the scope of one call. */
    String CONTEXT_KEY = TraceScope.class.getName();

    /**
     * @param send one attempt's request: it is sent during its subscription
     * @return {@code send}, subscribed within the call's trace context
     */
    <T> Uni<T> around(Uni<T> send);

    /**
     * @param send one attempt's request
     * @return {@code send}, subscribed within the trace context of the call it belongs to, when it has one
     */
    static <T> Uni<T> within(Uni<T> send) {
        return Uni.createFrom().context(context -> {
            TraceScope scope = context.getOrElse(CONTEXT_KEY, () -> null);
            return scope == null ? send : scope.around(send);
        });
    }
}
