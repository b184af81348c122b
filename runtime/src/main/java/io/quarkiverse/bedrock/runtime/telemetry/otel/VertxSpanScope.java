package io.quarkiverse.bedrock.runtime.telemetry.otel;

import io.opentelemetry.context.Context;
import io.quarkiverse.bedrock.runtime.telemetry.TraceScope;
import io.quarkus.opentelemetry.runtime.QuarkusContextStorage;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.AbstractUni;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.vertx.core.Vertx;

/**
 * In Quarkus: each attempt is subscribed on a new duplicated Vert.x context holding the span. Quarkus keeps the
 * OpenTelemetry context in the Vert.x context, and its HTTP client instrumentation reads it when the request is
 * written, which for the streaming client is after the subscription returned: a thread-local scope would be closed
 * by then, and the caller's own duplicated context may hold another span.
 */
class VertxSpanScope implements TraceScope {

    private final Vertx vertx;
    private final Context context;

    VertxSpanScope(Vertx vertx, Context context) {
        this.vertx = vertx;
        this.context = context;
    }

    @Override
    public <T> Uni<T> around(Uni<T> send) {
        return new AbstractUni<T>() {
            @Override
            public void subscribe(UniSubscriber<? super T> subscriber) {
                io.vertx.core.Context current = Vertx.currentContext();
                io.vertx.core.Context attempt = VertxContext
                        .createNewDuplicatedContext(current != null ? current : vertx.getOrCreateContext());
                QuarkusContextStorage.INSTANCE.attach(attempt, context); // this attempt's context alone: never detached
                attempt.runOnContext(ignored -> AbstractUni.subscribe(send, subscriber));
            }
        };
    }
}
