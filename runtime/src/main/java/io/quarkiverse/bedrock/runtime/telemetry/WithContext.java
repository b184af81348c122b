package io.quarkiverse.bedrock.runtime.telemetry;

import java.util.Map;

import io.smallrye.mutiny.Context;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.AbstractUni;
import io.smallrye.mutiny.subscription.UniSubscriber;
import io.smallrye.mutiny.subscription.UniSubscription;

/**
 * Gives the upstream of one subscription a Mutiny {@link Context} holding the entries of one call (the listeners the
 * client's retry logic reports to), on top of the downstream subscriber's context. Mutiny hands a subscriber without
 * a context of its own a new empty one at every ask, so an entry put there would be lost: this operator keeps one
 * context per subscription ({@link WatchedStream} does the same for streams).
 */
final class WithContext {

    private WithContext() {
    }

    /** @return {@code upstream}, whose subscriptions see the entries in their context */
    static <T> Uni<T> uni(Uni<T> upstream, Map<String, Object> entries) {
        return new AbstractUni<T>() {
            @Override
            public void subscribe(UniSubscriber<? super T> downstream) {
                Context context = merged(downstream.context(), entries);
                AbstractUni.subscribe(upstream, new UniSubscriber<T>() {
                    @Override
                    public Context context() {
                        return context;
                    }

                    @Override
                    public void onSubscribe(UniSubscription subscription) {
                        downstream.onSubscribe(subscription);
                    }

                    @Override
                    public void onItem(T item) {
                        downstream.onItem(item);
                    }

                    @Override
                    public void onFailure(Throwable failure) {
                        downstream.onFailure(failure);
                    }
                });
            }
        };
    }

    /**
     * @param downstream the downstream subscriber's context
     * @param entries the entries of one call
     * @return a new context holding both, the call's entries winning
     */
    static Context merged(Context downstream, Map<String, Object> entries) {
        Context context = Context.empty();
        for (String key : downstream.keys()) {
            context.put(key, downstream.get(key));
        }
        entries.forEach(context::put);
        return context;
    }
}
