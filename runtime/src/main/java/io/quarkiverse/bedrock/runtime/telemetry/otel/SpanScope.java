package io.quarkiverse.bedrock.runtime.telemetry.otel;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkiverse.bedrock.runtime.telemetry.TraceScope;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.AbstractUni;
import io.smallrye.mutiny.subscription.UniSubscriber;

/** Outside Quarkus (benchmarks, tests): the span is current on the subscribing thread while the request is sent. */
class SpanScope implements TraceScope {

    private final Context context;

    SpanScope(Context context) {
        this.context = context;
    }

    @Override
    public <T> Uni<T> around(Uni<T> send) {
        return new AbstractUni<T>() {
            @Override
            public void subscribe(UniSubscriber<? super T> subscriber) {
                try (Scope ignored = context.makeCurrent()) {
                    AbstractUni.subscribe(send, subscriber);
                }
            }
        };
    }
}
